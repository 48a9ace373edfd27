#!/usr/bin/env node
// Reading a folder of filled templates: our reader (through its worker pool) against the bare inflate of every
// zip entry, ExcelJS's full load and a pandas + openpyxl script, on the same files in the same run.
//   npm run build:cli && node bench/read-baselines.js [--files 1000] [--seed 1] [--pool 2] [--keep DIR]
// The corpus generator and each runner are exported for the end-to-end ingest benchmark.
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const zlib = require("node:zlib");
const { execFileSync } = require("node:child_process");
const { performance } = require("node:perf_hooks");
const { Buffer } = require("node:buffer");
const { setInterval, clearInterval } = require("node:timers");

const dist = path.resolve(__dirname, "../dist");
const need = (p) => {
  const file = path.join(dist, p);
  if (!fs.existsSync(`${file}.js`)) {
    console.error(`Missing ${file}.js: run \`npm run build:cli\` first.`);
    process.exit(2);
  }
  return require(file);
};

/**
 * Writes `count` filled templates (institutions in turn, both languages), the same for the same seed. `periods`
 * gives the semesters to cycle through (default: 2022-S1 to 2026-S2); `workers` threads share the writing (ExcelJS's
 * writer takes ~60 ms a file). Files already in `dir` under the same name are kept.
 */
async function generateCorpus({ dir, count, seed = 1, periods, workers = 1 }) {
  fs.mkdirSync(dir, { recursive: true });
  const names = Array.from({ length: count }, (_, i) => corpusEntry(i, periods).name);
  const missing = names.map((n, i) => (fs.existsSync(path.join(dir, n)) ? -1 : i)).filter((i) => i >= 0);
  if (missing.length > 0) {
    const { Worker } = require("node:worker_threads");
    const lanes = Math.max(1, Math.min(workers, missing.length));
    await Promise.all(
      Array.from({ length: lanes }, (_, w) => {
        const indexes = missing.filter((_, k) => k % lanes === w);
        if (lanes === 1) return writeCorpusFiles({ dir, indexes, seed, periods });
        return new Promise((resolve, reject) => {
          const worker = new Worker(__filename, { workerData: { generate: { dir, indexes, seed, periods } } });
          worker.on("error", reject);
          worker.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`corpus worker exited with ${code}`))));
        });
      }),
    );
  }
  return names.map((n) => path.join(dir, n));
}

/** Which institution, semester and language file i is, and its name. */
function corpusEntry(i, periods) {
  const { currentCatalog } = need("core/src/catalog/builtInCatalogs");
  const { reportingInstitutions } = need("core/src/catalog/catalogQueries");
  const codes = (corpusEntry.codes ??= reportingInstitutions(currentCatalog()).map((c) => c.code));
  const code = codes[i % codes.length];
  // The default keeps the corpus of earlier runs; with periods, each round of institutions moves to the next
  // semester, and the language changes every two rounds.
  const period = periods ? periods[Math.floor(i / codes.length) % periods.length] : `${2022 + (i % 5)}-S${1 + (i % 2)}`;
  const language = periods ? (Math.floor(i / (codes.length * periods.length)) % 2 === 0 ? "es" : "en") : i % 2 === 0 ? "es" : "en";
  return { code, period, language, name: `${String(i).padStart(5, "0")}-${code}-${period}.xlsx` };
}

async function writeCorpusFiles({ dir, indexes, seed, periods }) {
  const { writeTemplateXlsx } = need("pipeline/src/xlsx/writeTemplateXlsx");
  const { fillTemplate } = need("pipeline/src/demo/fillTemplate");
  const { Random } = need("pipeline/src/demo/Random");
  const { syntheticPeople } = need("pipeline/src/demo/syntheticPeople");
  const { currentCatalog } = need("core/src/catalog/builtInCatalogs");
  const { buildTemplateLayout } = need("core/src/layout/buildTemplateLayout");
  const catalog = currentCatalog();
  const layouts = new Map();
  for (const i of indexes) {
    const { code, period, language, name } = corpusEntry(i, periods);
    const key = `${code} ${period} ${language}`;
    if (!layouts.has(key)) layouts.set(key, buildTemplateLayout(catalog, code, period, language));
    const layout = layouts.get(key);
    const rng = new Random(seed * 100_003 + i);
    const people = syntheticPeople(catalog, code, 1500, 0.13, rng);
    const inputs = fillTemplate(catalog, layout, { rng, people, scale: code === "EP" ? 1 : 0.3, womenShare: 0.13, preparedBy: `Oficina ${i}` });
    fs.writeFileSync(path.join(dir, name), await writeTemplateXlsx(layout, { inputs, now: new Date(Date.UTC(2026, 0, 1)) }));
  }
}

/** Samples the process's resident memory (worker threads included) until stopped; returns the peak. */
function rssSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  return () => {
    clearInterval(timer);
    return Math.max(peak, process.memoryUsage().rss);
  };
}

/** zlib only: every entry of every file inflated with inflateRawSync (central directory parsed by hand). */
function bareInflate(files) {
  const started = performance.now();
  let bytes = 0;
  for (const file of files) {
    const buf = fs.readFileSync(file);
    const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 5, 6]));
    let at = buf.readUInt32LE(eocd + 16);
    for (let i = buf.readUInt16LE(eocd + 10); i > 0; i--) {
      const method = buf.readUInt16LE(at + 10);
      const size = buf.readUInt32LE(at + 20);
      const local = buf.readUInt32LE(at + 42);
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const raw = buf.subarray(start, start + size);
      bytes += method === 8 ? zlib.inflateRawSync(raw).length : raw.length;
      at += 46 + buf.readUInt16LE(at + 28) + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    }
  }
  return { ms: performance.now() - started, bytes };
}

/**
 * Our reader through createReaderPool, with as many files in flight as ingestion hands its reader (CHECK_AHEAD: it
 * reads up to 64 files ahead of the one it decides). Two files per worker, as this did until the seventeenth
 * session, measured the round trips more than the reading: each worker waited, idle, for this thread to take a
 * result and hand it the next file (1,000 files, 2 workers: 1.64 s, against 1.26 s with 64 in flight).
 */
async function readWithPool(files, { size = Math.min(4, os.availableParallelism()) } = {}) {
  const { createReaderPool } = need("pipeline/src/xlsx/readWorkbook");
  const { CHECK_AHEAD } = need("pipeline/src/ingest/checkAhead");
  const pool = createReaderPool({ size });
  const stop = rssSampler();
  const started = performance.now();
  let cells = 0;
  let next = 0;
  const lane = async () => {
    while (next < files.length) {
      const wb = await pool.read(files[next++]);
      cells += wb.stats.cells;
    }
  };
  try {
    await Promise.all(Array.from({ length: CHECK_AHEAD.files }, lane));
  } finally {
    await pool.close();
  }
  return { ms: performance.now() - started, cells, peakRss: stop() };
}

/** Our reader in this process, one file after another (no pool). */
async function readInProcess(files) {
  const { readWorkbook } = need("pipeline/src/xlsx/readWorkbook");
  const started = performance.now();
  let cells = 0;
  for (const f of files) cells += (await readWorkbook(f)).stats.cells;
  return { ms: performance.now() - started, cells };
}

/** ExcelJS's full load of each file, one after another. */
async function readWithExcelJs(files) {
  const ExcelJS = require("exceljs");
  const stop = rssSampler();
  const started = performance.now();
  for (const f of files) await new ExcelJS.Workbook().xlsx.load(fs.readFileSync(f));
  return { ms: performance.now() - started, peakRss: stop() };
}

/** bench/baselines/combine_folder.py (pandas + openpyxl) over the folder; its own timing, without Python's start. */
function readWithPandas(dir) {
  const python = fs.existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
  const out = execFileSync(python, [path.join(__dirname, "baselines/combine_folder.py"), dir], { encoding: "utf8", maxBuffer: 1 << 24 });
  const r = JSON.parse(out.trim().split("\n").pop());
  return { ms: r.seconds * 1000, rows: r.rows, peakRss: r.peak_rss_mb * 1048576 };
}

async function main() {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const count = Number(arg("files", "1000"));
  const seed = Number(arg("seed", "1"));
  const poolSize = Number(arg("pool", String(Math.min(4, os.availableParallelism()))));
  const keep = arg("keep", undefined);
  const dir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), "pa1325-read-bench-"));
  try {
    let t = performance.now();
    const files = await generateCorpus({ dir, count, seed, workers: 2 });
    const mb = files.reduce((n, f) => n + fs.statSync(f).size, 0) / 1048576;
    console.log(`corpus: ${files.length} filled templates, ${mb.toFixed(1)} MB, written in ${((performance.now() - t) / 1000).toFixed(1)} s (${dir})`);
    const bare = bareInflate(files);
    const inProcess = await readInProcess(files);
    const ours = await readWithPool(files, { size: poolSize });
    const exceljs = await readWithExcelJs(files);
    t = performance.now();
    const pandas = readWithPandas(dir);
    const row = (name, ms, extra = "") => console.log(`${name.padEnd(34)} ${(ms / 1000).toFixed(2).padStart(8)} s ${(files.length / (ms / 1000)).toFixed(0).padStart(7)} files/s  ${extra}`);
    console.log(`\n${"reader".padEnd(34)} ${"time".padStart(10)} ${"rate".padStart(13)}`);
    row("bare inflate (zlib only, 1 thread)", bare.ms, `${(bare.bytes / 1048576).toFixed(0)} MB inflated`);
    row("ours, in process (1 thread)", inProcess.ms, `${(inProcess.cells / (inProcess.ms / 1000) / 1e6).toFixed(2)} M cells/s`);
    row(`ours, worker pool (${poolSize} workers)`, ours.ms, `${(ours.cells / (ours.ms / 1000) / 1e6).toFixed(2)} M cells/s, peak RSS ${(ours.peakRss / 1048576).toFixed(0)} MB`);
    row("ExcelJS workbook.xlsx.load", exceljs.ms, `peak RSS ${(exceljs.peakRss / 1048576).toFixed(0)} MB`);
    row("pandas + openpyxl (combine_folder.py)", pandas.ms, `${pandas.rows} rows`);
    console.log(`\nratios: ours (pool) is ${(exceljs.ms / ours.ms).toFixed(1)}x faster than ExcelJS, ${(pandas.ms / ours.ms).toFixed(1)}x faster than pandas, ${(ours.ms / bare.ms).toFixed(1)}x the bare inflate time (${(inProcess.ms / bare.ms).toFixed(1)}x in process)`);
    console.log(`cells read: ${ours.cells} (${(ours.cells / files.length).toFixed(0)} per file)`);
  } finally {
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Environment variables that change how the measured processes allocate memory or how many threads they run
 * (glibc's malloc, DuckDB's jemalloc, libuv's pool, Node's flags). A run made with any of them set measures the
 * product as tuned by its operator, not as `npx pa1325` runs by default, and its figures say so: on glibc,
 * MALLOC_ARENA_MAX=1 alone took 19 MB off a 90,000-file run (bench/README.md, thirteenth session).
 */
const ALLOCATOR_VARIABLE = /^(MALLOC_[A-Z_]+|GLIBC_TUNABLES|DUCKDB_JE_MALLOC_CONF|UV_THREADPOOL_SIZE|NODE_OPTIONS)$/;

/** The allocator settings of this environment ("NAME=value"), sorted; none when it has the defaults. */
function allocatorSettings(env = process.env) {
  return Object.keys(env)
    .filter((name) => ALLOCATOR_VARIABLE.test(name) && env[name] !== "")
    .sort()
    .map((name) => `${name}=${env[name]}`);
}

module.exports = { generateCorpus, bareInflate, readWithPool, readInProcess, readWithExcelJs, readWithPandas, rssSampler, allocatorSettings, ALLOCATOR_VARIABLE };

const { isMainThread, workerData } = require("node:worker_threads");
if (!isMainThread && workerData?.generate) {
  writeCorpusFiles(workerData.generate).catch((e) => {
    console.error(e);
    process.exit(1);
  });
} else if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
