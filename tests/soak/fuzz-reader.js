#!/usr/bin/env node
// Soak: mutation-fuzzes the xlsx reader over filled templates and prints cases, time and peak memory.
//   npm run build:cli && node tests/soak/fuzz-reader.js [--cases 10000] [--seed 1325]
// Exits 1 on the first outcome that is neither a WorkbookData nor a WorkbookRejected (a bug), printing the
// mutations that caused it so they can be replayed.
const path = require("node:path");
const { performance } = require("node:perf_hooks");
const fc = require("fast-check");
const { mutate, mutationsArb } = require("./mutateWorkbook");

const dist = path.resolve(__dirname, "../../dist");
const load = (p) => {
  try {
    return require(path.join(dist, p));
  } catch {
    console.error(`Missing ${path.join(dist, p)}.js: run \`npm run build:cli\` first.`);
    process.exit(2);
  }
};
const { readWorkbook, WorkbookRejected } = load("pipeline/src/xlsx/readWorkbook");
const { writeTemplateXlsx } = load("pipeline/src/xlsx/writeTemplateXlsx");
const { fillTemplate } = load("pipeline/src/demo/fillTemplate");
const { Random } = load("pipeline/src/demo/Random");
const { syntheticPeople } = load("pipeline/src/demo/syntheticPeople");
const { currentCatalog } = load("core/src/catalog/builtInCatalogs");
const { buildTemplateLayout } = load("core/src/layout/buildTemplateLayout");

function flag(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main() {
  const cases = flag("cases", 10_000);
  const seed = flag("seed", 1325);
  const catalog = currentCatalog();
  const bases = [];
  for (const [code, language] of [["EP", "es"], ["MGP", "en"], ["CECOPAZ", "es"], ["DIGEDOC", "en"]]) {
    const layout = buildTemplateLayout(catalog, code, "2026-S1", language);
    const rng = new Random(seed + bases.length);
    const inputs = fillTemplate(catalog, layout, { rng, people: syntheticPeople(catalog, code, 500, 0.13, rng), scale: 1, womenShare: 0.13, preparedBy: "soak" });
    bases.push(await writeTemplateXlsx(layout, { inputs, now: new Date(Date.UTC(2026, 6, 1)) }));
  }
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
