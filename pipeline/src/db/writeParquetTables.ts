import path from "node:path";
import { DuckDBInstance, dateValue, timestampValue, type DuckDBAppender, type DuckDBConnection } from "./duckdb";
import { duckDbSystemError } from "./databaseIoError";
import { syncFile } from "../files/writeFileAtomic";
import type { ColumnType, TidyTable, TidyValue } from "../report/tables/TidyTable";

export interface ParquetTarget {
  table: TidyTable;
  /** Where to write, inside `dir` (the caller renames it into place). */
  file: string;
  /** The file's key-value metadata (KV_METADATA). */
  metadata: ReadonlyMap<string, string>;
}

/**
 * Writes tidy tables as Parquet with a separate in-memory DuckDB, locked down before any other statement as
 * openDatabase does: it may write only inside `dir`, reads nothing else, loads no extension. Rows go in with the
 * typed appender (the fast path) into a table with explicit column types, then one COPY per file, with its
 * key-value metadata. One statement per call.
 */
export async function writeParquetTables(dir: string, targets: readonly ParquetTarget[]): Promise<void> {
  const root = path.resolve(dir);
  const instance = await DuckDBInstance.create(":memory:", { autoinstall_known_extensions: "false", autoload_known_extensions: "false" });
  let connection: DuckDBConnection | undefined;
  try {
    connection = await instance.connect();
    // SET takes no bound parameters: the folder is quoted here (it comes from the analyst's own --out flag).
    await connection.run(`SET allowed_directories = [${sqlString(`${root}${path.sep}`)}]`);
    await connection.run("SET enable_external_access = false");
    await connection.run("SET lock_configuration = true");
    for (const [n, target] of targets.entries()) {
      const kv = [...target.metadata].map(([k, v]) => `${sqlIdentifier(k)}: ${sqlString(v)}`).join(", ");
      const file = path.resolve(target.file);
      if (!file.startsWith(`${root}${path.sep}`)) throw new RangeError(`${file} is outside ${root}`);
      const name = `t${n}`;
      const columns = target.table.columns.map((c) => `${sqlIdentifier(c.name)} ${c.type}`).join(", ");
      await connection.run(`CREATE TABLE ${name} (${columns})`);
      await appendRows(connection, name, target.table);
      await connection.run(`COPY ${name} TO ${sqlString(file)} (FORMAT parquet${kv ? `, KV_METADATA {${kv}}` : ""})`).catch((error: unknown) => {
        throw asFileSystemError(error);
      });
      await connection.run(`DROP TABLE ${name}`);
      await syncFile(file);
    }
  } finally {
    connection?.closeSync();
    instance.closeSync();
  }
}

/**
 * DuckDB's failure to write a pack file (a full or read-only disk), as Node's own file-system errors are: its code
 * and the file, so that the command says it like any other file it could not write. Anything else as it came.
 */
function asFileSystemError(error: unknown): unknown {
  const system = duckDbSystemError(error);
  if (!system) return error;
  return Object.assign(new Error(`${system.code}: could not write ${system.path}`, { cause: error }), { code: system.code, path: system.path, syscall: "write" });
}

type Append = (appender: DuckDBAppender, v: NonNullable<TidyValue>) => void;

const DAY_MS = 86_400_000;

const APPEND: Record<ColumnType, Append> = {
  VARCHAR: (a, v) => a.appendVarchar(String(v)),
  INTEGER: (a, v) => a.appendInteger(Number(v)),
  DOUBLE: (a, v) => a.appendDouble(Number(v)),
  BOOLEAN: (a, v) => a.appendBoolean(v === true),
  DATE: (a, v) => a.appendDate(dateValue(Date.parse(`${String(v)}T00:00:00Z`) / DAY_MS)),
  TIMESTAMP: (a, v) => a.appendTimestamp(timestampValue(BigInt(Date.parse(String(v))) * 1000n)),
};

async function appendRows(connection: DuckDBConnection, table: string, data: TidyTable): Promise<void> {
  const appender = await connection.createAppender(table);
  try {
    const appends = data.columns.map((c) => APPEND[c.type]);
    for (const row of data.rows) {
      for (let i = 0; i < appends.length; i++) {
        const v = row[i];
        if (v === null || v === undefined) appender.appendNull();
        else appends[i]!(appender, v);
      }
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}


function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** Column and metadata names are ours (snake_case); anything else is a bug. */
function sqlIdentifier(name: string): string {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new RangeError(`not a snake_case name: ${name}`);
  return `"${name}"`;
}
