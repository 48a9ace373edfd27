import { existsSync } from "node:fs";
import { DuckDBInstance } from "../../pipeline/src/db/duckdb";

/**
 * Runs `sql` on a database and closes it without the closing checkpoint, so that the change is in its write-ahead
 * log only (`<file>.wal`), as a writer killed before checkpointing leaves it.
 */
export async function changeInLogOnly(file: string, sql: string): Promise<void> {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  try {
    await connection.run("PRAGMA disable_checkpoint_on_shutdown");
    await connection.run(sql);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  if (!existsSync(`${file}.wal`)) throw new Error(`${file}: the change did not stay in the log`);
}
