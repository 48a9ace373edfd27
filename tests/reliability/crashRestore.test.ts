import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { databaseDigest as contents, ROOT, runCli, seededRandom, type CliOptions } from "./crashHarness";

// `pa1325 restore` killed with SIGKILL at seeded moments: the database's name always holds a database that opens,
// either the one being replaced or the backup, never neither and never a mix; the database replaced is never lost;
// and the next restore completes.
const ENV = { PA1325_KEY: "crash-test-key-0123456789abcdefghijklmnop" };

describe("pa1325 restore killed with SIGKILL", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-crash-restore-"));
  const work = path.join(dir, "work");
  const db = path.join(work, "pa1325.duckdb");
  const backup = path.join(dir, "backup.duckdb");
  const later = path.join(dir, "later.duckdb");
  let fromBackup: string;
  let fromLater: string;
  let cleanMs: number;

  beforeAll(async () => {
    const samples = path.join(ROOT, "sample-workbooks", "submitted");
    expect((await runCli(["ingest", path.join(samples, "2025-S2"), "--db", later], { env: ENV })).code).toBe(0);
    expect((await runCli(["backup", "--db", later, "--to", backup], { env: ENV })).code).toBe(0);
    expect((await runCli(["ingest", path.join(samples, "2026-S1"), "--db", later], { env: ENV })).code).toBe(1);
    fromBackup = await contents(backup);
    fromLater = await contents(later);
    expect(fromLater).not.toBe(fromBackup);
    rmSync(work, { recursive: true, force: true });
    copyFileSync(later, path.join(dir, "x.duckdb"));
    const clean = await runCli(["restore", "--from", backup, "--db", path.join(dir, "x.duckdb")], { env: ENV });
    expect(clean.code).toBe(0);
    cleanMs = clean.ms;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The work folder as a restore finds it: the later database alone. */
  function reset(): void {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work);
    copyFileSync(later, db);
  }

  it("leaves the database's name holding the old database or the backup, the old one kept, and the next restore whole", async () => {
    const random = seededRandom(1325);
    const appears = (suffix: string) => () => readdirSync(work).some((n) => n.endsWith(suffix));
    // As the temporary copy appears (copying), a little later (flushing, reading it back), as the replaced database
    // is kept aside (the swap), and at seeded moments of the run. A kill can miss (the run was over), so the
    // moments go on until three have landed; at least two must.
    const moments: CliOptions[] = [
      { killWhen: appears(".tmp"), killDelayMs: 0 },
      { killWhen: appears(".tmp"), killDelayMs: 15 },
      { killWhen: () => readdirSync(work).some((n) => n.includes(".replaced-")), killDelayMs: 0 },
      { killAfterMs: cleanMs * (0.3 + 0.6 * random()) },
      { killWhen: appears(".tmp"), killDelayMs: 5 },
      { killAfterMs: cleanMs * (0.3 + 0.4 * random()) },
    ];
    let kills = 0;
    for (const moment of moments) {
      if (kills >= 3) break;
      reset();
      const run = await runCli(["restore", "--from", backup, "--db", db], { env: ENV, ...moment });
      if (run.killed) kills++;
      expect([fromLater, fromBackup]).toContain(await contents(db));
      // The database replaced is still there: under its own name, or kept aside whole.
      const kept = readdirSync(work).filter((n) => /\.replaced-[0-9-]+$/.test(n));
      if ((await contents(db)) === fromBackup) expect(await contents(path.join(work, kept[0]!))).toBe(fromLater);
      expect(await contents(backup)).toBe(fromBackup);
    }
    expect(kills).toBeGreaterThanOrEqual(2);
    // After the last kill: the next restore completes and cleans up what the killed one left.
    const rerun = await runCli(["restore", "--from", backup, "--db", db], { env: ENV });
    expect(rerun.code).toBe(0);
    expect(await contents(db)).toBe(fromBackup);
    expect(readdirSync(work).filter((n) => n.endsWith(".tmp") || n.endsWith(".wal"))).toEqual([]);
    expect(existsSync(db)).toBe(true);
  });
});
