import type ExcelJS from "exceljs";
import type { ReportModel } from "../model/buildReportModel";
import type { ReportSection, ReportTable } from "../model/ReportTable";
import { INTERNAL_MARK, REPORT_TEXT } from "../reportText";
import { SheetWriter, type SheetContext } from "./SheetWriter";
import { LOOKS } from "./xlsxLooks";

/** One section of the report as a sheet: banner, title, context, intro, legend, then its tables. */
export function writeSectionSheet(ws: ExcelJS.Worksheet, section: ReportSection, model: ReportModel, ctx: SheetContext): void {
  // Widths first: row heights of wrapped text are worked out from them.
  const columns = setColumnWidths(ws, section.tables);
  const w = new SheetWriter(ws, ctx);
  w.banner(Math.max(columns, 8));
  w.line(section.title, LOOKS.title);
  w.line(model.contextLine, LOOKS.subtitle);
  w.line(section.intro, LOOKS.subtitle);
  for (const l of section.legend) w.line(l, LOOKS.legend);
  w.skip();
  const single = section.tables.length === 1;
  let firstHeader: { top: number; bottom: number } | undefined;
  for (const t of section.tables) {
    if (t.rows.length === 0) {
      w.line(t.title, LOOKS.tableTitle);
      w.line(REPORT_TEXT.noRows[model.ctx.lang], LOOKS.subtitle);
      w.skip();
      continue;
    }
    const top = w.row + (single ? 0 : 1) + (t.intro ? 1 : 0);
    const bottom = w.table(t, { title: !single });
    firstHeader ??= { top, bottom };
    w.skip();
  }
  setupSheet(ws, model, {
    freeze: single && firstHeader ? { rows: firstHeader.bottom, columns: section.tables[0]!.rowHeaderColumns } : undefined,
    printTitles: single && firstHeader ? `${firstHeader.top}:${firstHeader.bottom}` : undefined,
  });
}

/** Sets each column to the widest any table wants; returns how many columns the tables use. */
export function setColumnWidths(ws: ExcelJS.Worksheet, tables: readonly ReportTable[]): number {
  const widths: number[] = [];
  for (const t of tables) t.columns.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.width)));
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  return widths.length;
}

/** Frozen headers, landscape A4 as wide as the page, headers repeated on each page, and the internal mark in the page header. */
export function setupSheet(ws: ExcelJS.Worksheet, model: ReportModel, options: { freeze?: { rows: number; columns: number }; printTitles?: string }): void {
  if (options.freeze) ws.views = [{ state: "frozen", xSplit: options.freeze.columns, ySplit: options.freeze.rows }];
  ws.pageSetup = {
    orientation: "landscape",
    paperSize: 9,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(options.printTitles ? { printTitlesRow: options.printTitles } : {}),
  };
  // Header and footer use Excel's & codes; the texts here are fixed and hold no "&" of their own.
  const footer = `&L&A&R${REPORT_TEXT.printFooter[model.ctx.lang]}`;
  ws.headerFooter = model.internal ? { oddHeader: `&C&"-,Bold"&KC00000 ${INTERNAL_MARK}`, oddFooter: footer } : { oddFooter: footer };
  if (model.internal) ws.properties.tabColor = { argb: "FFC00000" };
}
