import { columnLetter } from "../../../core/src/layout/cellAddress";
import type { MasterIssue } from "./MasterIssue";

/** One data row as read: where the analyst finds it, and its cells by column position. */
export interface RawRow {
  /** The CSV line (where a multi-line record starts) or the Excel row. */
  rowNumber: number;
  cells: readonly unknown[];
}

/** A file read into a header and rows, before any column is interpreted. Blank rows are already left out. */
export interface RawTable {
  kind: "csv" | "xlsx";
  /** The header row's texts by column position ("" where a header cell is blank). */
  header: readonly string[];
  rows: readonly RawRow[];
  /** Excel's 1904 date system (old Mac workbooks): date serials are shifted when read. */
  date1904: boolean;
}

/** A table, or the problems that stopped the file from being read as one (issues may hold warnings too). */
export type TableRead = { ok: true; table: RawTable; issues: MasterIssue[] } | { ok: false; issues: MasterIssue[] };

/** How a column is named in a message when its header is blank: Excel's letter, or the CSV field's position. */
export function columnPosition(kind: RawTable["kind"], index: number): string {
  return kind === "csv" ? String(index + 1) : columnLetter(index);
}
