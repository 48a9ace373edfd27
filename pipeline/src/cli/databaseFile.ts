import { existsSync } from "node:fs";
import path from "node:path";
import { EXIT, PipelineError } from "./PipelineError";

export const DEFAULT_DATABASE = "pa1325.duckdb";

/** --db, else PA1325_DB, else ./pa1325.duckdb. */
export function resolveDatabaseFile(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  return path.resolve(flag || env.PA1325_DB || DEFAULT_DATABASE);
}

/**
 * Refuses a database that is not there, for commands that only read or copy one: a mistyped --db would otherwise
 * create an empty database (and write an empty pack, or back up nothing) without complaint.
 */
export function requireExistingDatabase(dbFile: string): void {
  if (existsSync(dbFile)) return;
  throw new PipelineError(
    "DATABASE_NOT_FOUND",
    {
      es: `no existe la base de datos ${dbFile}. Indique la correcta con --db (o PA1325_DB), o cree una cargando los libros con «pa1325 ingest».`,
      en: `there is no database ${dbFile}. Point --db (or PA1325_DB) at the right one, or make one by loading the workbooks with "pa1325 ingest".`,
    },
    EXIT.fatal,
  );
}
