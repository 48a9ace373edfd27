import type { SheetGrid } from "../../../core/src/validation/WorkbookGrid";

/**
 * One kind of cell content (values, or formulas) in the order the worksheet lists it: the row and column of each
 * (in pairs) and what it holds. `inOrder` while every cell came after the one before it, row by row and column by
 * column, as Excel, LibreOffice and openpyxl write them; a cell listed twice, or out of order, clears it.
 */
export class CellList<T> {
  readonly at: number[] = [];
  readonly items: T[] = [];
  inOrder = true;
  private lastRow = -1;
  private lastColumn = -1;

  add(row: number, column: number, item: T): void {
    if (row < this.lastRow || (row === this.lastRow && column <= this.lastColumn)) this.inOrder = false;
    this.lastRow = row;
    this.lastColumn = column;
    this.at.push(row, column);
    this.items.push(item);
  }

  /** The grid of rows from A1 (`values[row][column]`), holes where no cell is; a cell listed twice: its last. */
  toRows(): T[][] {
    const rows: T[][] = [];
    const { at, items } = this;
    for (let i = 0; i < items.length; i++) (rows[at[2 * i]!] ??= [])[at[2 * i + 1]!] = items[i]!;
    return rows;
  }
}

/**
 * A worksheet's cells as the reader collects them: flat lists in document order (one push per cell) rather than
 * a row array per row. The reader's worker posts the lists as they are (workbookWire), so it never builds the
 * grid, which cost more than reading the cells (an array per row, grown cell by cell, ~100 KB a template); the grid
 * of SheetGrid (`values`, `formulas`) is made only when something in this thread reads it, and once.
 */
export class CellGrid implements SheetGrid {
  readonly cells = new CellList<unknown>();
  readonly formulaCells = new CellList<string>();
  private rows: { values: unknown[][]; formulas: string[][] } | undefined;

  get values(): unknown[][] {
    return this.grid().values;
  }

  get formulas(): string[][] {
    return this.grid().formulas;
  }

  private grid(): { values: unknown[][]; formulas: string[][] } {
    return (this.rows ??= { values: this.cells.toRows(), formulas: this.formulaCells.toRows() });
  }
}
