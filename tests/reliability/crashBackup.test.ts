import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { databaseDigest as contents, ROOT, runCli, seededRandom, type CliOptions } from "./crashHarness";

// `pa1325 backup` killed with SIGKILL at seeded moments: the database stays as it was, and the copy's final name
// holds either nothing or a complete copy (never part of one); the next backup removes what the killed one left.
const ENV = { PA1325_KEY: "crash-test-key-0123456789abcdefghijklmnop" };

describe("pa1325 backup killed with SIGKILL", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-crash-backup-"));
  const db = path.join(dir, "pa1325.duckdb");
  const folder = path.join(dir, "backups");
  const target = path.join(folder, "copy.duckdb");
  let before: string;
  let cleanMs: number;

  beforeAll(async () => {
    expect((await runCli(["ingest", path.join(ROOT, "sample-workbooks", "submitted"), "--db", db], { env: ENV })).code).toBe(1);
    mkdirSync(folder);
    const clean = await runCli(["backup", "--db", db, "--to", path.join(dir, "clean.duckdb")], { env: ENV });
    expect(clean.code).toBe(0);
    cleanMs = clean.ms;
    before = await contents(db);
    expect(await contents(path.join(dir, "clean.duckdb"))).toBe(before);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("leaves the database as it was and no partial copy under the copy's name, and the next backup is whole", async () => {
    const random = seededRandom(1325);
    const temporaryAppears = () => readdirSync(folder).some((n) => n.endsWith(".tmp"));
    // As the temporary copy appears (during the copy), a little later (flushing, reading it back), and at seeded
    // moments of the run. A kill can miss (the run was over), so the moments go on until three have landed; at
    // least two must.
    const moments: CliOptions[] = [
      { killWhen: temporaryAppears, killDelayMs: 0 },
      { killWhen: temporaryAppears, killDelayMs: 15 },
      { killAfterMs: cleanMs * (0.3 + 0.6 * random()) },
      { killWhen: temporaryAppears, killDelayMs: 5 },
      { killAfterMs: cleanMs * (0.3 + 0.4 * random()) },
    ];
    let kills = 0;
    for (const moment of moments) {
      if (kills >= 3) break;
      const run = await runCli(["backup", "--db", db, "--to", target, "--force"], { env: ENV, ...moment });
      if (run.killed) kills++;
      expect(await contents(db)).toBe(before);
      if (existsSync(target)) expect(await contents(target)).toBe(before);
    }
    expect(kills).toBeGreaterThanOrEqual(2);
    const rerun = await runCli(["backup", "--db", db, "--to", target, "--force"], { env: ENV });
    expect(rerun.code).toBe(0);
    expect(readdirSync(folder)).toEqual(["copy.duckdb"]);
    expect(await contents(target)).toBe(before);
  });
});
