import path from "node:path";

export const DEFAULT_DATABASE = "pa1325.duckdb";

/** --db, else PA1325_DB, else ./pa1325.duckdb. */
export function resolveDatabaseFile(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  return path.resolve(flag || env.PA1325_DB || DEFAULT_DATABASE);
}
