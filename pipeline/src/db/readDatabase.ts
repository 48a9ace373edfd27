import { EXIT, PipelineError } from "../cli/PipelineError";
import { openToRead } from "./Database";
import type { Database, OpenOptions } from "./Database";
import { inDatabaseWords } from "./databaseIoError";
import { migrate, schemaVersion } from "./migrate";

/**
 * Runs `work` on an existing database as the commands that only read it do (report, status, check): opened to read
 * (openToRead: as a writer, or read-only when it cannot be written or another reader has it), brought to the current
 * schema, closed afterwards; a failure of its disk or file said in words that name it. A DuckDB file that PA1325 did
 * not make (a --db pointing at another tool's database) is refused, not given PA1325's tables.
 */
export async function readDatabase<T>(dbFile: string, work: (db: Database) => Promise<T>, options: OpenOptions = {}): Promise<T> {
  const db = await openToRead(dbFile, options);
  try {
    if ((await schemaVersion(db)) === 0) {
      throw new PipelineError(
        "DATABASE_NOT_PA1325",
        {
          es: `${dbFile} no es una base de datos de PA1325 (no tiene sus tablas); no se modificó. Indique con --db la base que llenan pa1325 ingest y pa1325 load.`,
          en: `${dbFile} is not a PA1325 database (it has none of its tables); it was not changed. Point --db at the database pa1325 ingest and pa1325 load fill.`,
        },
        EXIT.fatal,
      );
    }
    await migrate(db);
    return await work(db);
  } catch (error) {
    throw inDatabaseWords(error, dbFile);
  } finally {
    db.close();
  }
}
