import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  acknowledgedFiles,
  checkIngestState,
  compareIngestStates,
  fileSha,
  listFiles,
  readIngestState,
  ROOT,
  runCli,
  seededRandom,
  type CliOptions,
  type IngestState,
} from "./crashHarness";

// `pa1325 ingest` killed with SIGKILL at seeded moments (the soak, tests/soak/crash-loop.js, does hundreds): the
// sample inbox has 19 files — accepted ones, a resubmission that replaces its first version, and refusals.
const INBOX = path.join(ROOT, "sample-workbooks", "submitted");
const ENV = { PA1325_KEY: "crash-test-key-0123456789abcdefghijklmnop" };

describe("pa1325 ingest killed with SIGKILL", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-crash-ingest-"));
  const shaOf = new Map(listFiles(INBOX).map((f) => [path.basename(f), fileSha(path.join(INBOX, f))]));
  let clean: IngestState;
  let cleanMs: number;

  beforeAll(async () => {
    const run = await runCli(["ingest", INBOX, "--db", path.join(dir, "clean.duckdb")], { env: ENV });
    expect(run.code).toBe(1); // some samples are refused on purpose
    cleanMs = run.ms;
    clean = await readIngestState(path.join(dir, "clean.duckdb"));
    expect(clean.submissions).toHaveLength(14);
    expect(clean.rejected.size).toBe(5);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps every acknowledged file, no partial one, and a rerun ends where a clean run does", async () => {
    const db = path.join(dir, "killed.duckdb");
    const random = seededRandom(1325);
    // Right after a file's line (its commit), shortly after one, and at seeded moments of the run (most of its
    // first half is starting up: Node, DuckDB, the reader's workers). Group commit: these runs commit every 3 files
    // (PA1325_INGEST_BATCH_FILES), so that kills land between transactions and inside them; the last uses the
    // default (the 19 samples then share one transaction).
    const BATCH = 3;
    const moments: Array<CliOptions & { batch?: number }> = [
      { killAfterLines: 2, batch: BATCH },
      { killAfterLines: 4, killDelayMs: 20, batch: BATCH },
      ...[0, 1].map(() => ({ killAfterMs: cleanMs * (0.5 + 0.5 * random()), batch: BATCH })),
      // Just after the WAL is written (a commit). A file stored in two transactions would be caught here only by
      // luck; transactionBoundaries.test.ts checks the transactions themselves.
      { killOnWrite: { file: `${db}.wal`, times: 8 }, killDelayMs: 1, batch: BATCH },
      { killAfterMs: cleanMs * (0.5 + 0.5 * random()) },
    ];
    const acked = new Map<string, string>();
    let kills = 0;
    for (const { batch, ...moment } of moments) {
      const env = batch === undefined ? ENV : { ...ENV, PA1325_INGEST_BATCH_FILES: String(batch) };
      const run = await runCli(["ingest", INBOX, "--db", db], { env, ...moment });
      for (const [name, status] of acknowledgedFiles(run.stdout)) acked.set(name, status);
      if (run.killed) kills++;
      const state = await readIngestState(db);
      const inFlight = batch ?? shaOf.size;
      expect({ moment, violations: checkIngestState(state, { acked, shaOf, clean, inFlight }) }).toEqual({ moment, violations: [] });
    }
    expect(kills).toBeGreaterThanOrEqual(3);
    const rerun = await runCli(["ingest", INBOX, "--db", db], { env: ENV });
    expect(rerun.code).toBe(1);
    for (const [name, status] of acknowledgedFiles(rerun.stdout)) acked.set(name, status);
    expect(acked.size).toBe(shaOf.size);
    const final = await readIngestState(db);
    expect(checkIngestState(final, { acked, shaOf, clean, inFlight: shaOf.size })).toEqual([]);
    expect(compareIngestStates(final, clean)).toEqual([]);
  });
});
