import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { execute, openDatabase, queryRows } from "../../../pipeline/src/db/Database";
import { SCHEMA_VERSION } from "../../../pipeline/src/db/migrations";
import { runMain } from "../../helpers/captureEffects";
import { changeInLogOnly } from "../../helpers/changeInLogOnly";
import { holdDatabase } from "../../helpers/holdDatabase";
import { watchDatabaseHolds } from "../../helpers/watchDatabaseHolds";

// `pa1325 restore`: a backup back in the database's place. Copying a backup over the database by hand while a
// write-ahead log is left beside it makes DuckDB replay that log onto the backup without a word — rows that never
// existed together. The command reads the backup whole, compares its copy, keeps the database it replaces (log
// included) aside, and never leaves the database's name empty.
describe("pa1325 restore", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-restore-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const SAMPLES = path.join(__dirname, "..", "..", "..", "sample-workbooks", "submitted");
  const env = { PA1325_KEY: "restore-test-key-0123456789abcdefghijklm" };
  const backup = path.join(dir, "backup.duckdb");
  // The clock of the tests' effects: 2026-07-15T12:00:00Z.
  const KEPT = ".replaced-20260715-120000";

  beforeAll(async () => {
    const db = path.join(dir, "source.duckdb");
    expect((await runMain(["ingest", path.join(SAMPLES, "2025-S2"), "--db", db], env)).code).toBe(0);
    expect((await runMain(["backup", "--db", db, "--to", backup], env)).code).toBe(0);
  });

  /** What an analyst would query, from a database file (read-only). */
  async function contents(file: string) {
    const db = await openDatabase(file, { readOnly: true });
    try {
      return {
        submissions: await queryRows(db, `SELECT submission_id, institution, period, version, status, sha256 FROM submissions ORDER BY submission_id`),
        values: await queryRows(db, `SELECT count(*) AS n, sum(value) AS total FROM indicator_values`),
        runs: await queryRows(db, `SELECT count(*) AS n FROM ingest_runs`),
      };
    } finally {
      db.close();
    }
  }

  /** A database holding the backup's data and more, with part of it only in its write-ahead log (a killed run's). */
  async function laterDatabase(name: string): Promise<string> {
    const folder = path.join(dir, name);
    mkdirSync(folder);
    const db = path.join(folder, "pa1325.duckdb");
    copyFileSync(backup, db);
    expect((await runMain(["ingest", path.join(SAMPLES, "2026-S1", "pa1325-EP-2026-S1.xlsx"), "--db", db], env)).code).toBe(0);
    await changeInLogOnly(db, "UPDATE indicator_values SET value = value + 1000");
    return db;
  }

  it("what it prevents: a backup copied by hand over a database whose log is left beside it is not the backup", async () => {
    const db = await laterDatabase("by-hand");
    copyFileSync(backup, db);
    // DuckDB replays the other database's log onto the backup: rows that never existed together, or (as here, the
    // log updating rows the backup does not have) a database that no longer opens.
    let byHand: unknown;
    try {
      byHand = await contents(db);
    } catch (error) {
      byHand = error;
    }
    expect(byHand).not.toEqual(await contents(backup));
    // The commands say what happened and what to do, instead of DuckDB's internal error.
    const r = await runMain(["report", "--period", "2025-S2", "--db", db, "--out", path.join(dir, "by-hand-pack")], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `Error: ${db} cannot be opened: its write-ahead log (${db}.wal) does not belong to it, for example because a backup was copied over it and the previous database's log was left. Delete nothing: move ${db}.wal to another folder and try again; to restore a backup use pa1325 restore, which sets the database and its log aside.`,
    );
    // Which is what restoring it does: both set aside, the backup in place.
    expect((await runMain(["restore", "--from", backup, "--db", db], env)).code).toBe(0);
    expect(await contents(db)).toEqual(await contents(backup));
    expect(readdirSync(path.dirname(db)).sort()).toEqual(["pa1325.duckdb", `pa1325.duckdb${KEPT}`, `pa1325.duckdb${KEPT}.wal`]);
  });

  it("puts the backup in place exactly, and keeps the database it replaced, log folded in", async () => {
    const db = await laterDatabase("restored");
    const before = await contents(db); // read-only: the log replayed in memory, the files unchanged
    const r = await runMain(["restore", "--from", backup, "--db", db], env);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout.split("\n")).toEqual([
      `Restored ${db} from ${backup} (schema ${SCHEMA_VERSION}, 8 submission(s)); read back and equal to the backup in all 15 tables.`,
      `The database it replaced is kept as ${db}${KEPT}: delete it once you have checked the restored one.`,
      "Workbooks loaded after the backup was made are not in it: load them again with pa1325 ingest (those already in it change nothing).",
    ]);
    expect(await contents(db)).toEqual(await contents(backup));
    expect(readdirSync(path.dirname(db)).sort()).toEqual(["pa1325.duckdb", `pa1325.duckdb${KEPT}`]);
    expect(await contents(`${db}${KEPT}`)).toEqual(before);
    // The restored database is the analyst's to use: the later workbook loads again as new.
    expect((await runMain(["ingest", path.join(SAMPLES, "2026-S1", "pa1325-EP-2026-S1.xlsx"), "--db", db], env)).stdout).toContain("1 accepted");
  });

  it("replaces the database while holding it as a reader, its log folded in by a writer first (Windows lets no one link or copy a file a writer holds)", async () => {
    const db = await laterDatabase("held");
    const before = await contents(db);
    const watch = watchDatabaseHolds();
    try {
      expect((await runMain(["restore", "--from", backup, "--db", db], env)).code).toBe(0);
    } finally {
      jest.restoreAllMocks();
    }
    expect(watch.at.filter((a) => a.file === path.resolve(db))).toEqual([
      { call: "link", file: path.resolve(db), holds: ["reader"] },
      { call: "rename", file: path.resolve(db), holds: ["reader"] },
    ]);
    expect(readdirSync(path.dirname(db)).sort()).toEqual(["pa1325.duckdb", `pa1325.duckdb${KEPT}`]);
    expect(await contents(`${db}${KEPT}`)).toEqual(before);
    expect(await contents(db)).toEqual(await contents(backup));
  });

  it("into a folder with no database yet: the backup becomes the database", async () => {
    const db = path.join(dir, "fresh", "pa1325.duckdb");
    const r = await runMain(["restore", "--from", backup, "--db", db], env);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain("kept as");
    expect(readdirSync(path.dirname(db))).toEqual(["pa1325.duckdb"]);
    expect(await contents(db)).toEqual(await contents(backup));
  });

  it("over a damaged database (cut short): restores, and keeps the damaged one aside", async () => {
    const folder = path.join(dir, "damaged");
    mkdirSync(folder);
    const db = path.join(folder, "pa1325.duckdb");
    copyFileSync(backup, db);
    truncateSync(db, 300_000);
    const damaged = readFileSync(db);
    const r = await runMain(["restore", "--from", backup, "--db", db], env);
    expect(r.code).toBe(0);
    expect(await contents(db)).toEqual(await contents(backup));
    expect(readFileSync(`${db}${KEPT}`).equals(damaged)).toBe(true);
  });

  it("while another process uses the database: refused, nothing changed", async () => {
    const db = await laterDatabase("busy");
    const files = () => Object.fromEntries(readdirSync(path.dirname(db)).map((f) => [f, readFileSync(path.join(path.dirname(db), f)).toString("base64")]));
    const before = files();
    const holder = await holdDatabase(db);
    try {
      const r = await runMain(["restore", "--from", backup, "--db", db], env);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`is in use by another process (PID ${holder.pid})`);
    } finally {
      await holder.release();
    }
    expect(files()).toEqual(before);
  });

  it("refuses what is not a backup it can use, before anything changes", async () => {
    const folder = path.join(dir, "refusals");
    mkdirSync(folder);
    const db = path.join(folder, "pa1325.duckdb");
    copyFileSync(backup, db);
    const original = readFileSync(db);
    const notDuckDb = path.join(folder, "notes.duckdb");
    writeFileSync(notDuckDb, "not a database\n".repeat(1000));
    const otherDuckDb = path.join(folder, "other.duckdb");
    const other = await openDatabase(otherDuckDb);
    await execute(other, "CREATE TABLE t (a INTEGER)");
    other.close();
    const newer = path.join(folder, "newer.duckdb");
    copyFileSync(backup, newer);
    const n = await openDatabase(newer);
    await execute(n, `UPDATE settings SET value = '${SCHEMA_VERSION + 1}' WHERE key = 'schema_version'`);
    n.close();

    const cases: Array<[string, RegExp]> = [
      [notDuckDb, /is not a readable PA1325 database/],
      [otherDuckDb, /is not a PA1325 database: nothing was restored\.$/],
      [newer, /was made by a newer PA1325 \(schema \d+; this version knows up to \d+\): update PA1325 before restoring it\. Nothing was restored\.$/],
      [path.join(folder, "missing.duckdb"), /there is no backup .*missing\.duckdb\. Give --from the \.duckdb file that pa1325 backup wrote\.$/],
      [db, /--from is the database itself/],
      [folder, /is a folder, not a backup\. Give --from the \.duckdb file that pa1325 backup wrote\.$/],
    ];
    for (const [from, message] of cases) {
      const r = await runMain(["restore", "--from", from, "--db", db], env);
      expect({ from, code: r.code }).toEqual({ from, code: 2 });
      expect(r.stderr).toMatch(message);
      expect(readFileSync(db).equals(original)).toBe(true);
      expect(readdirSync(folder).sort()).toEqual(["newer.duckdb", "notes.duckdb", "other.duckdb", "pa1325.duckdb"]);
    }
  });
});
