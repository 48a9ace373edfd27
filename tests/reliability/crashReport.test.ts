import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { checkPackState, countStaged, readPackState, ROOT, runCli, seededRandom, type CliOptions } from "./crashHarness";

// `pa1325 report` killed with SIGKILL at seeded moments, into a new folder and over an earlier pack: every file
// under a final name must be a complete one (the earlier pack's or a clean run's), never half-written. The runs
// use a fixed clock (tests/reliability/cliWithClock.js) so that a clean run gives the exact bytes to expect.
const ENV = { PA1325_KEY: "crash-test-key-0123456789abcdefghijklmnop" };
const EARLIER = "2026-08-15T09:00:00Z";
const NOW = "2026-09-01T12:00:00Z";

describe("pa1325 report killed with SIGKILL", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-crash-report-"));
  const db = path.join(dir, "pa1325.duckdb");
  const report = (out: string, clock: string, kill: CliOptions = {}) =>
    runCli(["report", "--period", "2026-S1", "--out", out, "--db", db], { env: ENV, clock, ...kill });
  let clean: Map<string, string>;
  let earlier: Map<string, string>;
  let cleanMs: number;

  beforeAll(async () => {
    expect((await runCli(["ingest", path.join(ROOT, "sample-workbooks", "submitted"), "--db", db], { env: ENV })).code).toBe(1);
    const run = await report(path.join(dir, "clean"), NOW);
    expect(run.code).toBe(0);
    cleanMs = run.ms;
    clean = readPackState(path.join(dir, "clean"));
    expect(clean.size).toBe(29);
    expect((await report(path.join(dir, "earlier"), EARLIER)).code).toBe(0);
    earlier = readPackState(path.join(dir, "earlier"));
    // The two packs differ (they are dated), so the check can tell them apart.
    expect([...clean].filter(([f, h]) => earlier.get(f) !== h).length).toBeGreaterThan(10);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const allowed = (...packs: Array<Map<string, string>>) => {
    const out = new Map<string, Set<string>>();
    for (const pack of packs) for (const [f, h] of pack) out.set(f, new Set([...(out.get(f) ?? []), h]));
    return out;
  };

  it("leaves a new folder with complete files or none, and an earlier pack with each file whole, old or new", async () => {
    const random = seededRandom(1325);
    // Kills while the pack is staged (once the folder holds n temporary files) or renamed into place, and one at
    // a seeded moment late in the run.
    const fresh = path.join(dir, "fresh");
    const run = await report(fresh, NOW, { killWhen: () => countStaged(fresh) >= 3 });
    expect(checkPackState(readPackState(fresh), allowed(clean)).violations).toEqual([]);

    const over = path.join(dir, "over");
    cpSync(path.join(dir, "earlier"), over, { recursive: true });
    let kills = run.killed ? 1 : 0;
    const moments: CliOptions[] = [{ killWhen: () => countStaged(over) >= 20, killDelayMs: 3 }, { killAfterMs: cleanMs * (0.55 + 0.5 * random()) }];
    for (const moment of moments) {
      const killed = await report(over, NOW, moment);
      if (killed.killed) kills++;
      expect({ moment, violations: checkPackState(readPackState(over), allowed(earlier, clean), { complete: true }).violations }).toEqual({ moment, violations: [] });
    }
    expect(kills).toBeGreaterThanOrEqual(2);

    // A rerun completes and leaves the clean run's files; a killed run's staged files may remain beside them.
    expect((await report(over, NOW)).code).toBe(0);
    const final = readPackState(over);
    expect(checkPackState(final, allowed(clean), { complete: true }).violations).toEqual([]);
    for (const [f, h] of clean) expect({ f, same: final.get(f) === h }).toEqual({ f, same: true });
  });
});
