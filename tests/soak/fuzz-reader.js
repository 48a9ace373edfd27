#!/usr/bin/env node
// Soak: mutation-fuzzes the xlsx reader over filled templates and prints cases, time and peak memory.
//   npm run build:cli && node tests/soak/fuzz-reader.js [--cases 10000] [--seed 1325]
// Exits 1 on the first outcome that is neither a WorkbookData nor a WorkbookRejected (a bug), printing the
// mutations that caused it so they can be replayed.
const { performance } = require("node:perf_hooks");
const fc = require("fast-check");
const { mutate, mutationsArb } = require("./mutateWorkbook");
const { filledTemplates, flag, loadDist } = require("./soakTemplates");

const { readWorkbook, WorkbookRejected } = loadDist("pipeline/src/xlsx/readWorkbook");

async function main() {
  const cases = flag("cases", 10_000);
  const seed = flag("seed", 1325);
  const bases = await filledTemplates(seed);
  const outcomes = new Map();
  let peakRss = 0;
  let peakHeap = 0;
  let slowest = 0;
  const started = performance.now();
  let done = 0;
  await fc.assert(
    fc.asyncProperty(fc.nat({ max: bases.length - 1 }), mutationsArb, async (which, mutations) => {
      const t = performance.now();
      let code = "read";
      try {
        await readWorkbook(mutate(bases[which], mutations), { timeoutMs: 5000 });
      } catch (e) {
        if (!(e instanceof WorkbookRejected)) throw e;
        code = e.code;
      }
      slowest = Math.max(slowest, performance.now() - t);
      outcomes.set(code, (outcomes.get(code) ?? 0) + 1);
      if (++done % 500 === 0) {
        const m = process.memoryUsage();
        peakRss = Math.max(peakRss, m.rss);
        peakHeap = Math.max(peakHeap, m.heapUsed);
        process.stderr.write(`\r${done}/${cases}`);
      }
    }),
    { seed, numRuns: cases },
  );
  const seconds = (performance.now() - started) / 1000;
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
  process.stderr.write("\n");
  console.log(`cases: ${done} (seed ${seed}) in ${seconds.toFixed(1)} s, ${(done / seconds).toFixed(0)} cases/s, slowest ${slowest.toFixed(0)} ms`);
  console.log(`peak memory: RSS ${(peakRss / 1048576).toFixed(0)} MB, heap ${(peakHeap / 1048576).toFixed(0)} MB (sampled every 500 cases)`);
  console.log("outcomes:");
  for (const [code, n] of [...outcomes].sort((a, b) => b[1] - a[1])) console.log(`  ${code.padEnd(24)} ${n}`);
}

main().catch((e) => {
  console.error("FAILED: an outcome that is neither a WorkbookData nor a WorkbookRejected");
  console.error(e);
  process.exit(1);
});
