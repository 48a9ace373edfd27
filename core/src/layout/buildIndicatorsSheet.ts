import type { Catalog, IndicatorInContext } from "../catalog/Catalog";
import { isAdditive } from "../catalog/catalogQueries";
import type { Language } from "../i18n/Language";
import { LAYOUT_TEXT } from "./layoutText";
import { breakdownCombinations, rowKey, totalRowKey } from "./rowKeys";
import { SheetBuilder } from "./SheetBuilder";
import type { IndicatorRowSpec, SheetSpec, TotalRowSpec, ValidationRule } from "./TemplateLayout";
import { validationTexts } from "./validationPrompts";

/** Column positions on the Indicators sheet (zero-based). */
export const INDICATOR_COLUMNS = { code: 0, text: 1, breakdown: 2, unit: 3, women: 4, men: 5, total: 6, previous: 7, note: 8, key: 9 };
export const INDICATOR_HEADER_ROW = 3;
export const NOTE_MAX_LENGTH = 500;
/** No single semester count comes near this; a larger number is a typing slip. */
export const VALUE_MAX = 1_000_000;

export interface IndicatorsSheet {
  sheet: SheetSpec;
  rows: IndicatorRowSpec[];
  totals: TotalRowSpec[];
  lastRow: number;
}

/** One row per indicator and breakdown, women and men side by side where people are counted. */
export function buildIndicatorsSheet(
  catalog: Catalog,
  indicators: IndicatorInContext[],
  language: Language,
  title: string,
  previousPeriod: string,
  previous: Readonly<Record<string, number>>,
): IndicatorsSheet {
  const T = (key: keyof typeof LAYOUT_TEXT) => (LAYOUT_TEXT[key] as { es: string; en: string })[language];
  const C = INDICATOR_COLUMNS;
  const sheet = new SheetBuilder("indicators", T("sheetIndicators"), [
    { width: 10 },
    { width: 52 },
    { width: 34 },
    { width: 14 },
    { width: 11 },
    { width: 11 },
    { width: 12 },
    { width: 13 },
    { width: 36 },
    { width: 30, hidden: true },
  ]);
  sheet.text(0, 0, title, "title");
  sheet.text(1, 0, T("indicatorsHint"), "hint");
  const headers = [
    T("colCode"),
    T("colIndicator"),
    T("colBreakdown"),
    T("colUnit"),
    T("colWomen"),
    T("colMen"),
    T("colTotal"),
    `${T("colPrevious")} (${previousPeriod})`,
    T("colNote"),
    T("colKey"),
  ];
  headers.forEach((h, c) => sheet.text(INDICATOR_HEADER_ROW, c, h, "header"));

  const rows: IndicatorRowSpec[] = [];
  const totals: TotalRowSpec[] = [];
  const noteRule: ValidationRule = { kind: "textLength", max: NOTE_MAX_LENGTH };
  const noteTexts = validationTexts(noteRule, language);
  let r = INDICATOR_HEADER_ROW + 1;

  for (const { indicator } of indicators) {
    const people = indicator.measure === "people";
    const rule: ValidationRule =
      indicator.measure === "hours" ? { kind: "decimal", min: 0, max: VALUE_MAX } : { kind: "wholeNumber", min: 0, max: VALUE_MAX };
    const format = indicator.measure === "hours" ? "decimal" : "integer";
    const unit = indicator.unit[language];

    sheet.text(r, C.code, indicator.code, "groupHeader");
    sheet.text(r, C.text, indicator.guidance[language], "groupHeader");
    for (let c = C.breakdown; c <= C.note; c++) sheet.blank(r, c, "groupHeader");
    r++;

    const firstRow = rows.length;
    for (const combo of breakdownCombinations(catalog, indicator)) {
      const key = rowKey(indicator.code, combo.dims);
      const breakdown = combo.labels.length > 0 ? combo.labels.map((l) => l.name[language]).join(" · ") : T("noBreakdown");
      const detail = `${indicator.code} · ${breakdown} (${unit}).`;
      const texts = validationTexts(rule, language, detail);
      sheet.text(r, C.code, indicator.code, "code");
      sheet.text(r, C.text, indicator.text[language], "label");
      sheet.text(r, C.breakdown, breakdown, "label");
      sheet.text(r, C.unit, unit, "label");
      const row: IndicatorRowSpec = {
        indicator: indicator.code,
        dims: combo.dims,
        key,
        keyCell: sheet.text(r, C.key, key, "meta"),
        people,
        total: "",
        previous: "",
        note: "",
        rule,
      };
      if (people) {
        row.women = sheet.input(r, C.women, format, rule, texts.prompt, texts.error);
        row.men = sheet.input(r, C.men, format, rule, texts.prompt, texts.error);
        row.total = sheet.formula(r, C.total, `${row.women}+${row.men}`, "computed", format);
      } else {
        sheet.blank(r, C.women, "disabled");
        sheet.blank(r, C.men, "disabled");
        row.total = sheet.input(r, C.total, format, rule, texts.prompt, texts.error);
      }
      const prev = previous[key];
      row.previous =
        prev === undefined ? sheet.blank(r, C.previous, "previous") : sheet.text(r, C.previous, prev, "previous", format);
      row.note = sheet.input(r, C.note, "text", noteRule, noteTexts.prompt, noteTexts.error);
      rows.push(row);
      r++;
    }

    const own = rows.slice(firstRow);
    if (own.length > 1 && isAdditive(catalog, indicator)) {
      const first = own[0]!;
      const last = own[own.length - 1]!;
      const sum = (pick: (x: IndicatorRowSpec) => string | undefined) => `SUM(${pick(first)}:${pick(last)})`;
      const key = totalRowKey(indicator.code);
      sheet.text(r, C.code, indicator.code, "total");
      sheet.text(r, C.text, indicator.text[language], "total");
      sheet.text(r, C.breakdown, T("allBreakdowns"), "total");
      sheet.text(r, C.unit, unit, "total");
      const total: TotalRowSpec = {
        indicator: indicator.code,
        key,
        keyCell: sheet.text(r, C.key, key, "meta"),
        people,
        total: "",
        rows: own.map((x) => x.key),
      };
      if (people) {
        total.women = sheet.formula(r, C.women, sum((x) => x.women), "total", format);
        total.men = sheet.formula(r, C.men, sum((x) => x.men), "total", format);
      } else {
        sheet.blank(r, C.women, "disabled");
        sheet.blank(r, C.men, "disabled");
      }
      total.total = sheet.formula(r, C.total, sum((x) => x.total), "total", format);
      const prev = previous[key];
      if (prev === undefined) sheet.blank(r, C.previous, "previous");
      else sheet.text(r, C.previous, prev, "previous", format);
      sheet.blank(r, C.note, "total");
      totals.push(total);
      r++;
    }
  }

  return {
    sheet: sheet.build({ protect: true, freeze: { rows: INDICATOR_HEADER_ROW + 1, columns: 1 } }),
    rows,
    totals,
    lastRow: r - 1,
  };
}
