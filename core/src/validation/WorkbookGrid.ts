import { parseCellAddress } from "../layout/cellAddress";

/**
 * A filled workbook as both Office.js (`range.values`, `range.formulas`) and the pipeline's xlsx reader give
 * it: per sheet, a 2-D array of values starting at A1, and optionally the formulas ("=E6+F6" where a cell holds
 * one). Cell values are untrusted: whatever a cell can hold.
 */
export interface SheetGrid {
  values: ReadonlyArray<ReadonlyArray<unknown>>;
  formulas?: ReadonlyArray<ReadonlyArray<unknown>>;
}

export type WorkbookGrid = ReadonlyMap<string, SheetGrid>;

export interface GridCell {
  value: unknown;
  /** The formula text with its "=", when the cell holds a formula. */
  formula: string | undefined;
}

export function gridCell(sheet: SheetGrid, address: string): GridCell {
  const pos = parseCellAddress(address);
  if (!pos) throw new RangeError(`not a cell address: ${address}`);
  const value = sheet.values[pos.row]?.[pos.column];
  const f = sheet.formulas?.[pos.row]?.[pos.column];
  return { value: value === undefined ? null : value, formula: typeof f === "string" && f.startsWith("=") ? f : undefined };
}

/** True for a cell with nothing in it (null, undefined, or text of spaces). */
export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}
