import type { DuckDBAppender } from "@duckdb/node-api";
import type { Database } from "./Database";

/** Rows that are counted before they are walked: an array, or rows made one at a time as they are stored. */
export type CountedRows<T> = Iterable<T> & { readonly length: number };

/**
 * Appends rows with DuckDB's typed appender (about 500k rows/s, against 70× slower single-row INSERTs). Runs in
 * the caller's transaction: an error (a CHECK constraint, a wrong type) throws and the caller rolls back.
 */
export async function appendRows<T>(db: Database, table: string, rows: CountedRows<T>, append: (a: DuckDBAppender, row: T) => void): Promise<void> {
  if (rows.length === 0) return;
  const appender = await db.connection.createAppender(table);
  try {
    for (const row of rows) {
      append(appender, row);
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

export function appendText(a: DuckDBAppender, v: string | null): void {
  if (v === null) a.appendNull();
  else a.appendVarchar(v);
}

export function appendDoubleOrNull(a: DuckDBAppender, v: number | null): void {
  if (v === null) a.appendNull();
  else a.appendDouble(v);
}

export function appendIntegerOrNull(a: DuckDBAppender, v: number | null): void {
  if (v === null) a.appendNull();
  else a.appendInteger(v);
}

export function appendBigIntOrNull(a: DuckDBAppender, v: bigint | null): void {
  if (v === null) a.appendNull();
  else a.appendBigInt(v);
}

export function appendBooleanOrNull(a: DuckDBAppender, v: boolean | null): void {
  if (v === null) a.appendNull();
  else a.appendBoolean(v);
}
