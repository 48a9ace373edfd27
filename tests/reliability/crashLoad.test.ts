import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { checkLoadState, fileSha, readLoadState, runCli, seededRandom, writePersonnelCsv, type CliOptions } from "./crashHarness";

// `pa1325 load personnel` of a large export killed with SIGKILL at seeded moments, over a database that already
// holds an earlier export: the snapshot must be the old one or the new one, whole, never a mix.
const ENV = { PA1325_KEY: "crash-test-key-0123456789abcdefghijklmnop" };
const ROWS = 25_000;

/** True once the database's WAL appears after having been absent (a killed run may leave one, replayed at the next open). */
function walAppears(db: string): () => boolean {
  let absent = false;
  return () => {
    const present = existsSync(`${db}.wal`);
    if (!present) absent = true;
    return absent && present;
  };
}

describe("pa1325 load killed with SIGKILL", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-crash-load-"));
  const older = writePersonnelCsv(path.join(dir, "personal-2026-05.csv"), ROWS, 0);
  const newer = writePersonnelCsv(path.join(dir, "personal-2026-06.csv"), ROWS, 3);
  const snapshots = new Map<string, string | null>();
  let cleanMs: number;

  beforeAll(async () => {
    // Each file's rows as a clean load stores them.
    for (const file of [older, newer]) {
      const db = path.join(dir, `clean-${path.basename(file)}.duckdb`);
      const run = await runCli(["load", "personnel", file, "--db", db], { env: ENV });
      expect(run.code).toBe(0);
      cleanMs = run.ms;
      const state = await readLoadState(db);
      expect(state.personnel.rows).toBe(ROWS);
      snapshots.set(fileSha(file), state.personnel.digest);
    }
    expect(new Set(snapshots.values()).size).toBe(2);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("leaves the previous snapshot or the new one, whole, and a rerun loads the new one", async () => {
    const db = path.join(dir, "killed.duckdb");
    const start = path.join(dir, `clean-${path.basename(older)}.duckdb`);
    copyFileSync(start, db);
    if (existsSync(`${start}.wal`)) copyFileSync(`${start}.wal`, `${db}.wal`);
    const random = seededRandom(1325);
    // Most of a load is reading and checking rows; the swap is written to the WAL at its commit and then
    // checkpointed into the database file. So: as the WAL appears (a torn commit), a little later (a whole WAL
    // not yet checkpointed, or a checkpoint under way), and at seeded moments in the second half of the run. A
    // kill can miss (the run was over: the commit and checkpoint take a few ms, and a shared host's timing moves
    // by half), so the moments go on until three kills have landed; at least two must.
    const moments: CliOptions[] = [
      { killWhen: walAppears(db), killDelayMs: 0 },
      { killWhen: walAppears(db), killDelayMs: 8 },
      { killAfterMs: cleanMs * (0.55 + 0.4 * random()) },
      { killWhen: walAppears(db), killDelayMs: 2 },
      { killAfterMs: cleanMs * (0.5 + 0.3 * random()) },
      { killWhen: walAppears(db), killDelayMs: 0 },
    ];
    let kills = 0;
    for (const moment of moments) {
      if (kills >= 3) break;
      const run = await runCli(["load", "personnel", newer, "--db", db], { env: ENV, ...moment });
      if (run.killed) kills++;
      const acked = /^loaded +personnel/m.test(run.stdout);
      expect({ moment, violations: checkLoadState(await readLoadState(db), { snapshots, newSha: fileSha(newer), acked }) }).toEqual({ moment, violations: [] });
    }
    expect(kills).toBeGreaterThanOrEqual(2);
    const rerun = await runCli(["load", "personnel", newer, "--db", db], { env: ENV });
    expect(rerun.code).toBe(0);
    const final = await readLoadState(db);
    expect(checkLoadState(final, { snapshots, newSha: fileSha(newer), acked: true })).toEqual([]);
    expect(final.personnel.digest).toBe(snapshots.get(fileSha(newer)));
  });
});
