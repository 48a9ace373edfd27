#!/usr/bin/env node
// Soak: kills `pa1325 ingest`, `load` and `report` with SIGKILL at random moments, hundreds of times, and checks
// after every kill what tests/reliability/crash*.test.ts check after a few (see tests/reliability/crashHarness.js):
//   ingest  every acknowledged file stored, at most the files of the transaction in flight more (rounds use 1, 3,
//           7 or the default files per transaction), no partial submission, no orphan row; whenever a run
//           completes, the database equals a clean run's (same files, versions and rows)
//   load    the personnel snapshot is the previous export or the new one, whole, and the history agrees
//   report  every file under a final name is complete (the earlier pack's or a clean run's bytes)
//   npm run build:cli && node tests/soak/crash-loop.js [--kills 200] [--load-kills 40] [--report-kills 40] [--seed 1325] [--rows 100000]
// Prints counts, time and peak memory; exits 1 if any check failed (printing the seed and the moment).
"use strict";
const { copyFileSync, cpSync, existsSync, mkdtempSync, rmSync, statSync } = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const h = require("../reliability/crashHarness");

function flag(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const ENV = { PA1325_KEY: "crash-soak-key-0123456789abcdefghijklmnopq" };
const INBOX = path.join(h.ROOT, "sample-workbooks", "submitted");
const MB = 1_048_576;
/** Files per transaction (PA1325_INGEST_BATCH_FILES) of each fresh database; undefined: the default. */
const BATCHES = [1, 3, 7, undefined];

const figures = { violations: [], peakChildRss: 0 };
function note(kind, detail, violations) {
  for (const v of violations) figures.violations.push(`${kind} ${detail}: ${v}`);
  if (violations.length > 0) console.error(`\nVIOLATION ${kind} ${detail}:\n  ${violations.join("\n  ")}`);
}
function sample(run) {
  figures.peakChildRss = Math.max(figures.peakChildRss, run.peakRss);
  return run;
}
function copyDb(from, to) {
  for (const suffix of ["", ".wal"]) {
    rmSync(`${to}${suffix}`, { force: true });
    if (existsSync(`${from}${suffix}`)) copyFileSync(`${from}${suffix}`, `${to}${suffix}`);
  }
}
function progress(label, n, total) {
  process.stderr.write(`\r${label} ${n}/${total}   `);
}

async function soakIngest(dir, random, wanted) {
  const shaOf = new Map(h.listFiles(INBOX).map((f) => [path.basename(f), h.fileSha(path.join(INBOX, f))]));
  const cleanRun = sample(await h.runCli(["ingest", INBOX, "--db", path.join(dir, "clean.duckdb")], { env: ENV, sampleMemory: true }));
  const clean = await h.readIngestState(path.join(dir, "clean.duckdb"));
  // One transaction per file stores the same; its first line tells when storing starts (after Node and DuckDB).
  const perFile = sample(await h.runCli(["ingest", INBOX, "--db", path.join(dir, "clean-1.duckdb")], { env: { ...ENV, PA1325_INGEST_BATCH_FILES: "1" }, sampleMemory: true }));
  note("ingest", "clean run, one file per transaction", h.compareIngestStates(await h.readIngestState(path.join(dir, "clean-1.duckdb")), clean));
  // Kills are spread over the part of a run where files are read and stored, and some land just after a file's
  // line, when the next transaction is about to begin.
  const first = perFile.lineMs[0] ?? cleanRun.ms / 2;
  const end = Math.max(cleanRun.ms, perFile.ms);
  const stats = { kills: 0, runs: 0, rounds: 0, completed: 0, storedAtKill: new Map(), inFlightStored: 0, killsByBatch: new Map(), unackedAtKill: new Map() };
  let db;
  let acked;
  // Group commit: each fresh database is ingested with transactions of at most 1, 3 or 7 files, or the default
  // (the 19 samples then fit in one), so that kills land between transactions and inside them.
  let batch;
  const newRound = () => {
    db = path.join(dir, `ingest-${stats.rounds++}.duckdb`);
    acked = new Map();
    batch = BATCHES[Math.floor(random() * BATCHES.length)];
  };
  newRound();
  while (stats.kills < wanted) {
    const r = random();
    const moment = r < 0.25 ? { killAfterLines: 1 + Math.floor(random() * 18), killDelayMs: random() * 40 } : { killAfterMs: first * 0.8 + random() * (end * 1.05 - first * 0.8) };
    const env = batch === undefined ? ENV : { ...ENV, PA1325_INGEST_BATCH_FILES: String(batch) };
    const run = sample(await h.runCli(["ingest", INBOX, "--db", db], { env, sampleMemory: true, ...moment }));
    stats.runs++;
    for (const [name, status] of h.acknowledgedFiles(run.stdout)) acked.set(name, status);
    const state = await h.readIngestState(db);
    const detail = `round ${stats.rounds} (batch ${batch ?? "default"}) run ${stats.runs} ${JSON.stringify(moment)}`;
    note("ingest", detail, h.checkIngestState(state, { acked, shaOf, clean, inFlight: batch ?? shaOf.size }));
    if (run.killed) {
      stats.kills++;
      const stored = state.submissions.length + state.rejected.size;
      stats.storedAtKill.set(stored, (stats.storedAtKill.get(stored) ?? 0) + 1);
      const label = batch ?? "default";
      stats.killsByBatch.set(label, (stats.killsByBatch.get(label) ?? 0) + 1);
      const ackedShas = new Set([...acked.keys()].map((n) => shaOf.get(n)));
      const unacked = [...state.submissions.map((s) => s.sha256), ...state.rejected].filter((sha) => !ackedShas.has(sha)).length;
      stats.unackedAtKill.set(unacked, (stats.unackedAtKill.get(unacked) ?? 0) + 1);
      if (unacked > 0) stats.inFlightStored++;
      progress("ingest kills", stats.kills, wanted);
    } else {
      stats.completed++;
      note("ingest", `${detail} (completed, exit ${run.code})`, run.code === 1 ? h.compareIngestStates(state, clean) : [`exit code ${run.code}: ${run.stderr}`]);
      rmSync(db, { force: true });
      rmSync(`${db}.wal`, { force: true });
      newRound();
    }
  }
  process.stderr.write("\n");
  return { ...stats, cleanMs: cleanRun.ms, firstLineMs: first };
}

/** True once the database's WAL appears after having been absent (a killed run may leave one, replayed at the next open). */
function walAppears(db) {
  let absent = false;
  return () => {
    const present = existsSync(`${db}.wal`);
    if (!present) absent = true;
    return absent && present;
  };
}

async function soakLoad(dir, random, wanted, rows) {
  const older = h.writePersonnelCsv(path.join(dir, "personal-old.csv"), rows, 0);
  const newer = h.writePersonnelCsv(path.join(dir, "personal-new.csv"), rows, 3);
  const snapshots = new Map();
  let cleanMs = 0;
  for (const file of [older, newer]) {
    const db = path.join(dir, `clean-${path.basename(file)}.duckdb`);
    const run = sample(await h.runCli(["load", "personnel", file, "--db", db], { env: ENV, sampleMemory: true }));
    if (run.code !== 0) throw new Error(`clean load failed: ${run.stderr}`);
    cleanMs = run.ms;
    snapshots.set(h.fileSha(file), (await h.readLoadState(db)).personnel.digest);
  }
  const start = path.join(dir, `clean-${path.basename(older)}.duckdb`);
  const db = path.join(dir, "load.duckdb");
  copyDb(start, db);
  const stats = { kills: 0, runs: 0, completed: 0, oldKept: 0, newStored: 0 };
  while (stats.kills < wanted) {
    // Reading and checking rows takes most of a load; the swap is written to the WAL at its commit (tens of ms)
    // and then checkpointed into the database file. Most kills land from the WAL's first byte on.
    const moment = random() < 0.3 ? { killAfterMs: cleanMs * (0.3 + 0.8 * random()) } : { killWhen: walAppears(db), killDelayMs: random() * 150 };
    const run = sample(await h.runCli(["load", "personnel", newer, "--db", db], { env: ENV, sampleMemory: true, ...moment }));
    stats.runs++;
    const state = await h.readLoadState(db);
    const acked = /^loaded +personnel/m.test(run.stdout);
    const when = moment.killWhen ? `${moment.killDelayMs.toFixed(0)} ms after the WAL appeared` : `at ${moment.killAfterMs.toFixed(0)} ms`;
    note("load", `run ${stats.runs} kill ${when}`, h.checkLoadState(state, { snapshots, newSha: h.fileSha(newer), acked }));
    const current = state.loads.filter((l) => l.status === "loaded").pop();
    if (run.killed) {
      stats.kills++;
      if (current && current.sha256 === h.fileSha(newer)) stats.newStored++;
      else stats.oldKept++;
      progress("load kills", stats.kills, wanted);
    } else stats.completed++;
    // Back to the previous snapshot whenever the new one is in, so that every kill can land before or inside the swap.
    if (current && current.sha256 === h.fileSha(newer)) copyDb(start, db);
  }
  process.stderr.write("\n");
  return { ...stats, cleanMs, rows };
}

/** True once `file` is no longer the inode it was (the pack renamed a new file over it). */
function renamed(file, inode) {
  try {
    return statSync(file).ino !== inode;
  } catch {
    return false;
  }
}

async function soakReport(dir, random, wanted) {
  const db = path.join(dir, "report.duckdb");
  await h.runCli(["ingest", INBOX, "--db", db], { env: ENV });
  const report = (out, clock, more = {}) => h.runCli(["report", "--period", "2026-S1", "--out", out, "--db", db], { env: ENV, clock, sampleMemory: true, ...more });
  const cleanRun = sample(await report(path.join(dir, "pack-clean"), "2026-09-01T12:00:00Z"));
  sample(await report(path.join(dir, "pack-earlier"), "2026-08-15T09:00:00Z"));
  const clean = h.readPackState(path.join(dir, "pack-clean"));
  const earlier = h.readPackState(path.join(dir, "pack-earlier"));
  const allowed = new Map([...clean.keys()].map((f) => [f, new Set([clean.get(f), earlier.get(f)])]));
  const stats = { kills: 0, runs: 0, completed: 0, allEarlier: 0, allNew: 0, mixed: 0, withStaged: 0 };
  let n = 0;
  const over = () => path.join(dir, `pack-over-${n}`);
  cpSync(path.join(dir, "pack-earlier"), over(), { recursive: true });
  const finals = clean.size;
  while (stats.kills < wanted) {
    // Most kills land while the pack is being staged or renamed into place: once the folder holds n staged files.
    const folder = over();
    const staged = 1 + Math.floor(random() * finals);
    // Some land inside the commit (the renames): once the first final name holds a new file.
    const first = path.join(folder, [...clean.keys()][0]);
    const inode = statSync(first).ino;
    const r = random();
    const moment =
      r < 0.15
        ? { killAfterMs: cleanRun.ms * (0.3 + 0.8 * random()) }
        : r < 0.45
          ? { killWhen: () => renamed(first, inode), killDelayMs: random() * 3, what: "the first rename" }
          : { killWhen: () => h.countStaged(folder) >= staged, killDelayMs: random() * 10, what: `${staged} staged files` };
    const run = sample(await report(folder, "2026-09-01T12:00:00Z", moment));
    stats.runs++;
    const state = h.readPackState(folder);
    const { violations, staged: left } = h.checkPackState(state, allowed, { complete: true });
    const when = moment.killWhen ? `${moment.killDelayMs.toFixed(1)} ms after ${moment.what}` : `at ${moment.killAfterMs.toFixed(0)} ms`;
    note("report", `run ${stats.runs} kill ${when}`, violations);
    if (run.killed) {
      stats.kills++;
      const finals = [...clean.keys()];
      if (finals.every((f) => state.get(f) === earlier.get(f))) stats.allEarlier++;
      else if (finals.every((f) => state.get(f) === clean.get(f))) stats.allNew++;
      else stats.mixed++;
      if (left > 0) stats.withStaged++;
      progress("report kills", stats.kills, wanted);
    } else stats.completed++;
    // A fresh copy of the earlier pack for the next kill.
    rmSync(over(), { recursive: true, force: true });
    n++;
    cpSync(path.join(dir, "pack-earlier"), over(), { recursive: true });
  }
  process.stderr.write("\n");
  return { ...stats, cleanMs: cleanRun.ms };
}

async function main() {
  const seed = flag("seed", 1325);
  const random = h.seededRandom(seed);
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-crash-soak-"));
  const started = performance.now();
  try {
    const ingest = await soakIngest(dir, random, flag("kills", 200));
    const load = await soakLoad(dir, random, flag("load-kills", 40), flag("rows", 100_000));
    const report = await soakReport(dir, random, flag("report-kills", 40));
    const seconds = (performance.now() - started) / 1000;
    console.log(`crash soak (seed ${seed}) in ${seconds.toFixed(0)} s; peak RSS of a pa1325 process ${(figures.peakChildRss / MB).toFixed(0)} MB, of the soak ${(process.memoryUsage().rss / MB).toFixed(0)} MB`);
    console.log(
      `ingest: ${ingest.kills} kills in ${ingest.runs} runs (${ingest.rounds} fresh databases, ${ingest.completed} runs completed and matched a clean run); ` +
        `a clean run takes ${ingest.cleanMs.toFixed(0)} ms, its first file at ${ingest.firstLineMs.toFixed(0)} ms; files committed but not yet printed at ${ingest.inFlightStored} kills`,
    );
    const counts = (m) => [...m].sort((a, b) => String(a[0]).localeCompare(String(b[0]), "en", { numeric: true })).map(([k, v]) => `${k}:${v}`).join(" ");
    console.log(`  kills by files per transaction: ${counts(ingest.killsByBatch)}; files committed but not printed at a kill: ${counts(ingest.unackedAtKill)}`);
    console.log(`  files stored when killed: ${[...ingest.storedAtKill].sort((a, b) => a[0] - b[0]).map(([k, v]) => `${k}:${v}`).join(" ")}`);
    console.log(`load: ${load.kills} kills of a ${load.rows.toLocaleString("en")}-row personnel load (${load.cleanMs.toFixed(0)} ms clean): previous snapshot kept ${load.oldKept}, new one stored ${load.newStored}; ${load.completed} runs completed`);
    console.log(
      `report: ${report.kills} kills over an earlier pack (${report.cleanMs.toFixed(0)} ms clean): earlier pack intact ${report.allEarlier}, new pack complete ${report.allNew}, ` +
        `a mix of whole old and new files ${report.mixed}; staged files left at ${report.withStaged}; ${report.completed} runs completed`,
    );
    console.log(`violations: ${figures.violations.length}`);
    for (const v of figures.violations) console.log(`  ${v}`);
    process.exitCode = figures.violations.length > 0 ? 1 : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
