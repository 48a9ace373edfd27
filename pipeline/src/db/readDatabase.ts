import { openToRead } from "./Database";
import type { Database } from "./Database";
import { inDatabaseWords } from "./databaseIoError";
import { migrate } from "./migrate";

/**
 * Runs `work` on an existing database as the commands that only read it do (report, status, check): opened to read
 * (openToRead: as a writer, or read-only when it cannot be written or another reader has it), brought to the current
 * schema, closed afterwards; a failure of its disk or file said in words that name it.
 */
export async function readDatabase<T>(dbFile: string, work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openToRead(dbFile);
  try {
    await migrate(db);
    return await work(db);
  } catch (error) {
    throw inDatabaseWords(error, dbFile);
  } finally {
    db.close();
  }
}
