import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import workerThreads, { type WorkerOptions } from "node:worker_threads";
import { INGEST_HEAP_MB, INGEST_YOUNG_GENERATION_MB, ingestInWorker } from "../../../pipeline/src/ingest/ingestInWorker";
import { createReaderPool, DEFAULT_XLSX_LIMITS } from "../../../pipeline/src/xlsx/readWorkbook";

// The heap caps of the threads that read and ingest (resourceLimits): without the young generations' caps V8 grows
// each to 48 MB and keeps it resident, which put a long run over 300 MB (bench/README.md, "Young generations
// capped"); without the old generation's, garbage grew the ingest thread's heap to 150-170 MB between collections.
// Nothing else would notice them gone: every run still works, only its memory grows.

const ROOT = path.join(__dirname, "..", "..", "..");
const SAMPLE = path.join(ROOT, "sample-workbooks", "submitted", "2025-S2", "pa1325-EP-2025-S2.xlsx");

/** Every worker thread started in this thread from now on, with the resource limits it was given. */
function watchWorkers(): Array<{ script: string; limits: WorkerOptions["resourceLimits"] }> {
  const started: Array<{ script: string; limits: WorkerOptions["resourceLimits"] }> = [];
  const Worker = workerThreads.Worker;
  jest.spyOn(workerThreads, "Worker").mockImplementation(((script: string | URL, options?: WorkerOptions) => {
    started.push({ script: path.basename(String(script)), limits: options?.resourceLimits });
    return new Worker(script, options);
  }) as never);
  return started;
}

describe("the worker threads' heap caps", () => {
  afterEach(() => jest.restoreAllMocks());

  it("the reader's workers: the old generation at heapMb, the young one at 8 MB", async () => {
    const started = watchWorkers();
    const pool = createReaderPool({ size: 1 });
    try {
      expect((await pool.read(SAMPLE)).sheets.size).toBeGreaterThan(0);
    } finally {
      await pool.close();
    }
    expect(DEFAULT_XLSX_LIMITS.youngGenerationMb).toBe(8);
    expect(started).toEqual([{ script: expect.stringMatching(/^readerWorker\./), limits: { maxOldGenerationSizeMb: DEFAULT_XLSX_LIMITS.heapMb, maxYoungGenerationSizeMb: 8 } }]);
  });

  it("the ingest's thread: the old generation at 128 MB, the young one at 8 MB", async () => {
    const started = watchWorkers();
    const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-heap-caps-"));
    try {
      const summary = await ingestInWorker(
        [SAMPLE],
        { dbFile: path.join(dir, "caps.duckdb"), dryRun: false, maxFileBytes: 50 * 1_048_576, keepResults: false },
        { env: { PA1325_KEY: "heap-caps-test-key-0123456789abcdefghijk" }, warn: () => {}, clock: new Date("2026-08-01T12:00:00Z") },
      );
      expect(summary.counts).toMatchObject({ files: 1, accepted: 1 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect([INGEST_HEAP_MB, INGEST_YOUNG_GENERATION_MB]).toEqual([128, 8]);
    expect(started).toEqual([{ script: expect.stringMatching(/^ingestWorker\./), limits: { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 8 } }]);
  });
});
