import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

// The benchmarks are run by hand (never timed in tests), so nothing else notices when a change to the code they
// drive breaks them. This runs each measurement of the ingest benchmark once on a few files and checks what it
// reports — not how fast.

const ROOT = path.join(__dirname, "..", "..");
const BENCH = path.join(ROOT, "bench", "ingest-benchmark.js");

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generateCorpus, ALLOCATOR_VARIABLE } = require(path.join(ROOT, "bench", "read-baselines.js")) as {
  generateCorpus(o: { dir: string; count: number; seed: number; periods: string[]; workers: number }): Promise<string[]>;
  ALLOCATOR_VARIABLE: RegExp;
};

function phase(name: string, dir: string): Record<string, unknown> {
  const out = execFileSync(process.execPath, [BENCH, "--phase", name, "--dir", dir], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  return JSON.parse(out.trim().split("\n").pop()!) as Record<string, unknown>;
}

describe("the ingest benchmark still runs", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-bench-smoke-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeAll(async () => {
    await generateCorpus({ dir, count: 4, seed: 3, periods: ["2025-S2", "2026-S1"], workers: 1 });
  });

  it("ingests the corpus end to end through the CLI and counts what it stored", () => {
    const r = phase("ingest", dir);
    expect(r.exitCode).toBe(0);
    expect(r.counts).toMatchObject({ files: 4, rejected: 0 });
    const stored = r.stored as { values: number; roster: number };
    expect(stored.values).toBeGreaterThan(0);
    expect(stored.roster).toBeGreaterThan(0);
    expect(r.peakRss).toEqual(expect.any(Number));
  });

  it("measures the reader pool, the bare inflate and ExcelJS on the same files", () => {
    expect(phase("reader", dir).cells).toEqual(expect.any(Number));
    expect(phase("bare", dir).inflatedBytes).toEqual(expect.any(Number));
    expect(phase("exceljs", dir).ms).toEqual(expect.any(Number));
  });

  it("--long: copies the corpus into new bytes, ingests them in one run, notes the peak as the folder grows, and cleans up", () => {
    const tmp = path.join(dir, "tmp");
    mkdirSync(tmp);
    const out = execFileSync(process.execPath, [BENCH, "--long", "2", "--corpus", dir], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      // With an allocator setting of the operator's own, which every figure must then be labelled with.
      env: { ...withoutAllocatorSettings(process.env), TMPDIR: tmp, MALLOC_ARENA_MAX: "1" },
    });
    expect(out).toMatch(/^machine: \d+ cores, load average [\d. ]+; allocator settings MALLOC_ARENA_MAX=1 \(not the default\)$/m);
    expect(out).toContain("long run: 2 copies of the corpus, 8 files");
    // Each copy is new bytes: every file is stored (4 new submissions' versions twice over), none "unchanged".
    expect(out).toMatch(/exit code 0, \{"accepted":\d+,"replaced":\d+\}/);
    const counts = JSON.parse(/exit code 0, (\{[^}]*\})/.exec(out)![1]!) as Record<string, number>;
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(8);
    // A mark after each copy (every 4 files), then the whole run, then the verdict on the 300 MB target.
    expect(out).toMatch(/^ +4 +[\d.]+ s +\d+ MB$/m);
    expect(out).toMatch(/^ +8 +[\d.]+ s +\d+ MB$/m);
    expect(out).toMatch(/under 300 MB \(of 1,048,576 bytes\) peak memory whatever the folder size; measured to 8 files \(with MALLOC_ARENA_MAX=1\): \d+ MB +(PASS|MISS)/);
    expect(out).toMatch(/\n {2}in decimal megabytes \(1,000,000 bytes\): \d+ against 300 +(PASS|MISS)\n/);
    // The copies and the database are deleted; the corpus given with --corpus is kept.
    expect(readdirSync(tmp)).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.endsWith(".xlsx"))).toHaveLength(4);
  });

  it("measures checking and storing alone, with every file read beforehand, and decides every file as the CLI does", () => {
    const r = phase("storage", dir);
    expect(r.counts).toMatchObject({ files: 4, rejected: 0 });
    expect(r.ms).toEqual(expect.any(Number));
  });
});

/** The environment without the variables the benchmark reports as allocator settings (those of this machine, if any). */
function withoutAllocatorSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !ALLOCATOR_VARIABLE.test(name)));
}
