import type { IndicatorInContext } from "../catalog/Catalog";
import type { Language } from "../i18n/Language";
import { DELIVERABLE_STATUSES, DELIVERABLE_STATUS_LABELS } from "./deliverableStatus";
import { NOTE_MAX_LENGTH } from "./buildIndicatorsSheet";
import { LAYOUT_TEXT } from "./layoutText";
import { deliverableKey } from "./rowKeys";
import { SheetBuilder } from "./SheetBuilder";
import type { DeliverableRowSpec, SheetSpec, ValidationRule } from "./TemplateLayout";
import { validationTexts } from "./validationPrompts";

export const DELIVERABLE_HEADER_ROW = 3;
export const REFERENCE_MAX_LENGTH = 200;
export const DATE_RULE = { kind: "date", min: "2000-01-01", max: "2100-12-31" } as const satisfies ValidationRule;

/** One row per deliverable (a directive, regulation or structure) with its status at the end of the semester. */
export function buildDeliverablesSheet(
  indicators: IndicatorInContext[],
  language: Language,
  title: string,
): { sheet: SheetSpec; rows: DeliverableRowSpec[]; lastRow: number } {
  const T = (key: keyof typeof LAYOUT_TEXT) => (LAYOUT_TEXT[key] as { es: string; en: string })[language];
  const sheet = new SheetBuilder("deliverables", T("sheetDeliverables"), [
    { width: 10 },
    { width: 56 },
    { width: 18 },
    { width: 12 },
    { width: 15 },
    { width: 28 },
    { width: 36 },
    { width: 24, hidden: true },
  ]);
  sheet.text(0, 0, title, "title");
  sheet.text(1, 0, T("deliverablesHint"), "hint");
  [T("colCode"), T("colDeliverable"), T("colStatus"), T("colProgress"), T("colDate"), T("colReference"), T("colNote"), T("colKey")].forEach(
    (h, c) => sheet.text(DELIVERABLE_HEADER_ROW, c, h, "header"),
  );
  const statusRule: ValidationRule = { kind: "list", values: DELIVERABLE_STATUSES.map((s) => DELIVERABLE_STATUS_LABELS[s][language]) };
  const progressRule: ValidationRule = { kind: "decimal", min: 0, max: 100 };
  const referenceRule: ValidationRule = { kind: "textLength", max: REFERENCE_MAX_LENGTH };
  const noteRule: ValidationRule = { kind: "textLength", max: NOTE_MAX_LENGTH };

  const rows: DeliverableRowSpec[] = [];
  let r = DELIVERABLE_HEADER_ROW + 1;
  for (const { indicator } of indicators) {
    const key = deliverableKey(indicator.code);
    const detail = `${indicator.code}.`;
    const input = (column: number, format: "general" | "decimal" | "date" | "text", rule: ValidationRule) => {
      const texts = validationTexts(rule, language, detail);
      return sheet.input(r, column, format, rule, texts.prompt, texts.error);
    };
    sheet.text(r, 0, indicator.code, "code");
    sheet.text(r, 1, indicator.text[language], "label");
    rows.push({
      indicator: indicator.code,
      key,
      status: input(2, "general", statusRule),
      progress: input(3, "decimal", progressRule),
      date: input(4, "date", DATE_RULE),
      reference: input(5, "text", referenceRule),
      note: input(6, "text", noteRule),
      keyCell: sheet.text(r, 7, key, "meta"),
    });
    r++;
  }
  return {
    sheet: sheet.build({ protect: true, freeze: { rows: DELIVERABLE_HEADER_ROW + 1, columns: 2 } }),
    rows,
    lastRow: r - 1,
  };
}
