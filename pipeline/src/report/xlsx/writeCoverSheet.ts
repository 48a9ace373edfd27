import type ExcelJS from "exceljs";
import type { ReportModel } from "../model/buildReportModel";
import { REPORT_TEXT } from "../reportText";
import { SheetWriter, setText, type SheetContext } from "./SheetWriter";
import { setColumnWidths, setupSheet } from "./writeSectionSheet";
import { LOOKS } from "./xlsxLooks";

/** The cover: title, the facts of the pack, the suppression rule, the legend, the contents, and the files used. */
export function writeCoverSheet(ws: ExcelJS.Worksheet, model: ReportModel, ctx: SheetContext): void {
  const { cover } = model;
  const lang = model.ctx.lang;
  const columns = setColumnWidths(ws, [cover.submissions, cover.excluded]);
  const w = new SheetWriter(ws, ctx);
  w.banner(columns);
  w.line(cover.title, LOOKS.title);
  w.line(cover.subtitle, LOOKS.subtitle);
  w.skip();
  for (const f of cover.facts) {
    const label = ws.getCell(w.row, 1);
    setText(label, f.label);
    label.font = { bold: true };
    setText(ws.getCell(w.row, 2), f.value);
    w.row++;
  }
  for (const n of cover.notices) w.line(n, LOOKS.bannerNote);
  w.skip();
  w.line(cover.suppressionTitle, LOOKS.tableTitle);
  w.line(cover.suppressionText);
  w.skip();
  w.line(REPORT_TEXT.legendTitle[lang], LOOKS.tableTitle);
  for (const l of cover.legend) w.line(l, LOOKS.legend);
  w.skip();
  w.line(REPORT_TEXT.contents[lang], LOOKS.tableTitle);
  for (const c of cover.contents) {
    const name = ws.getCell(w.row, 1);
    setText(name, c.name);
    name.font = { bold: true };
    setText(ws.getCell(w.row, 2), c.description);
    w.row++;
  }
  w.skip();
  for (const t of [cover.submissions, cover.excluded]) {
    if (t.rows.length === 0) {
      w.line(t.title, LOOKS.tableTitle);
      if (t.intro) w.line(t.intro, LOOKS.subtitle);
      for (const n of t.notes) w.line(n);
    } else {
      w.table(t, { title: true });
    }
    w.skip();
  }
  setupSheet(ws, model, {});
}
