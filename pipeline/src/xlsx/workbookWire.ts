import { CellGrid } from "./CellGrid";
import type { SheetGrid, WorkbookData } from "./WorkbookData";

/**
 * A sheet as the reader's worker posts it: the cells that are present, as parallel dense arrays. The structured
 * clone of the grid's sparse (holey) arrays walks their keys one by one and cost more than reading the file; dense
 * arrays and an Int32Array clone in bulk, and the grid is rebuilt on the other side with the same holes.
 */
interface WireGrid {
  /** Row and column of each value, in pairs. */
  at: Int32Array;
  values: unknown[];
  formulaAt: Int32Array;
  formulas: unknown[];
}

export interface WireWorkbook extends Omit<WorkbookData, "sheets"> {
  sheets: Array<[string, WireGrid]>;
}

export function encodeWorkbook(data: WorkbookData): WireWorkbook {
  const { sheets, ...rest } = data;
  return { ...rest, sheets: [...sheets].map(([name, grid]) => [name, encodeGrid(grid)]) };
}

export function decodeWorkbook(wire: WireWorkbook): WorkbookData {
  const { sheets, ...rest } = wire;
  return { ...rest, sheets: new Map(sheets.map(([name, grid]) => [name, decodeGrid(grid)])) };
}

function encodeGrid(grid: SheetGrid): WireGrid {
  // The reader's own lists, when they are already in the order `rebuild` expects (every file Excel, LibreOffice or
  // openpyxl writes): no grid of rows is made in the reader's thread at all.
  if (grid instanceof CellGrid && grid.cells.inOrder && grid.formulaCells.inOrder) {
    return { at: Int32Array.from(grid.cells.at), values: grid.cells.items, formulaAt: Int32Array.from(grid.formulaCells.at), formulas: grid.formulaCells.items };
  }
  const [at, values] = present(grid.values);
  const [formulaAt, formulas] = present(grid.formulas ?? []);
  return { at, values, formulaAt, formulas };
}

/** The reader never stores undefined (a formula without a result is null), so undefined is a hole. */
function present(rows: ReadonlyArray<ReadonlyArray<unknown>>): [Int32Array, unknown[]] {
  const at: number[] = [];
  const values: unknown[] = [];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (row === undefined) continue;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (v === undefined) continue;
      at.push(r, c);
      values.push(v);
    }
  }
  return [Int32Array.from(at), values];
}

function decodeGrid(wire: WireGrid): { values: unknown[][]; formulas: string[][] } {
  return { values: rebuild(wire.at, wire.values), formulas: rebuild(wire.formulaAt, wire.formulas) as string[][] };
}

/**
 * Cells come row by row, columns in order (as `present` lists them), so each array is made at its final length:
 * grown one cell at a time it would carry spare capacity, and the main thread holds several files' grids.
 */
function rebuild(at: Int32Array, values: unknown[]): unknown[][] {
  const n = values.length;
  const rows: unknown[][] = n === 0 ? [] : new Array<unknown[]>(at[2 * (n - 1)]! + 1);
  for (let i = 0; i < n; ) {
    const r = at[2 * i]!;
    let end = i + 1;
    while (end < n && at[2 * end] === r) end++;
    const row = new Array<unknown>(at[2 * (end - 1) + 1]! + 1);
    for (; i < end; i++) row[at[2 * i + 1]!] = values[i];
    rows[r] = row;
  }
  return rows;
}
