/** A1-style cell addresses, zero-based internally (row 0 / column 0 is A1). */

export interface CellPosition {
  row: number;
  column: number;
}

/** The last row and column of Excel's grid (1,048,576 rows, XFD columns). */
export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_COLUMNS = 16_384;

export function columnLetter(column: number): string {
  if (!Number.isInteger(column) || column < 0 || column >= EXCEL_MAX_COLUMNS) {
    throw new RangeError(`column index out of Excel's grid: ${column}`);
  }
  let n = column + 1;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export function columnIndex(letters: string): number {
  if (!/^[A-Z]{1,3}$/.test(letters)) throw new RangeError(`not a column: ${letters}`);
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function cellAddress(row: number, column: number): string {
  return `${columnLetter(column)}${row + 1}`;
}

// Checking a workbook looks the layout's few hundred addresses up again and again (every file, every keystroke in
// the add-in): each is parsed once. Bounded, since addresses can also come from what a user typed.
const parsedAddresses = new Map<string, Readonly<CellPosition> | undefined>();

/**
 * Parses "B12" (optionally "$B$12"); returns undefined for anything else or for a cell beyond Excel's grid. The
 * position returned is frozen (it may be shared with other callers).
 */
export function parseCellAddress(address: string): Readonly<CellPosition> | undefined {
  const known = parsedAddresses.get(address);
  if (known !== undefined || parsedAddresses.has(address)) return known;
  const position = parseAddressText(address);
  if (parsedAddresses.size >= 10_000) parsedAddresses.clear();
  parsedAddresses.set(address, position);
  return position;
}

function parseAddressText(address: string): Readonly<CellPosition> | undefined {
  const m = /^\$?([A-Z]{1,3})\$?([1-9][0-9]{0,6})$/.exec(address);
  if (!m) return undefined;
  const column = columnIndex(m[1]!);
  const row = Number(m[2]) - 1;
  if (column >= EXCEL_MAX_COLUMNS || row >= EXCEL_MAX_ROWS) return undefined;
  return Object.freeze({ row, column });
}

export function rangeAddress(from: CellPosition, to: CellPosition): string {
  return `${cellAddress(from.row, from.column)}:${cellAddress(to.row, to.column)}`;
}
