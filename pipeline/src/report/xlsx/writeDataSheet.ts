import type ExcelJS from "exceljs";
import { numberKindFor, XLSX_NUMBER_FORMATS } from "../format/formatValues";
import { startsLikeFormula } from "../format/neutraliseText";
import type { ReportModel } from "../model/buildReportModel";
import { REPORT_TEXT, SEX_LABELS, suppressionLegend } from "../reportText";
import type { TidyTable, TidyValue } from "../tables/TidyTable";
import { TEXT_FORMAT } from "./finishXlsx";
import { encodeOoxmlText } from "./ooxmlText";
import { SheetWriter, type SheetContext } from "./SheetWriter";
import { setupSheet } from "./writeSectionSheet";
import { LOOKS } from "./xlsxLooks";

const T = REPORT_TEXT;

/** The sheet's columns, each read from the tidy `indicators` table, with its header in the report's language. */
const COLUMNS = [
  { header: T.colPeriod, from: "period", width: 10 },
  { header: T.colArea, from: "area", width: 8 },
  { header: T.colCode, from: "indicator_code", width: 11 },
  { header: T.colIndicator, from: "indicator", width: 46 },
  { header: T.colUnit, from: "unit", width: 16 },
  { header: T.colInstitution, from: "institution", width: 12 },
  { header: T.colBreakdown, from: "breakdown", width: 28 },
  { header: T.colSex, from: "sex", width: 12 },
  { header: T.colValue, from: "value", width: 10 },
  { header: T.colSuppressed, from: "suppressed", width: 9 },
  { header: T.colInstitutionsReporting, from: "institutions_reporting", width: 13 },
  { header: T.colComparable, from: "comparable", width: 12 },
] as const;

/**
 * Every indicator figure as one Excel table (Insert › PivotTable works on it directly). A hidden figure reads
 * «<k» in the value column, never 0 or blank.
 */
export function writeDataSheet(ws: ExcelJS.Worksheet, model: ReportModel, indicators: TidyTable, ctx: SheetContext): void {
  const lang = model.ctx.lang;
  COLUMNS.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  const w = new SheetWriter(ws, ctx);
  w.banner(COLUMNS.length);
  w.line(T.dataTitle[lang], LOOKS.title);
  w.line(model.contextLine, LOOKS.subtitle);
  w.line(T.dataIntro[lang], LOOKS.subtitle);
  for (const l of suppressionLegend(model.ctx.data.suppression, lang)) w.line(l, LOOKS.legend);
  w.skip();
  const at = (name: string) => {
    const i = indicators.columns.findIndex((c) => c.name === name);
    if (i < 0) throw new RangeError(`indicators has no column ${name}`);
    return i;
  };
  const index = Object.fromEntries(COLUMNS.map((c) => [c.from, at(c.from)])) as Record<(typeof COLUMNS)[number]["from"], number>;
  const measure = at("measure");
  const valueColumn = COLUMNS.findIndex((c) => c.from === "value");
  const yesNo = (v: TidyValue) => (v === true ? T.yes[lang] : v === false ? T.no[lang] : null);
  const rows = indicators.rows.map((r) =>
    COLUMNS.map((c): string | number | null => {
      const v = r[index[c.from]]!;
      if (c.from === "sex") return SEX_LABELS[(v ?? "*") as keyof typeof SEX_LABELS][lang];
      if (c.from === "value") return v === null ? (r[index.suppressed] === true ? model.suppressedText : "—") : (v as number);
      if (c.from === "suppressed" || c.from === "comparable") return yesNo(v);
      return typeof v === "string" ? v : (v as number | null);
    }),
  );
  const top = w.row;
  if (rows.length === 0) {
    w.line(T.noRows[lang], LOOKS.subtitle);
  } else {
    ws.addTable({
      name: T.dataTableName[lang],
      ref: `A${top}`,
      headerRow: true,
      totalsRow: false,
      style: { theme: "TableStyleLight9", showRowStripes: true },
      columns: COLUMNS.map((c) => ({ name: c.header[lang], filterButton: true })),
      rows: rows.map((r) => r.map((v) => (typeof v === "string" ? encodeOoxmlText(v) : v))),
    });
    // ExcelJS stored the (encoded) values; the looks and the "this is text" mark go on afterwards.
    rows.forEach((r, n) => {
      const row = ws.getRow(top + 1 + n);
      r.forEach((v, i) => {
        const cell = row.getCell(i + 1);
        if (typeof v === "string" && startsLikeFormula(v)) cell.numFmt = TEXT_FORMAT;
        else if (typeof v === "number") cell.numFmt = XLSX_NUMBER_FORMATS[i === valueColumn ? numberKindFor(String(indicators.rows[n]![measure]), v) : "count"];
        if (i === valueColumn && v === model.suppressedText) cell.font = LOOKS.suppressed.font;
      });
    });
    ws.getRow(top).alignment = { wrapText: true, vertical: "middle" };
  }
  setupSheet(ws, model, { freeze: { rows: top, columns: 0 }, printTitles: `${top}:${top}` });
}
