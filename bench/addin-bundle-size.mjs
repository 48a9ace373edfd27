// Builds the task pane for production and prints each JavaScript file's gzipped size against the 250 KB budget
// (all of the pane's JavaScript, lazy chunks included). Run: `npm run bench:addin` (or `node bench/addin-bundle-size.mjs`).
// Exits 1 when over budget. Not a timed benchmark: sizes only.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const BUDGET = 250 * 1024;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const webpack = require("webpack");
const makeConfig = require(path.join(root, "webpack.config.js"));

const out = mkdtempSync(path.join(tmpdir(), "pa1325-addin-bundle-"));
try {
  const config = await makeConfig({ addinUrl: "https://pa1325.invalid/addin/", outputPath: out }, { mode: "production" });
  const stats = await new Promise((resolve, reject) => webpack(config, (error, s) => (error ? reject(error) : resolve(s))));
  if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true }));
  const initial = new Set(stats.toJson({ all: false, entrypoints: true }).entrypoints.taskpane.assets.map((a) => a.name));
  const rows = readdirSync(out)
    .filter((f) => f.endsWith(".js"))
    .map((f) => {
      const bytes = readFileSync(path.join(out, f));
      return { file: f, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, load: initial.has(f) ? "first load" : f.startsWith("commands.") ? "ribbon page" : "lazy" };
    })
    .sort((a, b) => b.gzip - a.gzip);
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log("file".padEnd(28), "load".padEnd(12), "raw".padStart(10), "gzip".padStart(10));
  for (const r of rows) console.log(r.file.padEnd(28), r.load.padEnd(12), kb(r.raw).padStart(10), kb(r.gzip).padStart(10));
  const total = rows.reduce((s, r) => s + r.gzip, 0);
  const first = rows.filter((r) => r.load === "first load").reduce((s, r) => s + r.gzip, 0);
  console.log(`first load ${kb(first)} gzip; all JavaScript ${kb(total)} gzip; budget ${kb(BUDGET)} (${((100 * total) / BUDGET).toFixed(0)}% used)`);
  if (total > BUDGET) {
    console.log("OVER BUDGET");
    process.exitCode = 1;
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
