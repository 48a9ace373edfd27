import ExcelJS from "exceljs";
import type { ReportModel } from "../model/buildReportModel";
import { INTERNAL_MARK, REPORT_TEXT, SHEET_NAMES } from "../reportText";
import type { TidyTable } from "../tables/TidyTable";
import { finishXlsx } from "./finishXlsx";
import type { SheetContext } from "./SheetWriter";
import { writeCoverSheet } from "./writeCoverSheet";
import { writeDataSheet } from "./writeDataSheet";
import { writeSectionSheet } from "./writeSectionSheet";

/**
 * The Committee's workbook: a cover, one sheet per report section (area summaries, deliverables, trends, UN
 * parity, personnel, reports received, rosters) and the indicator data as an Excel table. No cell holds a
 * formula. `now` dates the file (its properties and zip entries), so the same model and `now` give the same bytes.
 */
export async function buildCommitteeWorkbook(model: ReportModel, indicators: TidyTable, now: Date): Promise<Buffer> {
  const lang = model.ctx.lang;
  const wb = new ExcelJS.Workbook();
  wb.creator = "PA1325";
  wb.lastModifiedBy = "PA1325";
  wb.created = now;
  wb.modified = now;
  wb.title = `${REPORT_TEXT.packTitle[lang]} — ${model.ctx.data.period}`;
  wb.subject = model.internal ? INTERNAL_MARK : REPORT_TEXT.packSubtitle[lang];
  wb.keywords = model.internal ? INTERNAL_MARK : "";
  const ctx: SheetContext = {
    internal: model.internal,
    internalExplanation: REPORT_TEXT.internalExplanation[lang],
    suppressedText: model.suppressedText,
    withheldText: REPORT_TEXT.withheld[lang],
  };
  const names = new Set<string>();
  const add = (name: string) => wb.addWorksheet(uniqueSheetName(name, names));
  writeCoverSheet(add(SHEET_NAMES.cover[lang]), model, ctx);
  for (const section of model.sections) writeSectionSheet(add(section.sheetName), section, model, ctx);
  writeDataSheet(add(SHEET_NAMES.data[lang]), model, indicators, ctx);
  return finishXlsx(Buffer.from(await wb.xlsx.writeBuffer()), now);
}

/** Excel's rules for sheet names: at most 31 characters, none of []:*?/\, no apostrophe at either end, unique (case-insensitively). */
export function uniqueSheetName(wanted: string, used: Set<string>): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, "-").replace(/^'+|'+$/g, "").trim().slice(0, 31) || "-";
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
  used.add(name.toLowerCase());
  return name;
}
