import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { main } from "../../../pipeline/src/cli/main";
import { openDatabase, queryRows } from "../../../pipeline/src/db/Database";
import { captureEffects } from "../../helpers/captureEffects";
import { fileSha256 } from "../../helpers/fileSha256";

// Remaking the database from the archive of workbooks received — with a new key after the old one leaked, or after
// the database was lost and only an older copy survives — must give the Committee the same record: each
// resubmission replacing the version it replaced then, and each file dated when it was received (a report counts
// a submission as late from that date), not when the archive was replayed.
const SAMPLES = path.join(__dirname, "..", "..", "..", "sample-workbooks", "submitted");
const OLD_KEY = { PA1325_KEY: "arrival-test-old-key-0123456789abcdefgh" };
const NEW_KEY = { PA1325_KEY: "arrival-test-new-key-0123456789abcdefgh" };
const REPLAYED_ON = "2027-03-01T10:00:00Z";

async function pa1325(at: string, env: NodeJS.ProcessEnv, ...args: string[]) {
  const fx = captureEffects({ now: new Date(at), env: { PA1325_LANG: "en", ...env } });
  const code = await main(args, fx.effects);
  return { code, stdout: fx.stdout.join("\n"), stderr: fx.stderr.join("\n") };
}

/** The record a report is made from: every submission's version, status and date, and every refusal's date. */
async function record(file: string) {
  const db = await openDatabase(file, { readOnly: true });
  try {
    return {
      submissions: await queryRows(
        db,
        `SELECT institution, period, version, file_name, sha256, status, CAST(received_at AS VARCHAR) AS received_at,
                (SELECT s2.version FROM submissions s2 WHERE s2.submission_id = s.superseded_by) AS superseded_by_version
           FROM submissions s ORDER BY institution, period, version`,
      ),
      refusals: await queryRows(db, `SELECT file_name, sha256, status, reason_code, CAST(recorded_at AS VARCHAR) AS recorded_at FROM ingest_files WHERE status = 'rejected' ORDER BY file_name`),
    };
  } finally {
    db.close();
  }
}

describe("pa1325 ingest --arrival-times-from", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-arrivals-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const old = path.join(dir, "old.duckdb");
  const s1 = path.join(SAMPLES, "2026-S1");

  beforeAll(async () => {
    // As received: 2025-S2 in January; CCFFAA's "v2" file before its "v1" file (names do not say the order of
    // arrival); the rest of 2026-S1, late (the deadline is 30 days after 30 June), with the files that are refused.
    expect((await pa1325("2026-01-20T10:00:00Z", OLD_KEY, "ingest", path.join(SAMPLES, "2025-S2"), "--db", old)).code).toBe(0);
    expect((await pa1325("2026-07-15T10:00:00Z", OLD_KEY, "ingest", path.join(s1, "pa1325-CCFFAA-2026-S1-v2.xlsx"), "--db", old)).code).toBe(0);
    expect((await pa1325("2026-08-10T10:00:00Z", OLD_KEY, "ingest", s1, path.join(SAMPLES, "not-templates"), "--db", old)).code).toBe(1);
  });

  it("remakes the same record under a new key: order of arrival, versions and dates as first received", async () => {
    const remade = path.join(dir, "remade.duckdb");
    const run = await pa1325(REPLAYED_ON, NEW_KEY, "ingest", SAMPLES, "--db", remade, "--arrival-times-from", old);
    expect(run.code).toBe(1); // the refused samples are refused again
    expect(run.stdout).toContain(`19 of 19 file(s) were loaded in the order and with the date ${old} first received them.`);
    const expected = await record(old);
    expect(expected.submissions.find((s) => s.file_name === "pa1325-CCFFAA-2026-S1-v1.xlsx")).toMatchObject({ version: 2, status: "current" });
    expect(expected.refusals).toHaveLength(5);
    expect(await record(remade)).toEqual(expected);
    // Under the new key: the database refuses the old one from now on.
    expect((await pa1325(REPLAYED_ON, OLD_KEY, "ingest", SAMPLES, "--db", remade)).stderr).toMatch(/is not the one used for/);
  });

  it("without it, the same archive replayed in path order is a different record (what the option is for)", async () => {
    const replayed = path.join(dir, "path-order.duckdb");
    expect((await pa1325(REPLAYED_ON, NEW_KEY, "ingest", SAMPLES, "--db", replayed)).code).toBe(1);
    const { submissions } = await record(replayed);
    expect(submissions.find((s) => s.file_name === "pa1325-CCFFAA-2026-S1-v1.xlsx")).toMatchObject({ version: 1, status: "superseded" });
    expect(new Set(submissions.map((s) => s.received_at))).toEqual(new Set(["2027-03-01 10:00:00"]));
  });

  it("dates files the earlier database never saw by the run, after the others, and says how many", async () => {
    const partial = path.join(dir, "partial.duckdb");
    const earlier = path.join(dir, "only-2025.duckdb");
    expect((await pa1325("2026-01-20T10:00:00Z", OLD_KEY, "ingest", path.join(SAMPLES, "2025-S2"), "--db", earlier)).code).toBe(0);
    const run = await pa1325(REPLAYED_ON, NEW_KEY, "ingest", s1, path.join(SAMPLES, "2025-S2"), "--db", partial, "--arrival-times-from", earlier, "--json");
    const summary = JSON.parse(run.stdout) as { files: Array<{ file: string }>; arrivals: { from: string; known: number } };
    expect(summary.arrivals).toEqual({ from: earlier, known: 8 });
    // The eight it knew first (2025-S2), then 2026-S1 in path order.
    expect(summary.files.slice(0, 8).every((f) => f.file.includes("2025-S2"))).toBe(true);
    expect(summary.files.slice(8).map((f) => path.basename(f.file))[0]).toBe("pa1325-CCFFAA-2026-S1-v1.xlsx");
    const { submissions } = await record(partial);
    expect(submissions.find((s) => s.sha256 === fileSha256(path.join(SAMPLES, "2025-S2", "pa1325-EP-2025-S2.xlsx")))).toMatchObject({ received_at: "2026-01-20 10:00:00" });
    expect(submissions.find((s) => s.sha256 === fileSha256(path.join(s1, "pa1325-EP-2026-S1.xlsx")))).toMatchObject({ received_at: "2027-03-01 10:00:00" });
  });

  it("refuses the database itself, and an earlier database that is not there", async () => {
    const same = await pa1325(REPLAYED_ON, NEW_KEY, "ingest", SAMPLES, "--db", old, "--arrival-times-from", old);
    expect(same.code).toBe(2);
    expect(same.stderr).toContain("--arrival-times-from is the same database as --db");
    const missing = await pa1325(REPLAYED_ON, NEW_KEY, "ingest", SAMPLES, "--db", path.join(dir, "x.duckdb"), "--arrival-times-from", path.join(dir, "nowhere.duckdb"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`there is no database ${path.join(dir, "nowhere.duckdb")}, given with --arrival-times-from`);
  });
});

describe("pa1325 load --arrival-times-from", () => {
  // The master data of a remade database are the files kept, loaded again: each load dated when the earlier
  // database first loaded the same bytes, so that the report's "data as of" is not the day of the remake.
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-load-arrivals-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const targets = path.join(__dirname, "..", "..", "..", "pipeline", "data", "un-parity-targets.csv");
  const loads = async (file: string) => {
    const db = await openDatabase(file, { readOnly: true });
    try {
      return await queryRows<{ dataset: string; status: string; loaded_at: string }>(db, `SELECT dataset, status, CAST(loaded_at AS VARCHAR) AS loaded_at FROM master_loads ORDER BY load_id`);
    } finally {
      db.close();
    }
  };

  it("dates a file the earlier database loaded when it first loaded it, and any other file by the run", async () => {
    const old = path.join(dir, "old.duckdb");
    expect((await pa1325("2026-02-01T09:30:00Z", OLD_KEY, "load", "un-targets", targets, "--db", old)).code).toBe(0);
    expect((await pa1325("2026-05-01T09:30:00Z", OLD_KEY, "load", "un-targets", targets, "--db", old)).code).toBe(0); // loaded again, same bytes

    const remade = path.join(dir, "remade.duckdb");
    const run = await pa1325(REPLAYED_ON, NEW_KEY, "load", "un-targets", targets, "--db", remade, "--arrival-times-from", old);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("  dated 2026-02-01 09:30 UTC: when old.duckdb first loaded this same file");
    expect(await loads(remade)).toEqual([{ dataset: "un-targets", status: "loaded", loaded_at: "2026-02-01 09:30:00" }]);

    // Another file (edited since): dated by the run, and said so.
    const edited = path.join(dir, "un-parity-targets-2027.csv");
    writeFileSync(edited, `${readFileSync(targets, "utf8")}\n`);
    const json = await pa1325(REPLAYED_ON, NEW_KEY, "load", "un-targets", edited, "--db", remade, "--arrival-times-from", old, "--json");
    expect(JSON.parse(json.stdout)).toMatchObject({ status: "loaded", loadedAt: "2027-03-01T10:00:00.000Z", arrivals: { from: old, known: false } });
    const text = await pa1325(REPLAYED_ON, NEW_KEY, "load", "un-targets", edited, "--db", path.join(dir, "third.duckdb"), "--arrival-times-from", old);
    expect(text.stdout).toContain("  dated now (2027-03-01 10:00 UTC): old.duckdb had not loaded this file");
  });

  it("refuses the database itself as its own earlier one, and one that is not there", async () => {
    const db = path.join(dir, "self.duckdb");
    const r = await pa1325(REPLAYED_ON, NEW_KEY, "load", "un-targets", targets, "--db", db, "--arrival-times-from", db);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--arrival-times-from is the same database as --db");
    // An earlier database that is not there: said before anything is read, and no database is made.
    const missing = await pa1325(REPLAYED_ON, NEW_KEY, "load", "un-targets", targets, "--db", db, "--arrival-times-from", path.join(dir, "nowhere.duckdb"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`there is no database ${path.join(dir, "nowhere.duckdb")}, given with --arrival-times-from`);
    expect(existsSync(db)).toBe(false);
  });
});
