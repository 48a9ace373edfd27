import type { XlsxLimits } from "./XlsxLimits";

/** What the part readers of one workbook share: the limits, the shared strings, and the running cell count. */
export interface ReadContext {
  limits: XlsxLimits;
  sharedStrings: string[];
  cells: number;
}
