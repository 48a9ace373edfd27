import { copyFileSync, mkdtempSync, readFileSync, rmSync, truncateSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Database, execute, openDatabase } from "../../../pipeline/src/db/Database";
import { runMain } from "../../helpers/captureEffects";
import { writePersonnelCsv } from "../../reliability/crashHarness";

// `pa1325 check`: the database read whole and held to what PA1325 promises of it. Each rule is shown to pass on a
// database PA1325 made and to catch the breach it is for, made by hand on a copy.
describe("pa1325 check", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-check-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const SAMPLES = path.join(__dirname, "..", "..", "..", "sample-workbooks", "submitted");
  const env = { PA1325_KEY: "check-test-key-0123456789abcdefghijklmnop" };
  const db = path.join(dir, "pa1325.duckdb");

  beforeAll(async () => {
    expect((await runMain(["ingest", SAMPLES, "--db", db], env)).code).toBe(1); // the samples include refused files
    const personnel = writePersonnelCsv(path.join(dir, "personnel.csv"), 200, 0);
    expect((await runMain(["load", "personnel", personnel, "--db", db], env)).code).toBe(0);
  });

  /** A copy of the database with `change` made to it by hand. */
  async function tampered(name: string, change: (db: Database) => Promise<void>): Promise<string> {
    const copy = path.join(dir, `${name}.duckdb`);
    copyFileSync(db, copy);
    const open = await openDatabase(copy);
    try {
      await change(open);
    } finally {
      open.close();
    }
    return copy;
  }

  const EP_S1 = `(SELECT submission_id FROM submissions WHERE institution = 'EP' AND period = '2026-S1')`;

  it("passes on a database PA1325 made, reading every row, and changes nothing", async () => {
    const before = readFileSync(db);
    const r = await runMain(["check", "--db", db], env);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(new RegExp(`^Database .*pa1325\\.duckdb \\(schema \\d+\\): 15 tables, [0-9]+ rows, all read whole\\.$`));
    expect(lines.filter((l) => l.startsWith("ok "))).toHaveLength(8);
    expect(lines).toContain("ok       the pseudonymisation key at hand is this database's");
    expect(lines[lines.length - 1]).toBe("All in order.");
    expect(readFileSync(db).equals(before)).toBe(true);
  });

  it("finds a partial submission, naming it and what is missing", async () => {
    const copy = await tampered("partial", (t) => execute(t, `DELETE FROM indicator_values WHERE rowid IN (SELECT rowid FROM indicator_values WHERE submission_id = ${EP_S1} LIMIT 1)`));
    const r = await runMain(["check", "--db", copy], env);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("PROBLEM  each submission has as many values, people and warnings stored as it recorded (none is partial)");
    expect(r.stdout).toMatch(/^ {11}EP 2026-S1 v1 \(pa1325-EP-2026-S1\.xlsx\): recorded 68 values, 40 people and 0 warnings; 67, 40 and 0 are stored$/m);
    expect(r.stdout).toMatch(/^1 check\(s\) found problems\. Unless a change made by hand explains them, restore the database/m);
  });

  it("finds two current versions of one semester, the older one still marked as replaced by the other", async () => {
    const copy = await tampered("two-current", (t) => execute(t, `UPDATE submissions SET status = 'current' WHERE institution = 'CCFFAA' AND period = '2026-S1' AND version = 1`));
    const r = await runMain(["check", "--db", copy, "--json"], env);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { passed: boolean; rules: Array<{ rule: string; passed: boolean; examples: string[] }> };
    expect(report.passed).toBe(false);
    const failed = Object.fromEntries(report.rules.filter((x) => !x.passed).map((x) => [x.rule, x.examples]));
    expect(failed).toEqual({
      "one-current-version": ["CCFFAA 2026-S1: 2 current versions"],
      "superseded-by-a-later-version": [expect.stringMatching(/^CCFFAA 2026-S1 v1 \(pa1325-CCFFAA-2026-S1-v1\.xlsx\): replaced by \d+$/)],
    });
  });

  it("finds a gap in a semester's versions", async () => {
    const copy = await tampered("gap", (t) => execute(t, `UPDATE submissions SET version = 3 WHERE institution = 'CCFFAA' AND period = '2026-S1' AND version = 2`));
    const r = await runMain(["check", "--db", copy], env);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("PROBLEM  each institution and semester's versions run from 1 without gaps, and the current one is the latest\n           CCFFAA 2026-S1: versions 1, 3; current 3");
  });

  it("finds rows whose submission is gone", async () => {
    const copy = await tampered("orphans", (t) => execute(t, `DELETE FROM submissions WHERE submission_id = ${EP_S1}`));
    const r = await runMain(["check", "--db", copy], env);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("PROBLEM  no row belongs to a submission that does not exist");
    expect(r.stdout).toContain("           indicator_values: 68 row(s) without a submission");
    expect(r.stdout).toContain("           roster_entries: 40 row(s) without a submission");
    expect(r.stdout).toContain("           ingest_files: 1 row(s) without a submission");
  });

  it("finds master data that are not their current load, and a load's issues gone", async () => {
    const copy = await tampered("master", async (t) => {
      await execute(t, `UPDATE personnel SET load_id = load_id + 100 WHERE rowid IN (SELECT rowid FROM personnel LIMIT 3)`);
      await execute(t, `INSERT INTO master_load_issues VALUES (999, 2, 'sexo', 'INVALID_SEX', 'x', 'x')`);
    });
    const r = await runMain(["check", "--db", copy, "--json"], env);
    const report = JSON.parse(r.stdout) as { rules: Array<{ rule: string; passed: boolean; examples: string[] }> };
    const failed = Object.fromEntries(report.rules.filter((x) => !x.passed).map((x) => [x.rule, x.examples]));
    expect(failed).toEqual({
      "master-data-is-the-current-load": [expect.stringMatching(/^personnel: 200 row\(s\), 3 from another load; the current load \(\d+\) recorded 200$/)],
      "load-issues-match": ["load 999: recorded (no such load) issues; 1 are stored"],
    });
  });

  it("says when the key at hand is not the database's, and when there is none", async () => {
    const other = await runMain(["check", "--db", db], { PA1325_KEY: "another-key-0123456789abcdefghijklmnopqr" });
    expect(other.code).toBe(1);
    expect(other.stdout).toContain("PROBLEM  the pseudonymisation key at hand is not this database's: ingest and load will refuse it.");
    const none = await runMain(["check", "--db", db], { HOME: dir, PA1325_KEY: "" });
    expect(none.code).toBe(0);
    expect(none.stdout).toContain("note     no pseudonymisation key at hand");
  });

  it("refuses a DuckDB database PA1325 did not make, for check, status and report alike, and leaves it as it was", async () => {
    const other = path.join(dir, "other-tool.duckdb");
    const open = await openDatabase(other);
    await execute(open, "CREATE TABLE measurements (a INTEGER)");
    open.close();
    const before = readFileSync(other);
    for (const args of [["check"], ["status", "--period", "2026-S1"], ["report", "--period", "2026-S1", "--out", path.join(dir, "other-pack")]]) {
      const r = await runMain([...args, "--db", other], env);
      expect({ args, code: r.code, stderr: r.stderr }).toEqual({
        args,
        code: 2,
        stderr: `Error: ${other} is not a PA1325 database (it has none of its tables); it was not changed. Point --db at the database pa1325 ingest and pa1325 load fill.`,
      });
    }
    expect(readFileSync(other).equals(before)).toBe(true);
  });

  it("says a database cut short is damaged (exit 2)", async () => {
    const copy = path.join(dir, "cut.duckdb");
    copyFileSync(db, copy);
    truncateSync(copy, 400_000);
    const r = await runMain(["check", "--db", copy], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`the database ${copy} is damaged or incomplete`);
  });
});
