import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { main } from "../../../pipeline/src/cli/main";
import { execute, openDatabase, queryRows } from "../../../pipeline/src/db/Database";
import { captureEffects } from "../../helpers/captureEffects";

// `pa1325 check --against FOLDER`: the database compared, cell by cell, with the workbooks it was made from — how an
// analyst shows that every stored number is what the institution's file says, and finds the files never loaded.
const SAMPLES = path.join(__dirname, "..", "..", "..", "sample-workbooks", "submitted");
const KEY = "check-against-test-key-0123456789abcdefghij";
const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-check-against-"));
// The command's temporary folder: one of the test's own, to see that nothing stays there.
const tmp = path.join(dir, "tmp");

async function pa1325(env: Record<string, string>, ...args: string[]) {
  const fx = captureEffects({ now: new Date("2026-08-10T12:00:00Z"), env: { PA1325_LANG: "en", TMPDIR: tmp, ...env } });
  const code = await main(args, fx.effects);
  return { code, stdout: fx.stdout.join("\n"), stderr: fx.stderr.join("\n") };
}

interface AgainstJson {
  passed: boolean;
  against: {
    files: Array<{ file: string; verdict: string; submission: string | null; storedAs: string | null; differences: string[]; reason: string | null }>;
    currentVersionsWithoutFile: { count: number; examples: string[] };
    personsCompared: boolean;
  };
}

describe("pa1325 check --against", () => {
  const inbox = path.join(dir, "inbox");
  const db = path.join(dir, "pa1325.duckdb");
  const verdictOf = (r: AgainstJson, name: string) => r.against.files.find((f) => path.basename(f.file) === name);

  beforeAll(async () => {
    mkdirSync(tmp);
    mkdirSync(inbox);
    for (const name of readdirSync(path.join(SAMPLES, "2026-S1"))) copyFileSync(path.join(SAMPLES, "2026-S1", name), path.join(inbox, name));
    expect((await pa1325({ PA1325_KEY: KEY }, "ingest", inbox, "--db", db)).code).toBe(1); // the samples' mistakes are refused
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("finds every file as stored, and the refused ones refused as recorded", async () => {
    const r = await pa1325({ PA1325_KEY: KEY }, "check", "--db", db, "--against", inbox);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toContain("ok       9 workbook(s) read again: 6 as stored, 0 differ, 0 never loaded, 3 refused as recorded");
    expect(r.stdout).toContain("All in order.");
    const json = JSON.parse((await pa1325({ PA1325_KEY: KEY }, "check", "--db", db, "--against", inbox, "--json")).stdout) as AgainstJson;
    expect(json.passed).toBe(true);
    expect(json.against.personsCompared).toBe(true);
    expect(verdictOf(json, "pa1325-EP-2026-S1.xlsx")).toMatchObject({ verdict: "as-stored", submission: "EP 2026-S1 v1", storedAs: "pa1325-EP-2026-S1.xlsx", differences: [] });
    expect(verdictOf(json, "pa1325-FAP-2026-S1-with-mistakes.xlsx")).toMatchObject({ verdict: "refused-as-recorded", submission: null });
    expect(json.against.currentVersionsWithoutFile.count).toBe(0);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it("names the files never loaded, and the current versions whose file is not among those given", async () => {
    const r = await pa1325({ PA1325_KEY: KEY }, "check", "--db", db, "--against", path.join(SAMPLES, "2025-S2", "pa1325-EP-2025-S2.xlsx"), "--against", path.join(inbox, "pa1325-MGP-2026-S1-en.xlsx"));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("           pa1325-EP-2025-S2.xlsx: never loaded: load it with pa1325 ingest");
    expect(r.stdout).toMatch(/^note {5}4 current version\(s\) without their file in what was given: CCFFAA 2026-S1 v2 \(pa1325-CCFFAA-2026-S1-v2\.xlsx\); CECOPAZ 2026-S1 v1/m);
  });

  it("says which cells of which file differ from what is stored, and fails the check", async () => {
    const changed = path.join(dir, "changed.duckdb");
    copyFileSync(db, changed);
    const handle = await openDatabase(changed);
    let where: string;
    let was: number;
    try {
      // One value of EP's changed by hand, one of its roster lines given to another person, MGP's catalog version.
      const [target] = await queryRows<{ sheet: string; cell: string; value: number }>(
        handle,
        `SELECT sheet, cell, value FROM indicator_values JOIN submissions USING (submission_id) WHERE institution = 'EP' ORDER BY sheet, cell LIMIT 1`,
      );
      await execute(handle, `UPDATE indicator_values SET value = value + 5 WHERE sheet = ? AND cell = ? AND submission_id = (SELECT submission_id FROM submissions WHERE institution = 'EP')`, [target!.sheet, target!.cell]);
      await execute(handle, `UPDATE roster_entries SET person_id = 'someone-else' WHERE rowid = (SELECT min(r.rowid) FROM roster_entries r JOIN submissions s USING (submission_id) WHERE s.institution = 'EP')`);
      await execute(handle, `UPDATE submissions SET catalog_version = '2021.9' WHERE institution = 'MGP'`);
      where = `${target!.sheet}!${target!.cell}`;
      was = target!.value;
    } finally {
      handle.close();
    }
    const r = await pa1325({ PA1325_KEY: KEY }, "check", "--db", changed, "--against", inbox);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("PROBLEM  9 workbook(s) read again: 4 as stored, 2 differ, 0 never loaded, 3 refused as recorded");
    expect(r.stdout).toContain("           pa1325-EP-2026-S1.xlsx (EP 2026-S1 v1): DIFFERS from what is stored");
    expect(r.stdout).toContain(`               ${where} (value): stored ${was + 5}, the file ${was}`);
    expect(r.stdout).toMatch(/^ {15}Registro!B\d+: differs in person_id$/m);
    expect(r.stdout).toContain("               catalog_version: stored 2021.9, the file 2021.1");
    expect(r.stdout).not.toContain("someone-else");
    const json = JSON.parse((await pa1325({ PA1325_KEY: KEY }, "check", "--db", changed, "--against", inbox, "--json")).stdout) as AgainstJson;
    expect(json.passed).toBe(false);
    expect(verdictOf(json, "pa1325-EP-2026-S1.xlsx")!.differences).toHaveLength(2);

    // Without the database's key the people cannot be compared: the rest still is, and it says so.
    const other = await pa1325({ PA1325_KEY: "another-key-that-is-not-the-database-s-0123" }, "check", "--db", changed, "--against", inbox);
    expect(other.stdout).toContain(`               ${where} (value): stored ${was + 5}, the file ${was}`);
    expect(other.stdout).not.toContain("person_id");
    expect(other.stdout).toContain("note     without this database's pseudonymisation key, roster lines were compared without the person");
    expect(readdirSync(tmp)).toEqual([]);
  });

  it("never creates a key file, even for a database that has no key yet", async () => {
    const home = path.join(dir, "home");
    mkdirSync(home);
    const noKeyYet = path.join(dir, "no-key-yet.duckdb");
    const targets = path.join(__dirname, "..", "..", "..", "pipeline", "data", "un-parity-targets.csv");
    const env = { HOME: home, XDG_CONFIG_HOME: path.join(home, ".config"), PA1325_KEY: "" };
    expect((await pa1325(env, "load", "un-targets", targets, "--db", noKeyYet)).code).toBe(0);
    const r = await pa1325(env, "check", "--db", noKeyYet, "--against", inbox);
    expect(r.stdout).toContain("ok       9 workbook(s) read again: 0 as stored, 0 differ, 9 never loaded, 0 refused as recorded");
    expect(r.stdout).toContain("           pa1325-EP-2026-S1.xlsx: never loaded: load it with pa1325 ingest");
    expect(r.stdout).toMatch(/^ {11}pa1325-FAP-2026-S1-with-mistakes\.xlsx: never loaded, and refused today: Indicadores!E\d+: /m);
    expect(r.stderr).toBe("");
    expect(readdirSync(home)).toEqual([]);
  });

  it("refuses a path with no workbooks or not there, and a temporary folder it cannot use, having changed nothing", async () => {
    const empty = path.join(dir, "empty");
    mkdirSync(empty);
    const r = await pa1325({ PA1325_KEY: KEY }, "check", "--db", db, "--against", empty);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`there are no .xlsx workbooks in ${empty}`);
    expect(readdirSync(tmp)).toEqual([]);
    // A path that is not there is said as such, not as a failure of the temporary folder.
    const nowhere = await pa1325({ PA1325_KEY: KEY }, "check", "--db", db, "--against", path.join(dir, "nowhere"));
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toContain(`no such file or folder: "${path.join(dir, "nowhere")}"`);
    expect(nowhere.stderr).not.toContain("temporary folder");
    // A temporary folder that is not there is.
    const noTmp = await pa1325({ PA1325_KEY: KEY, TMPDIR: path.join(dir, "no-tmp") }, "check", "--db", db, "--against", inbox);
    expect(noTmp.code).toBe(2);
    expect(noTmp.stderr).toContain(`the workbooks are read again into a private database in the temporary folder ${path.join(dir, "no-tmp")}, and that failed: it does not exist (or the folder it should be in does not). `);
  });
});
