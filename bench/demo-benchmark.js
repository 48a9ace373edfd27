#!/usr/bin/env node
// The whole demo at scale, stage by stage: `npm run build:cli && node bench/demo-benchmark.js`
// Defaults: 100,000 personnel and 1,000 workbooks (the story's 33 files plus resubmissions).
"use strict";
const { mkdtempSync, rmSync } = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const personnel = flag("personnel", 100_000);
const workbooks = flag("workbooks", 1000);
const STORY_FILES = 33;

async function main() {
  const { runDemo } = require("../dist/pipeline/src/demo/runDemo.js");
  const { writeReportPack } = require("../dist/pipeline/src/report/writeReportPack.js");
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-demo-bench-"));
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = performance.now();
  try {
    const result = await runDemo(
      { outDir: path.join(dir, "demo"), personnel, extraVersions: Math.max(0, workbooks - STORY_FILES), seed: 1325, language: "en", k: 5, deadlineDays: 30 },
      {
        now: () => new Date(),
        env: { ...process.env, PA1325_KEY: "benchmark-key-0123456789-abcdefghijklmn" },
        say: () => {},
        warn: () => {},
        writePack: async (data, out) => {
          const f = await writeReportPack(data, out);
          return [f.workbook, f.html, ...f.data];
        },
      },
    );
    const total = performance.now() - started;
    console.log(`PA1325 demo at ${personnel.toLocaleString("en-GB")} personnel and ${workbooks.toLocaleString("en-GB")} workbooks (node ${process.version}, ${os.cpus().length} cores)`);
    console.log("");
    console.log("| stage | seconds |");
    console.log("|---|---|");
    for (const s of result.stages) console.log(`| ${s.name} | ${(s.ms / 1000).toFixed(1)} |`);
    console.log(`| **total** | **${(total / 1000).toFixed(1)}** |`);
    console.log("");
    const ingested = result.ingested;
    console.log(`ingested: ${ingested.accepted} accepted, ${ingested.replaced} replaced, ${ingested.unchanged} unchanged, ${ingested.rejected} refused`);
    console.log(`peak RSS (main thread sampling; worker threads share the process): ${(peak / 1_048_576).toFixed(0)} MB`);
  } finally {
    clearInterval(timer);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
