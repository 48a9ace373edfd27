import type ExcelJS from "exceljs";
import type { Tone } from "../model/ReportTable";

const solid = (argb: string): ExcelJS.Fill => ({ type: "pattern", pattern: "solid", fgColor: { argb } });
const thin: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FFBFBFBF" } };
export const GRID: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

/** The looks of the pack's cells. A hidden figure has its own look (and its «<k» text) so nobody reads it as a number. */
export const LOOKS = {
  banner: { font: { bold: true, size: 12, color: { argb: "FFFFFFFF" } }, fill: solid("FFC00000") },
  bannerNote: { font: { bold: true, color: { argb: "FFC00000" } } },
  title: { font: { bold: true, size: 14, color: { argb: "FF1F3864" } } },
  subtitle: { font: { color: { argb: "FF404040" } } },
  tableTitle: { font: { bold: true, size: 12, color: { argb: "FF1F3864" } } },
  legend: { font: { italic: true, size: 9, color: { argb: "FF404040" } } },
  header: { font: { bold: true }, fill: solid("FFD9E1F2") },
  suppressed: { font: { italic: true, color: { argb: "FF5B3F8C" } }, fill: solid("FFEDE7F6") },
  none: { font: { color: { argb: "FF808080" } } },
} satisfies Record<string, { font?: Partial<ExcelJS.Font>; fill?: ExcelJS.Fill }>;

/** Status colours follow Excel's own "good / neutral / bad" cell styles; the words carry the meaning. */
export const TONE_LOOKS: Record<Tone, { font?: Partial<ExcelJS.Font>; fill?: ExcelJS.Fill }> = {
  good: { font: { color: { argb: "FF006100" } }, fill: solid("FFC6EFCE") },
  warn: { font: { color: { argb: "FF9C5700" } }, fill: solid("FFFFEB9C") },
  bad: { font: { color: { argb: "FF9C0006" } }, fill: solid("FFFFC7CE") },
  neutral: {},
};
