import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { currentCatalog } from "../../../core/src/catalog/builtInCatalogs";
import { buildTemplateLayout } from "../../../core/src/layout/buildTemplateLayout";
import { ingest, type IngestEffects } from "../../../pipeline/src/ingest/ingest";
import type { WorkbookReader } from "../../../pipeline/src/ingest/WorkbookSource";
import { zeroFilledGrid } from "../../helpers/fillTemplate";
import { FakeWorkbooks } from "./fakeReader";

const ep = buildTemplateLayout(currentCatalog(), "EP", "2026-S1", "es");

/** Ingestion reads files ahead of the one it stores; these pin down what that must not change. */
describe("ingest: reading ahead", () => {
  function setup(delayMs: (file: string) => number = () => 0) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-read-ahead-"));
    const files = new FakeWorkbooks();
    const read: string[] = [];
    const counting = (inner: WorkbookReader): WorkbookReader => ({
      read: async (file, bytes) => {
        read.push(path.basename(file));
        await new Promise((resolve) => setTimeout(resolve, delayMs(file)));
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
    const run = (paths: string[]) => ingest(paths, { dbFile: path.join(dir, "t.duckdb"), dryRun: false, maxFileBytes: 1_000_000 }, effects);
    return { dir, files, read, run };
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

  it("stores files in their order, each version replacing the one before, whatever order the reads finish in", async () => {
    // The earlier a file, the slower its read: later files are read before earlier ones are done.
    const t = setup((file) => 60 - 6 * Number(path.basename(file, ".xlsx")));
    for (let i = 0; i < 9; i++) t.files.add(path.join(t.dir, `${i}.xlsx`), zeroFilledGrid(ep).set("Indicadores", "E19", i));
    const summary = await t.run([t.dir]);
    expect(summary.files.map((f) => (f.status === "rejected" ? null : [path.basename(f.file), f.version]))).toEqual(
      Array.from({ length: 9 }, (_, i) => [`${i}.xlsx`, i + 1]),
    );
  });
});
