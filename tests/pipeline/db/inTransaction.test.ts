import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { execute, inTransaction, openDatabase, queryRows, type Database } from "../../../pipeline/src/db/Database";
import { whileSpying } from "../../helpers/captureEffects";

// `load` and the schema's migrations write in one transaction: all of it or nothing, and the error that stopped it
// is the one the analyst is told, even when DuckDB then refuses the ROLLBACK too (a database it invalidated).
describe("inTransaction", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-in-transaction-"));
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase(path.join(dir, "t.duckdb"));
    await execute(db, "CREATE TABLE t (n INTEGER)");
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const count = async () => Number((await queryRows<{ n: bigint }>(db, "SELECT count(*) AS n FROM t"))[0]!.n);

  it("keeps everything when the work succeeds, and nothing when it fails", async () => {
    await inTransaction(db, () => execute(db, "INSERT INTO t VALUES (1), (2)"));
    expect(await count()).toBe(2);
    const failing = inTransaction(db, async () => {
      await execute(db, "INSERT INTO t VALUES (3)");
      throw new Error("the work failed");
    });
    await expect(failing).rejects.toThrow("the work failed");
    expect(await count()).toBe(2);
  });

  it("throws the work's error, not the ROLLBACK's, when the database refuses the ROLLBACK too", async () => {
    const outOfMemory = new Error("Failed to create checkpoint because of error: could not allocate block of size 256.0 KiB (61.0 MiB/61.0 MiB used)");
    const run = db.connection.run.bind(db.connection);
    // DuckDB's answer to every statement once it has invalidated a database (node-api 1.5.6, seen here).
    const spy = jest.spyOn(db.connection, "run").mockImplementation(async (sql, ...rest) => {
      if (/^ROLLBACK/.test(String(sql))) {
        await run(sql, ...rest);
        throw new Error("FATAL Error: Failed: database has been invalidated because of a previous fatal error. The database must be restarted prior to being used again.");
      }
      return run(sql, ...rest);
    });
    const failing = whileSpying(spy, () =>
      inTransaction(db, async () => {
        await execute(db, "INSERT INTO t VALUES (4)");
        throw outOfMemory;
      }),
    );
    await expect(failing).rejects.toBe(outOfMemory);
    expect(await count()).toBe(2);
  });
});
