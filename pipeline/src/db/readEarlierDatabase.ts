import { existsSync } from "node:fs";
import { EXIT, PipelineError } from "../cli/PipelineError";
import { type Database, openDatabase } from "./Database";
import { inDatabaseWords } from "./databaseIoError";

/**
 * Runs `work` on the earlier database given with `--arrival-times-from` (ingest, load): opened read-only, never
 * changed, closed afterwards. Remaking a database from the archived sources (a new key after a leak, a lost
 * database with an older copy surviving) takes from it when each file was first received or loaded.
 */
export async function readEarlierDatabase<T>(earlier: string, work: (db: Database) => Promise<T>): Promise<T> {
  requireEarlierDatabase(earlier);
  try {
    const db = await openDatabase(earlier, { readOnly: true });
    try {
      return await work(db);
    } finally {
      db.close();
    }
  } catch (error) {
    throw inDatabaseWords(error, earlier);
  }
}

/** Refuses an earlier database that is not there: called before any long work that will need it, too. */
export function requireEarlierDatabase(earlier: string): void {
  if (!existsSync(earlier)) {
    throw new PipelineError(
      "ARRIVALS_DATABASE_NOT_FOUND",
      {
        es: `no existe la base de datos ${earlier} indicada con --arrival-times-from. Indique la base anterior de la que tomar cuándo se recibió cada archivo.`,
        en: `there is no database ${earlier}, given with --arrival-times-from. Point it at the earlier database that knows when each file was received.`,
      },
      EXIT.fatal,
    );
  }
}
