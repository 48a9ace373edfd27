import type { SheetGrid } from "../../../core/src/validation/WorkbookGrid";

export type { SheetGrid };
export type SheetState = "visible" | "hidden" | "veryHidden";

/** A workbook as read: every sheet's cells from A1, in core's SheetGrid shape, and what describes the file. */
export interface WorkbookData {
  /**
   * Sheet name -> grid: `values[row][column]` from A1 (rows and cells that are missing are undefined; nothing
   * is allocated for empty space), and `formulas[row][column]` = "=…" where a cell holds a formula. Numbers
   * and date serials as stored, text, booleans, error values as their text ("#DIV/0!"), t="d" dates as their
   * ISO text, null for a formula saved without a result.
   */
  sheets: Map<string, SheetGrid>;
  /** Workbook order. */
  sheetNames: string[];
  sheetStates: Map<string, SheetState>;
  /** workbookPr date1904: serial numbers are returned as stored, so a reader must know the epoch. */
  date1904: boolean;
  stats: { entries: number; inflatedBytes: number; cells: number };
}
