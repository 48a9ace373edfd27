/** Column types of the published statistics files (DuckDB names; Arrow and CSV follow them). */
export type ColumnType = "VARCHAR" | "INTEGER" | "DOUBLE" | "BOOLEAN" | "DATE" | "TIMESTAMP";

/** A cell of a tidy table: DATE as "YYYY-MM-DD", TIMESTAMP as an ISO instant in UTC ("…T…Z"). */
export type TidyValue = string | number | boolean | null;

export interface TidyColumn {
  /** snake_case, stable: analysts' scripts name these columns. */
  name: string;
  type: ColumnType;
  /** One line for docs/data-model.md. */
  meaning: string;
}

export interface TidyTable {
  /** The file's base name: indicators, deliverables, … */
  name: string;
  columns: TidyColumn[];
  rows: TidyValue[][];
}
