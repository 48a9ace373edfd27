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
  return gridCellAt(sheet, pos.row, pos.column);
}

/** The cell at a zero-based row and column (for loops over many cells, without formatting addresses). */
export function gridCellAt(sheet: SheetGrid, row: number, column: number): GridCell {
  const value = sheet.values[row]?.[column];
  const f = sheet.formulas?.[row]?.[column];
  return { value: value === undefined ? null : value, formula: typeof f === "string" && f.startsWith("=") ? f : undefined };
}

/** True when none of `columns` of a zero-based row holds a value or a formula (rows the reader left out included). */
export function isBlankRow(sheet: SheetGrid, row: number, columns: readonly number[]): boolean {
  const values = sheet.values[row];
  const formulas = sheet.formulas?.[row];
  if (values === undefined && formulas === undefined) return true;
  // Columns past a row's end are blank without looking (a roster row holding only its printed number: most are).
  const valueEnd = values?.length ?? 0;
  const formulaEnd = formulas?.length ?? 0;
  for (const c of columns) {
    if (c < valueEnd && !isBlank(values![c])) return false;
    if (c < formulaEnd) {
      const f = formulas![c];
      if (typeof f === "string" && f.startsWith("=")) return false;
    }
  }
  return true;
}

/** True for a cell with nothing in it (null, undefined, or text of spaces). */
export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}
