import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runMain } from "../../helpers/captureEffects";

// A wrong --db (a typo, a folder that is not there, a folder given instead of the file) is said in the analyst's
// language, names the path and what to do, exits 2, and leaves nothing behind: no stray database, no empty pack.

const ROOT = path.join(__dirname, "..", "..", "..");
const INBOX = path.join(ROOT, "sample-workbooks", "submitted", "2025-S2");
const env = { PA1325_KEY: "database-path-test-key-0123456789abcdef" };

const run = (args: string[], lang: "es" | "en" = "en") => runMain(args, { ...env, PA1325_LANG: lang });

describe("a database path that cannot be right", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-db-path-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("ingest into a folder that does not exist: refused before any file is read, in the analyst's language", async () => {
    const db = path.join(dir, "no-such-folder", "pa1325.duckdb");
    const en = await run(["ingest", INBOX, "--db", db]);
    expect(en.code).toBe(2);
    expect(en.stderr).toBe(
      `Error: cannot create or open the database ${db}: the folder ${path.dirname(db)} does not exist (or is not a folder). Check the --db path (or PA1325_DB), or create the folder.`,
    );
    const es = await run(["ingest", INBOX, "--db", db], "es");
    expect(es.stderr).toContain(`la carpeta ${path.dirname(db)} no existe`);
    expect(existsSync(path.dirname(db))).toBe(false);
  });

  it("a file where a folder should be, and a folder given as the database", async () => {
    const file = path.join(dir, "notes.txt");
    writeFileSync(file, "not a folder");
    expect((await run(["ingest", INBOX, "--db", path.join(file, "pa1325.duckdb")])).stderr).toContain("does not exist (or is not a folder)");
    const folder = path.join(dir, "reports");
    mkdirSync(folder);
    const r = await run(["ingest", INBOX, "--db", folder]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`Error: ${folder} is a folder, not a database. Give --db the .duckdb file, for example ${path.join(folder, "pa1325.duckdb")}.`);
    expect(readdirSync(folder)).toEqual([]);
  });

  it("ingest --json still prints one valid document when the run fails, with the error in it", async () => {
    const folder = path.join(dir, "a-folder.duckdb");
    mkdirSync(folder);
    const r = await run(["ingest", INBOX, "--db", folder, "--json"]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({
      files: [],
      error: { code: "DATABASE_IS_A_FOLDER", message: `${folder} is a folder, not a database. Give --db the .duckdb file, for example ${path.join(folder, "pa1325.duckdb")}.` },
    });
    expect(r.stderr).toContain(`${folder} is a folder, not a database`);
  });

  it("report on a database that does not exist: refused, with no database created and no pack written", async () => {
    const db = path.join(dir, "pa1325-typo.duckdb");
    const out = path.join(dir, "pack");
    const r = await run(["report", "--period", "2026-S1", "--out", out, "--db", db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`Error: there is no database ${db}. Point --db (or PA1325_DB) at the right one, or make one by loading the workbooks with "pa1325 ingest".`);
    expect(existsSync(db)).toBe(false);
    expect(existsSync(out)).toBe(false);
  });

  it("an empty file as the database (what DuckDB leaves when a full disk stops it creating one): said so, and left alone", async () => {
    const db = path.join(dir, "empty.duckdb");
    writeFileSync(db, "");
    const r = await run(["ingest", INBOX, "--db", db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `Error: ${db} is an empty file (0 bytes), not a database: perhaps left by an attempt to create it that did not finish (a full disk). Delete it and run the command again to create it, or point --db at another one.`,
    );
    expect(readFileSync(db)).toHaveLength(0);
  });

  it("a database its disk refuses to create: said in words, and no empty file left behind to block the next run", () => {
    // A file-size limit of 0 (ulimit -f, its signal ignored) makes the system refuse DuckDB's first write of the new
    // file, as a full disk does, with the system's "File too large".
    const db = path.join(dir, "refused.duckdb");
    const main = path.join(ROOT, "dist", "pipeline", "src", "cli", "main.js");
    const r = spawnSync("bash", ["-c", `trap '' XFSZ; ulimit -f 0; exec "${process.execPath}" "${main}" ingest "${INBOX}" --db "${db}"`], {
      env: { ...process.env, ...env, PA1325_LANG: "en" },
      encoding: "utf8",
    });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(
      `Error: the database ${db} has reached the largest file its disk or account allows (4 GB on a FAT32 USB drive). Move it to a disk without that limit, point --db at it and run the command again.`,
    );
    expect(existsSync(db)).toBe(false);
  });

  it("a database file cut short (a copy that did not finish): said to be damaged, with what to do", async () => {
    const db = path.join(dir, "cut.duckdb");
    expect((await run(["ingest", INBOX, "--db", db])).code).toBe(0);
    truncateSync(db, Math.floor(statSync(db).size / 2));
    for (const args of [["report", "--period", "2025-S2", "--out", path.join(dir, "cut-pack")], ["ingest", INBOX]]) {
      const r = await run([...args, "--db", db]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `Error: the database ${db} is damaged or incomplete (a copy that did not finish, a failing disk). Restore it from its backup; without one, the workbooks received can be loaded again into a new database with pa1325 ingest, and the master data with pa1325 load.`,
      );
    }
  });

  it("a folder with no workbook (a wrong or empty folder): said so, and no database or key file made for nothing", async () => {
    const empty = path.join(dir, "empty-inbox");
    mkdirSync(empty);
    const db = path.join(dir, "nothing.duckdb");
    const home = path.join(dir, "home-of-nothing");
    const r = await runMain(["ingest", empty, "--db", db], { HOME: home, PA1325_KEY: "", PA1325_LANG: "en" });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("No .xlsx workbook was found in the paths given.");
    expect(existsSync(db)).toBe(false);
    expect(existsSync(home)).toBe(false);
  });

  it("a dry run names the database it was asked about, not the private copy it works on", async () => {
    const db = path.join(dir, "keyed.duckdb");
    expect((await run(["ingest", INBOX, "--db", db])).code).toBe(0);
    const other = await runMain(["ingest", INBOX, "--db", db, "--dry-run"], { PA1325_KEY: "another-key-entirely-0123456789abcdefgh", PA1325_LANG: "en" });
    expect(other.code).toBe(2);
    expect(other.stderr).toBe(
      `Error: the pseudonymisation key (PA1325_KEY) is not the one used for ${db}: pseudonyms would not match. Use the original key (PA1325_KEY or PA1325_KEY_FILE).`,
    );
  });
});
