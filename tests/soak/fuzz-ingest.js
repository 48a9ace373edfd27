#!/usr/bin/env node
// Soak: mutation-fuzzes the whole ingest (reader, identification, validation, storage) over filled templates,
// in batches into one database, and prints cases, outcomes, time and peak memory.
//   npm run build:cli && node tests/soak/fuzz-ingest.js [--cases 10000] [--seed 1325] [--batch 500]
// Exits 1 if a file ends in anything but a stored submission or a refusal with a reason code (ingest throws), or
// if the database then holds a partial submission or an orphan row.
const { mkdirSync, mkdtempSync, rmSync, writeFileSync } = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { performance } = require("node:perf_hooks");
const fc = require("fast-check");
const { mutate, mutationsArb } = require("./mutateWorkbook");
const { readIngestState } = require("../reliability/crashHarness");
const { filledTemplates, flag, loadDist } = require("./soakTemplates");

const { ingest } = loadDist("pipeline/src/ingest/ingest");
const { createWorkbookReader } = loadDist("pipeline/src/ingest/createWorkbookReader");

async function main() {
  const cases = flag("cases", 10_000);
  const seed = flag("seed", 1325);
  const batch = flag("batch", 500);
  const bases = await filledTemplates(seed);
  const all = fc.sample(fc.tuple(fc.nat({ max: bases.length - 1 }), mutationsArb), { seed, numRuns: cases });
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-fuzz-ingest-"));
  const db = path.join(dir, "fuzz.duckdb");
  const outcomes = new Map();
  let peakRss = 0;
  let peakHeap = 0;
  let done = 0;
  const started = performance.now();
  try {
    for (let from = 0; from < all.length; from += batch) {
      const inbox = path.join(dir, `batch-${from}`);
      mkdirSync(inbox);
      all.slice(from, from + batch).forEach(([which, mutations], i) => writeFileSync(path.join(inbox, `case-${String(from + i).padStart(5, "0")}.xlsx`), mutate(bases[which], mutations)));
      const summary = await ingest([inbox], { dbFile: db, dryRun: false, maxFileBytes: 50 * 1_048_576 }, {
        now: () => new Date("2026-08-01T12:00:00Z"),
        env: { PA1325_KEY: "ingest-fuzz-soak-key-0123456789abcdefghij" },
        warn: () => {},
        createReader: () => createWorkbookReader({ timeoutMs: 5000 }),
      });
      for (const f of summary.files) {
        const outcome = f.status === "rejected" ? f.reason.code : f.status;
        if (f.status === "rejected" && !/^[A-Z][A-Z0-9_]+$/.test(f.reason.code)) throw new Error(`${f.file}: refused without a reason code`);
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }
      done += summary.files.length;
      rmSync(inbox, { recursive: true, force: true });
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
      process.stderr.write(`\r${done}/${cases}`);
    }
    process.stderr.write("\n");
    const seconds = (performance.now() - started) / 1000;
    const state = await readIngestState(db);
    const partial = state.submissions.filter((s) => s.counts.join() !== s.stored.join());
    const orphans = Object.entries(state.orphans).filter(([, n]) => n > 0);
    const stored = (outcomes.get("accepted") ?? 0) + (outcomes.get("replaced") ?? 0);
    console.log(`cases: ${done} (seed ${seed}) through ingest in ${seconds.toFixed(1)} s, ${(done / seconds).toFixed(0)} files/s`);
    console.log(`peak memory: RSS ${(peakRss / 1048576).toFixed(0)} MB, heap ${(peakHeap / 1048576).toFixed(0)} MB (sampled after each batch of ${batch})`);
    console.log(`stored ${state.submissions.length} submissions (${stored} files accepted or replaced); partial ${partial.length}; orphan rows ${orphans.length === 0 ? 0 : JSON.stringify(Object.fromEntries(orphans))}`);
    console.log("outcomes:");
    for (const [code, n] of [...outcomes].sort((a, b) => b[1] - a[1])) console.log(`  ${code.padEnd(24)} ${n}`);
    if (done !== cases || partial.length > 0 || orphans.length > 0 || state.submissions.length !== stored) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error("FAILED: a file ended in neither a stored submission nor a refusal");
  console.error(e);
  process.exit(1);
});
