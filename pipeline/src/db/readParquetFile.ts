import path from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "./duckdb";

export interface ParquetContents {
  columns: Array<{ name: string; type: string }>;
  rows: Array<Record<string, unknown>>;
  metadata: Record<string, string>;
}

/**
 * Reads back a Parquet file the pack wrote (to check it): column names and DuckDB types, rows as plain JS values
 * in file order, and the key-value metadata. Uses its own locked-down in-memory DuckDB that may read only the
 * file's folder. Only for files this program wrote: DuckDB trusts the files it reads.
 */
export async function readParquetFile(file: string): Promise<ParquetContents> {
  const absolute = path.resolve(file);
  const instance = await DuckDBInstance.create(":memory:", { autoinstall_known_extensions: "false", autoload_known_extensions: "false" });
  let connection: DuckDBConnection | undefined;
  try {
    connection = await instance.connect();
    await connection.run(`SET allowed_directories = ['${`${path.dirname(absolute)}${path.sep}`.replace(/'/g, "''")}']`);
    await connection.run("SET enable_external_access = false");
    await connection.run("SET lock_configuration = true");
    const described = await connection.runAndReadAll("DESCRIBE SELECT * FROM read_parquet($1)", [absolute]);
    const columns = described.getRowObjectsJS().map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
    const rows = (await connection.runAndReadAll("SELECT * FROM read_parquet($1)", [absolute])).getRowObjectsJS() as Array<Record<string, unknown>>;
    const kv = (await connection.runAndReadAll("SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata($1)", [absolute])).getRowObjectsJS();
    return { columns, rows, metadata: Object.fromEntries(kv.map((r) => [String(r.k), String(r.v)])) };
  } finally {
    connection?.closeSync();
    instance.closeSync();
  }
}
