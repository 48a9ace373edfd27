import fs, { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as DatabaseModule from "../../../pipeline/src/db/Database";
import { execute, openDatabase, queryRows } from "../../../pipeline/src/db/Database";
import { runMain } from "../../helpers/captureEffects";
import { holdDatabase } from "../../helpers/holdDatabase";
import { watchDatabaseHolds } from "../../helpers/watchDatabaseHolds";

// `pa1325 backup`: a copy of the database taken while holding it, read back and compared before it is kept, so
// that an analyst's backup is known to be good the day it is made, not the day it is needed.
describe("pa1325 backup", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-backup-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const INBOX = path.join(__dirname, "..", "..", "..", "sample-workbooks", "submitted");
  const env = { PA1325_KEY: "backup-test-key-0123456789abcdefghijklmn" };
  const db = path.join(dir, "pa1325.duckdb");

  beforeAll(async () => {
    expect((await runMain(["ingest", INBOX, "--db", db], env)).code).toBe(1); // the samples include refused files
  });

  /** What an analyst would query, from a database file (read-only). */
  async function contents(file: string) {
    const copy = await openDatabase(file, { readOnly: true });
    try {
      return {
        submissions: await queryRows(copy, `SELECT submission_id, institution, period, version, status, sha256 FROM submissions ORDER BY submission_id`),
        values: await queryRows(copy, `SELECT * FROM indicator_values ORDER BY submission_id, sheet, cell`),
        issues: await queryRows(copy, `SELECT count(*) AS n FROM ingest_issues`),
      };
    } finally {
      copy.close();
    }
  }

  it("into a folder: a dated copy that holds the same data, checked, and a reminder about the key", async () => {
    const folder = path.join(dir, "backups");
    mkdirSync(folder);
    // The temporary copy of a backup killed half-way, by a process that is gone.
    writeFileSync(path.join(folder, ".pa1325-20260101-000000.duckdb.999999999.0a1b2c3d.tmp"), "half a copy");
    const r = await runMain(["backup", "--db", db, "--to", folder], env);
    expect(r.code).toBe(0);
    // The clock of the tests' effects: 2026-07-15T12:00:00Z.
    const copy = path.join(folder, "pa1325-20260715-120000.duckdb");
    expect(readdirSync(folder)).toEqual([path.basename(copy)]);
    expect(r.stdout).toMatch(new RegExp(`^Backup written: ${copy.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\([0-9.]+ MB, schema 3, 14 submission\\(s\\)\\); read back and equal to the database in all 15 tables\\.$`, "m"));
    expect(r.stdout).toContain("The pseudonymisation key is not in the copy");
    expect(await contents(copy)).toEqual(await contents(db));
    // The database itself is still usable, and was not changed by being copied.
    expect((await runMain(["ingest", INBOX, "--db", db], env)).stdout).toContain("0 accepted, 0 replaced, 14 unchanged");
  });

  it("into a folder not made yet, written with a final slash: the folder is made and the copy dated inside it", async () => {
    const folder = path.join(dir, "new-backups", "pa1325");
    const r = await runMain(["backup", "--db", db, "--to", `${folder}/`], env);
    expect(r.code).toBe(0);
    expect(readdirSync(folder)).toEqual(["pa1325-20260715-120000.duckdb"]);
    // Again in the same second (the tests' clock stands still): a second copy beside the first, not a refusal.
    const again = await runMain(["backup", "--db", db, "--to", `${folder}/`], env);
    expect(again.code).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(["pa1325-20260715-120000-2.duckdb", "pa1325-20260715-120000.duckdb"]);
    expect(await contents(path.join(folder, "pa1325-20260715-120000-2.duckdb"))).toEqual(await contents(db));
  });

  it("to a file: refuses to replace one without --force, replaces it with --force, never writes over the database", async () => {
    const file = path.join(dir, "copy.duckdb");
    writeFileSync(file, "an older file");
    const refused = await runMain(["backup", "--db", db, "--to", file], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`Error: ${file} already exists: it is not replaced without --force (or give a folder, and the copy's name will carry the date). See "pa1325 backup --help".`);
    expect((await runMain(["backup", "--db", db, "--to", file, "--force"], env)).code).toBe(0);
    expect(await contents(file)).toEqual(await contents(db));
    const itself = await runMain(["backup", "--db", db, "--to", db, "--force"], env);
    expect(itself.code).toBe(2);
    expect(itself.stderr).toContain("--to is the database itself");
  });

  it("keeps no copy that does not read back as the database (a destination disk that corrupts what it writes)", async () => {
    // A copy that differs in one row of one table: what the disk hands back is not what was written.
    const altered = path.join(dir, "altered.duckdb");
    copyFileSync(db, altered);
    const other = await openDatabase(altered);
    try {
      await execute(other, `INSERT INTO settings VALUES ('altered', '1')`);
      await execute(other, "CHECKPOINT");
    } finally {
      other.close();
    }
    const copy = fs.promises.copyFile;
    jest.spyOn(fs.promises, "copyFile").mockImplementation((_from, to, mode) => copy(altered, to, mode));
    const target = path.join(dir, "checked.duckdb");
    try {
      const r = await runMain(["backup", "--db", db, "--to", target], env);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe("Error: the copy does not read back the same as the database (tables settings); it was not kept. The destination disk may be failing: try another.");
    } finally {
      jest.restoreAllMocks();
    }
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("says memory short while reading the copy back as memory, not as a failing disk, and keeps no copy", async () => {
    // DuckDB's words when its memory runs out (as databaseIoError.test.ts has them), thrown while the copy is read back.
    const open = DatabaseModule.openDatabase;
    jest.spyOn(DatabaseModule, "openDatabase").mockImplementation((file, options) =>
      file.endsWith(".tmp") ? Promise.reject(new Error("Out of Memory Error: failed to pin block of size 256.0 KiB (15.2 MiB/15.2 MiB used)")) : open(file, options),
    );
    const target = path.join(dir, "memory.duckdb");
    try {
      const r = await runMain(["backup", "--db", db, "--to", target], env);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^Error: DuckDB could not get more memory to work with the database ${target.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\. .* The copy was not kept, and nothing was changed\\.$`));
      expect(r.stderr).not.toContain("disk may be failing");
    } finally {
      jest.restoreAllMocks();
    }
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("copies the file while holding the database as a reader, its log folded in by a writer first (Windows lets no one copy a file a writer holds)", async () => {
    const watch = watchDatabaseHolds();
    const target = path.join(dir, "held.duckdb");
    try {
      expect((await runMain(["backup", "--db", db, "--to", target], env)).code).toBe(0);
    } finally {
      jest.restoreAllMocks();
    }
    const onDatabase = watch.at.filter((a) => a.file === path.resolve(db));
    expect(onDatabase).toEqual([{ call: "copyFile", file: path.resolve(db), holds: ["reader"] }]);
    expect(await contents(target)).toEqual(await contents(db));
  });

  it("of a database another process is using: refused as in use, and no folder made for it", async () => {
    // Another process holds the database, as a running ingest does.
    const holder = await holdDatabase(db);
    try {
      const folder = path.join(dir, "busy-backups");
      const r = await runMain(["backup", "--db", db, "--to", `${folder}/`], env);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^Error: the database ${db.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} is in use by another process \\(PID ${holder.pid}\\)\\. Wait for it to finish and try again; nothing was changed\\.$`));
      expect(existsSync(folder)).toBe(false);
    } finally {
      await holder.release();
    }
  });

  it("of a database that is not there, or to a path that cannot be made: refused in words, nothing left behind", async () => {
    const missing = await runMain(["backup", "--db", path.join(dir, "typo.duckdb"), "--to", path.join(dir, "x.duckdb")], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("there is no database");
    expect(existsSync(path.join(dir, "typo.duckdb"))).toBe(false);
    const blocker = path.join(dir, "notes.txt");
    writeFileSync(blocker, "a file where a folder should be");
    const blocked = await runMain(["backup", "--db", db, "--to", path.join(blocker, "copy.duckdb")], env);
    expect(blocked.code).toBe(2);
    expect(blocked.stderr).toBe(`Error: could not use ${blocker}: a file of that name is where a folder should be. Check the path (--out, --to, --db or the file given) and try again.`);
    expect(readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });
});
