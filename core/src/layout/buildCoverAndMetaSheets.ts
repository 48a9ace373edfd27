import type { Catalog, IndicatorInContext, Institution } from "../catalog/Catalog";
import type { Language } from "../i18n/Language";
import { reportingDeadline, semesterLabel, type Semester } from "../period/Semester";
import { LAYOUT_TEXT } from "./layoutText";
import { SheetBuilder } from "./SheetBuilder";
import { META_KEYS, META_SHEET_NAME, type MetaKey, type SheetSpec } from "./TemplateLayout";
import { validationTexts } from "./validationPrompts";

export const PREPARED_BY_MAX_LENGTH = 120;

/** The cover: which institution and semester the file is for, how to fill it, who prepared it. */
export function buildCoverSheet(
  catalog: Catalog,
  institution: Institution,
  semester: Semester,
  language: Language,
  centralIndicators: IndicatorInContext[],
): { sheet: SheetSpec; preparedByCell: string } {
  const T = (key: keyof typeof LAYOUT_TEXT) => (LAYOUT_TEXT[key] as { es: string; en: string })[language];
  const sheet = new SheetBuilder("cover", T("sheetCover"), [{ width: 36 }, { width: 100 }]);
  sheet.text(0, 0, T("coverTitle"), "title");
  sheet.text(1, 0, catalog.title[language], "subtitle");
  const period = `${semesterLabel(semester, language)} (${formatPeriodCode(semester)})`;
  const deadline = reportingDeadline(semester, catalog.settings.reportingDeadlineDays);
  const wording = catalog.wording.status === "awaiting-official" ? ` — ${T("wordingPending")}` : "";
  const rows: Array<[string, string]> = [
    [T("institution"), `${institution.name[language]} (${institution.code})`],
    [T("period"), period],
    [T("deadline"), language === "es" ? deadline.split("-").reverse().join("/") : deadline],
    [T("catalog"), `${catalog.version}${wording}`],
  ];
  rows.forEach(([label, value], i) => {
    sheet.text(3 + i, 0, label, "code");
    sheet.text(3 + i, 1, value, "label");
  });
  sheet.text(7, 0, T("preparedBy"), "code");
  const rule = { kind: "textLength", max: PREPARED_BY_MAX_LENGTH } as const;
  const texts = validationTexts(rule, language);
  const preparedByCell = sheet.input(7, 1, "text", rule, texts.prompt, texts.error);

  sheet.text(9, 0, T("howTo"), "groupHeader");
  sheet.blank(9, 1, "groupHeader");
  (LAYOUT_TEXT.steps as Array<{ es: string; en: string }>).forEach((step, i) => sheet.text(10 + i, 1, step[language], "text"));
  if (centralIndicators.length > 0) {
    const at = 11 + LAYOUT_TEXT.steps.length;
    sheet.text(at, 0, T("centralIndicators"), "groupHeader");
    sheet.blank(at, 1, "groupHeader");
    centralIndicators.forEach(({ indicator }, i) => {
      sheet.text(at + 1 + i, 0, indicator.code, "code");
      sheet.text(at + 1 + i, 1, `${indicator.text[language]} ${indicator.guidance[language]}`, "label");
    });
  }
  return { sheet: sheet.build({ protect: true }), preparedByCell };
}

/** The hidden sheet that identifies a filled file: one key and value per row. */
export function buildMetaSheet(values: Partial<Record<MetaKey, string>>): { sheet: SheetSpec; cells: Record<MetaKey, string> } {
  const sheet = new SheetBuilder("meta", META_SHEET_NAME, [{ width: 18 }, { width: 48 }]);
  sheet.text(0, 0, "key", "meta");
  sheet.text(0, 1, "value", "meta");
  const cells = {} as Record<MetaKey, string>;
  META_KEYS.forEach((key, i) => {
    sheet.text(i + 1, 0, key, "meta");
    const value = values[key];
    cells[key] = value === undefined || value === "" ? sheet.blank(i + 1, 1, "meta") : sheet.text(i + 1, 1, value, "meta", "text");
  });
  return { sheet: sheet.build({ protect: true, visibility: "veryHidden" }), cells };
}

function formatPeriodCode(s: Semester): string {
  return `${s.year}-S${s.half}`;
}

