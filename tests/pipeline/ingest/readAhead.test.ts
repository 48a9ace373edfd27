import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { currentCatalog } from "../../../core/src/catalog/builtInCatalogs";
import { buildTemplateLayout } from "../../../core/src/layout/buildTemplateLayout";
import { ingest, type IngestEffects } from "../../../pipeline/src/ingest/ingest";
import { readerWorkers } from "../../../pipeline/src/ingest/createWorkbookReader";
import type { WorkbookReader } from "../../../pipeline/src/ingest/WorkbookSource";
import { zeroFilledGrid } from "../../helpers/fillTemplate";
import { FakeWorkbooks } from "./fakeReader";

const ep = buildTemplateLayout(currentCatalog(), "EP", "2026-S1", "es");

/** Ingestion reads files ahead of the one it stores; these pin down what that must not change. */
describe("ingest: reading ahead", () => {
  function setup(delayMs: (file: string) => number = () => 0, maxFileBytes = 1_000_000) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-read-ahead-"));
    const files = new FakeWorkbooks();
    const read: string[] = [];
    const handed = new Map<string, Uint8Array>();
    const reading = { now: 0, most: 0 };
    const counting = (inner: WorkbookReader): WorkbookReader => ({
      read: async (file, bytes) => {
        read.push(path.basename(file));
        handed.set(file, bytes);
        reading.most = Math.max(reading.most, ++reading.now);
        await new Promise((resolve) => setTimeout(resolve, delayMs(file)));
        reading.now--;
        return inner.read(file, bytes);
      },
      close: () => inner.close(),
    });
    const effects: IngestEffects = {
      now: () => new Date("2026-07-20T09:00:00Z"),
      env: { HOME: dir, PA1325_KEY: "k".repeat(40) },
      warn: () => {},
      createReader: () => counting(files.reader()),
    };
    const run = (paths: string[]) => ingest(paths, { dbFile: path.join(dir, "t.duckdb"), dryRun: false, maxFileBytes }, effects);
    return { dir, files, read, handed, reading, run };
  }

  it("does not read again the files whose bytes are already stored", async () => {
    const t = setup();
    const names = ["a.xlsx", "b.xlsx", "c.xlsx", "d.xlsx", "e.xlsx", "f.xlsx"];
    names.forEach((n, i) => t.files.add(path.join(t.dir, n), zeroFilledGrid(ep).set("Indicadores", "E19", i + 1)));
    const first = await t.run([t.dir]);
    expect(first.counts).toEqual({ files: 6, accepted: 1, replaced: 5, unchanged: 0, rejected: 0 });
    expect(t.read.sort()).toEqual(names);
    t.read.length = 0;
    const again = await t.run([t.dir]);
    expect(again.counts).toEqual({ files: 6, accepted: 0, replaced: 0, unchanged: 6, rejected: 0 });
    expect(t.read).toEqual([]);
  });

  it("hands the reader each file's own bytes, whole, though files are read through one reused buffer", async () => {
    // Slow reads: every file is read from disk (into the shared buffer) before the first is handed back.
    const t = setup(() => 30);
    for (let i = 0; i < 8; i++) t.files.add(path.join(t.dir, `${i}.xlsx`), zeroFilledGrid(ep).set("Indicadores", "E19", i), `bytes of file ${i} `.repeat(50 + i));
    expect((await t.run([t.dir])).counts.files).toBe(8);
    expect(t.handed.size).toBe(8);
    for (const [file, bytes] of t.handed) {
      expect(Buffer.from(bytes).equals(readFileSync(file))).toBe(true);
      // Its own ArrayBuffer, of its exact length: what a worker can take without a copy.
      expect(bytes.byteOffset).toBe(0);
      expect(bytes.buffer.byteLength).toBe(bytes.byteLength);
    }
  });

  it("lets the event loop turn while it goes through files already stored, so that their lines are reported as it goes", async () => {
    const t = setup();
    for (let i = 0; i < 600; i++) t.files.add(path.join(t.dir, `${String(i).padStart(3, "0")}.xlsx`), zeroFilledGrid(ep).set("Indicadores", "E19", i));
    expect((await t.run([t.dir])).counts.files).toBe(600);
    // Again: every file is already stored, and is decided without waiting for anything (no read, no write).
    let turns = 0;
    const timer = setInterval(() => turns++, 0);
    const seen: number[] = [];
    try {
      const again = await ingest([t.dir], { dbFile: path.join(t.dir, "t.duckdb"), dryRun: false, maxFileBytes: 1_000_000 }, {
        now: () => new Date("2026-07-20T09:00:00Z"),
        env: { HOME: t.dir, PA1325_KEY: "k".repeat(40) },
        warn: () => {},
        createReader: () => t.files.reader(),
        onFile: () => seen.push(turns),
      });
      expect(again.counts.unchanged).toBe(600);
    } finally {
      clearInterval(timer);
    }
    // Timers ran between the first file's line and the last one's (without turns of the loop: none).
    expect(seen[seen.length - 1]! - seen[0]!).toBeGreaterThan(0);
  });

  it("stores files in their order, each version replacing the one before, whatever order the reads finish in", async () => {
    // The earlier a file, the slower its read: later files are read before earlier ones are done.
    const t = setup((file) => 60 - 6 * Number(path.basename(file, ".xlsx")));
    for (let i = 0; i < 9; i++) t.files.add(path.join(t.dir, `${i}.xlsx`), zeroFilledGrid(ep).set("Indicadores", "E19", i));
    const summary = await t.run([t.dir]);
    expect(summary.files.map((f) => (f.status === "rejected" ? null : [path.basename(f.file), f.version]))).toEqual(
      Array.from({ length: 9 }, (_, i) => [`${i}.xlsx`, i + 1]),
    );
  });

  it("reads many small files ahead at once, but only a few large ones", async () => {
    const small = setup(() => 20);
    for (let i = 0; i < 20; i++) small.files.add(path.join(small.dir, `${String(i).padStart(2, "0")}.xlsx`), zeroFilledGrid(ep).set("Indicadores", "E19", i));
    expect((await small.run([small.dir])).counts.files).toBe(20);
    expect(small.reading.most).toBe(20);

    // Twelve files of 5 MB: the read-ahead stops once 16 MB are held (a fourth file is the most it starts).
    const large = setup(() => 20, 50_000_000);
    for (let i = 0; i < 12; i++) {
      large.files.add(path.join(large.dir, `${String(i).padStart(2, "0")}.xlsx`), zeroFilledGrid(ep).set("Indicadores", "E19", i), `${i} ${"x".repeat(5_000_000)}`);
    }
    expect((await large.run([large.dir])).counts).toMatchObject({ files: 12, rejected: 0 });
    expect(large.reading.most).toBeGreaterThanOrEqual(2);
    expect(large.reading.most).toBeLessThanOrEqual(4);
  });

  it("reads with one worker per core left by the ingest thread, one at least and two at most", () => {
    expect([1, 2, 3, 4, 16].map(readerWorkers)).toEqual([1, 1, 2, 2, 2]);
  });
});
