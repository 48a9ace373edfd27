import { languageFromTag, type Language } from "../../../core/src/i18n/Language";
import { createExcelWorkbook } from "../excel/createExcelWorkbook";
import { officeExcelHost } from "../excel/ExcelHost";
import type { WorkbookPort } from "../workbook/WorkbookPort";

export type HostSupport = "ok" | "notExcel" | "tooOld";

export interface HostInfo {
  language: Language;
  dark: boolean;
  support: HostSupport;
  /** Present when support is "ok". */
  workbook: WorkbookPort | undefined;
}

/** The Office requirement the add-in needs: data validation and runtime.enableEvents arrived in ExcelApi 1.8. */
export const REQUIRED_EXCEL_API = "1.8";

/** Waits for Office, then says what the pane can do here: language and theme from Office, and API support. */
export async function startHost(): Promise<HostInfo> {
  const info = await Office.onReady();
  const context = Office.context;
  const language = languageFromTag(context?.displayLanguage);
  const dark = isDarkColor(context?.officeTheme?.bodyBackgroundColor);
  if (info.host !== Office.HostType.Excel) return { language, dark, support: "notExcel", workbook: undefined };
  if (!context.requirements.isSetSupported("ExcelApi", REQUIRED_EXCEL_API)) return { language, dark, support: "tooOld", workbook: undefined };
  return { language, dark, support: "ok", workbook: createExcelWorkbook(officeExcelHost()) };
}

/** True for a dark Office theme's background, e.g. "#262626" (Office gives "#RRGGBB"). */
export function isDarkColor(color: string | undefined): boolean {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color ?? "");
  if (!m) return false;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h!, 16) / 255);
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b! < 0.5;
}
