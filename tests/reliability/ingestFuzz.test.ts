import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { createWorkbookReader } from "../../pipeline/src/ingest/createWorkbookReader";
import { ingest } from "../../pipeline/src/ingest/ingest";
import { filledTemplateXlsx } from "../helpers/filledTemplateXlsx";
import { mutate, mutationsArb } from "../soak/mutateWorkbook";
import { readIngestState } from "./crashHarness";

// Mutation fuzzing through the whole of `ingest`, not just the reader (tests/pipeline/xlsx/fuzz.test.ts): bit
// flips, truncations, reordered, dropped and duplicated entries and XML splices over filled templates, each file
// through identification, validation and storage. Every file must end stored or refused with a reason code — no
// exception, no hang — and the database must hold whole submissions only. The soak (tests/soak/fuzz-ingest.js)
// runs 10,000.

const CASES = 200;

describe("ingest under mutation fuzzing", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-ingest-fuzz-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("stores or refuses every mutated template with a reason, and stores whole submissions only", async () => {
    const bases = [await filledTemplateXlsx("EP", "es", 1), await filledTemplateXlsx("CECOPAZ", "en", 2)];
    const inbox = path.join(dir, "inbox");
    mkdirSync(inbox);
    const cases = fc.sample(fc.tuple(fc.nat({ max: bases.length - 1 }), mutationsArb), { seed: 1325, numRuns: CASES });
    cases.forEach(([which, mutations], i) => writeFileSync(path.join(inbox, `case-${String(i).padStart(4, "0")}.xlsx`), mutate(bases[which]!, mutations)));
    bases.forEach((b, i) => writeFileSync(path.join(inbox, `base-${i}.xlsx`), b));

    const db = path.join(dir, "fuzz.duckdb");
    const summary = await ingest([inbox], { dbFile: db, dryRun: false, maxFileBytes: 50 * 1_048_576 }, {
      now: () => new Date("2026-08-01T12:00:00Z"),
      env: { PA1325_KEY: "ingest-fuzz-key-0123456789abcdefghijklmn" },
      warn: () => {},
      createReader: () => createWorkbookReader({ timeoutMs: 5000 }),
    });
    expect(summary.files).toHaveLength(CASES + bases.length);
    const outcomes = new Map<string, number>();
    for (const f of summary.files) {
      const outcome = f.status === "rejected" ? f.reason.code : f.status;
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      if (f.status === "rejected") {
        expect({ file: path.basename(f.file), code: /^[A-Z][A-Z0-9_]+$/.test(f.reason.code), es: f.reason.message.es.length > 10, en: f.reason.message.en.length > 10 }).toEqual({ file: path.basename(f.file), code: true, es: true, en: true });
      }
    }
    console.log(`ingest fuzz: ${summary.files.length} files: ${[...outcomes].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(", ")}`);
    // Mutations reach every layer: some files are still stored, some refused by the reader, some by validation.
    expect((outcomes.get("accepted") ?? 0) + (outcomes.get("replaced") ?? 0)).toBeGreaterThan(5);
    expect(outcomes.size).toBeGreaterThan(5);

    const state = await readIngestState(db);
    const stored = summary.files.filter((f) => f.status === "accepted" || f.status === "replaced").length;
    expect(state.submissions).toHaveLength(stored);
    expect(state.submissions.filter((s) => s.counts.join() !== s.stored.join())).toEqual([]);
    expect(state.orphans).toEqual({ indicator_values: 0, deliverables: 0, roster_entries: 0, ingest_issues: 0, ingest_files: 0 });
    expect(state.submissions.filter((s) => s.status === "current").map((s) => s.institution).sort()).toEqual(["CECOPAZ", "EP"]);
  });
});
