import type { Catalog } from "../../../core/src/catalog/Catalog";
import type { LocalizedText } from "../../../core/src/i18n/Language";
import type { CellRead } from "./masterCells";
import type { MasterDataset } from "./MasterDataset";
import type { MasterIssueCode } from "./MasterIssue";

/** One column of a dataset's file format. */
export interface ColumnSpec<F extends string> {
  field: F;
  /** Accepted headers: the documented English name first, then aliases (compared with headerKey). */
  names: readonly string[];
  required: boolean;
  /** The column in a sentence: "el sexo" / "the sex". */
  what: LocalizedText;
}

/** What a row parser needs besides the row: the catalog, today's date, the file's date system. */
export interface ParseEnv {
  catalog: Catalog;
  /** Today as YYYY-MM-DD (UTC), from the command's clock. */
  today: string;
  date1904: boolean;
}

/** One data row, read column by column; every problem becomes an issue on this row and that column. */
export interface RowReader<F extends string> {
  readonly rowNumber: number;
  /** Reads a column's cell: a blank required cell, an Excel error value or an invalid value is an issue; gives null then. */
  take<T>(field: F, read: (value: unknown) => CellRead<T>): T | null;
  /** Records a problem that involves more than one cell (dates in the wrong order), on `field`'s column. */
  fail(field: F, code: MasterIssueCode, message: LocalizedText): void;
  /**
   * Declares a value that must not repeat across rows (a service number): a repeat is an error on the later
   * row, in `field`'s column, pointing at the first. Rows with other errors still count as first occurrences.
   */
  unique(field: F, key: string, issue: (firstRow: number) => { code: MasterIssueCode; message: LocalizedText }): void;
  /** False once any error has been recorded on this row. */
  readonly ok: boolean;
}

export interface RowParser<F extends string, R> {
  /** The typed row, or null when the row has an error. */
  parse(row: RowReader<F>): R | null;
}

/** A dataset's file format and rules. */
export interface DatasetSpec<F extends string, R> {
  dataset: MasterDataset;
  columns: ReadonlyArray<ColumnSpec<F>>;
  /** Builds the row parser once per file (lookups from the catalog, today's limits). */
  prepare(env: ParseEnv): RowParser<F, R>;
}
