import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PipelineError } from "../../../pipeline/src/cli/PipelineError";
import { openDatabase, queryRows } from "../../../pipeline/src/db/Database";
import { createWorkbookReader } from "../../../pipeline/src/ingest/createWorkbookReader";
import { ingest, type IngestOptions } from "../../../pipeline/src/ingest/ingest";
import { formatFileResult } from "../../../pipeline/src/ingest/fileOutput";
import { ingestInWorker } from "../../../pipeline/src/ingest/ingestInWorker";
import type { FileResult } from "../../../pipeline/src/ingest/IngestResult";

// `pa1325 ingest` runs the ingest in a worker thread with a capped heap (ingestInWorker). What it reports and stores
// must be exactly what `ingest` does in the calling thread, event by event, with the caller's clock.

const ROOT = path.join(__dirname, "..", "..", "..");
const INBOX = path.join(ROOT, "sample-workbooks", "submitted");
const env = { PA1325_KEY: "in-worker-test-key-0123456789abcdefghij" };
const AT = new Date("2026-08-01T12:00:00Z");

describe("ingest in a worker thread", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-in-worker-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const options = (name: string): IngestOptions => ({ dbFile: path.join(dir, `${name}.duckdb`), dryRun: false, maxFileBytes: 50 * 1_048_576, keepResults: false });
  const stored = async (name: string) => {
    const db = await openDatabase(path.join(dir, `${name}.duckdb`), { readOnly: true });
    try {
      return await queryRows(db, `SELECT submission_id, institution, period, version, status, sha256, received_at FROM submissions ORDER BY submission_id`);
    } finally {
      db.close();
    }
  };

  it("reports the same files in the same order, stores the same rows and keeps the caller's fixed clock", async () => {
    const here: Array<FileResult | string> = [];
    const inThread = await ingest([INBOX], options("here"), {
      now: () => AT,
      env,
      warn: (t) => here.push(`warn ${t.en}`),
      onFile: (r) => here.push(r),
      createReader: () => createWorkbookReader(),
    });
    const there: Array<FileResult | string> = [];
    const progress: number[] = [];
    const inWorker = await ingestInWorker([INBOX], options("there"), {
      clock: AT,
      env,
      warn: (t) => there.push(`warn ${t.en}`),
      progress: (done) => progress.push(done),
      onFile: (r) => there.push(r),
    });
    expect(there).toEqual(here);
    expect(there.length).toBeGreaterThan(15);
    expect(inWorker.counts).toEqual(inThread.counts);
    expect(progress).toEqual([...Array(inWorker.counts.files + 1).keys()]);
    const a = await stored("here");
    expect(await stored("there")).toEqual(a);
    expect(new Set(a.map((r) => new Date(r.received_at as Date | string).toISOString()))).toEqual(new Set([AT.toISOString()]));
  });

  it("sends, when asked, each file's printed text made in the worker instead of its result (in order, both formats)", async () => {
    const results: FileResult[] = [];
    await ingest([INBOX], options("formatted-here"), { now: () => AT, env, warn: () => {}, onFile: (r) => results.push(r), createReader: () => createWorkbookReader() });
    for (const [format, language] of [["text", "es"], ["json", "en"]] as const) {
      const texts: string[] = [];
      const onFile = jest.fn();
      await ingestInWorker([INBOX], options(`formatted-${format}`), { clock: AT, env, warn: () => {}, onFile, output: { format, language, write: (t) => texts.push(t) } });
      expect(onFile).not.toHaveBeenCalled();
      expect(texts).toEqual(results.map((r) => formatFileResult(r, format, language)));
    }
    expect(results.some((r) => r.status === "rejected") && results.some((r) => r.status === "replaced")).toBe(true);
  });

  it("stores text without FSST compression, whose checkpoints made glibc's memory grow over long runs", async () => {
    await ingestInWorker([INBOX], options("fsst"), { clock: AT, env, warn: () => {} });
    const fsstSegments = async (db: Awaited<ReturnType<typeof openDatabase>>, table: string) =>
      Number((await queryRows(db, `SELECT count(*) AS n FROM pragma_storage_info('${table}') WHERE compression = 'FSST'`))[0]!.n);
    // The same rows written by a connection without the setting do get FSST: the check can tell.
    const db = await openDatabase(path.join(dir, "fsst.duckdb"));
    try {
      const tables = (await queryRows(db, "SELECT table_name FROM duckdb_tables() ORDER BY table_name")).map((r) => String(r.table_name));
      expect(tables).toContain("indicator_values");
      for (const table of tables) expect({ table, fsst: await fsstSegments(db, table) }).toEqual({ table, fsst: 0 });
      await db.connection.run("CREATE TABLE copied AS SELECT * FROM indicator_values");
      await db.connection.run("CHECKPOINT");
      expect(await fsstSegments(db, "copied")).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });

  it("turns a heap too small for the run into a PipelineError that says what to do", async () => {
    const run = ingestInWorker([INBOX], options("tiny"), { clock: AT, env, warn: () => {} }, 4);
    await expect(run).rejects.toBeInstanceOf(PipelineError);
    await expect(run).rejects.toMatchObject({ code: "INGEST_OUT_OF_MEMORY", text: { en: expect.stringContaining("more than 4 MB") } });
  });

  it("passes on the errors ingest gives, as PipelineErrors with their code and both languages", async () => {
    await ingestInWorker([INBOX], options("keyed"), { clock: AT, env, warn: () => {} });
    const other = ingestInWorker([INBOX], options("keyed"), { clock: AT, env: { PA1325_KEY: "another-key-0123456789abcdefghijklmnopq" }, warn: () => {} });
    await expect(other).rejects.toMatchObject({ code: "KEY_MISMATCH", text: { es: expect.any(String), en: expect.any(String) } });
  });
});
