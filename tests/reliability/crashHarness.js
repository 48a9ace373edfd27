// Crash-safety harness, shared by the jest suites (tests/reliability/crash*.test.ts) and the soak script
// (tests/soak/crash-loop.js): runs the real `pa1325` command in a child process, kills it with SIGKILL at a
// chosen moment, and checks what the database and the output folder hold afterwards. Plain JavaScript over
// dist/ (built by `npm test` before jest, or `npm run build:cli`), so that the soak needs no TypeScript.
// Every check returns a list of violations (empty when all is well) so that the soak can count and print them.
"use strict";
const { spawn } = require("node:child_process");
const { createHash } = require("node:crypto");
const { existsSync, readdirSync, readFileSync, statSync, watch, writeFileSync } = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "../..");
const BIN = path.join(ROOT, "bin", "pa1325.js");
const WITH_CLOCK = path.join(__dirname, "cliWithClock.js");

function dist(p) {
  const file = path.join(ROOT, "dist", p);
  if (!existsSync(`${file}.js`)) throw new Error(`Missing ${file}.js: run \`npm run build:cli\` first.`);
  return require(file);
}

/** Peak resident memory of a live process so far, in bytes (Linux /proc; 0 where unavailable). */
function peakRss(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Runs `pa1325 ARGS` (or, with `clock`, the same command with a fixed clock) and kills it with SIGKILL after
 * `killAfterMs`, or `killDelayMs` after its stdout has `killAfterLines` lines, or `killDelayMs` after `killWhen()`
 * (polled every millisecond or so: e.g. "the pack has 12 staged files") first returns true, or at once when the
 * file `killOnWrite.file` has been written `killOnWrite.times` times (inotify, through fs.watch on its folder: the
 * kill lands within about a millisecond of the write, or `killDelayMs` after it, e.g. just after a commit).
 * Resolves when the process is gone, with its output, the time of each stdout line, and (with `sampleMemory`) its
 * peak RSS.
 */
function runCli(args, options = {}) {
  const { env = {}, killAfterMs, killAfterLines, killWhen, killOnWrite, killDelayMs = 0, clock, sampleMemory = false, signal = "SIGKILL", againAfterMs } = options;
  const argv = clock ? [WITH_CLOCK, clock, ...args] : [BIN, ...args];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, argv, { env: { ...process.env, PA1325_LANG: "en", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let killed = false;
    let timer;
    let rss = 0;
    const lineMs = [];
    const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
    const sampler = sampleMemory ? setInterval(() => (rss = Math.max(rss, peakRss(child.pid))), 20) : undefined;
    const kill = () => {
      if (child.exitCode === null && child.signalCode === null) {
        if (sampleMemory) rss = Math.max(rss, peakRss(child.pid));
        killed = true;
        child.kill(signal);
        // The same signal a second time (an analyst pressing Ctrl+C twice).
        if (againAfterMs !== undefined) setTimeout(() => child.exitCode === null && child.signalCode === null && child.kill(signal), againAfterMs);
      }
    };
    const arm = (ms) => {
      if (timer === undefined) timer = setTimeout(kill, Math.max(0, ms));
    };
    if (killAfterMs !== undefined) arm(killAfterMs);
    let writes = 0;
    const onWrite =
      killOnWrite === undefined
        ? undefined
        : watch(path.dirname(killOnWrite.file), (_event, name) => {
            if (name === path.basename(killOnWrite.file) && ++writes >= killOnWrite.times) {
              if (killDelayMs > 0) arm(killDelayMs);
              else kill();
            }
          });
    const watcher =
      killWhen === undefined
        ? undefined
        : setInterval(() => {
            if (timer === undefined && killWhen()) arm(killDelayMs);
          }, 1);
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      for (const c of chunk) if (c === "\n") lineMs.push(elapsed());
      if (killAfterLines !== undefined && stdout.split("\n").length - 1 >= killAfterLines) arm(killDelayMs);
    });
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (timer !== undefined) clearTimeout(timer);
      if (sampler !== undefined) clearInterval(sampler);
      if (watcher !== undefined) clearInterval(watcher);
      onWrite?.close();
      resolve({ killed: killed && signal === "SIGKILL", signalled: killed, code, signal, stdout, stderr, ms: elapsed(), lineMs, peakRss: rss });
    });
  });
}

/** A seeded generator (mulberry32), so that a soak run can be replayed with its seed. */
function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");

/** Every file below a folder, relative to it. */
function listFiles(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.push(path.relative(dir, full));
    }
  };
  walk(dir);
  return out.sort();
}

/** Runs queries on a database the way the pipeline opens it (locked down), read-only. */
async function withDatabase(file, work) {
  const { openDatabase, queryRows } = dist("pipeline/src/db/Database");
  const db = await openDatabase(file, { readOnly: true });
  try {
    return await work((sql, params) => queryRows(db, sql, params));
  } finally {
    db.close();
  }
}

/**
 * What `pa1325 check` finds wrong with a database (each failing rule with its examples), so that every crash test
 * also holds the database to the product's own rules; none for a database without PA1325's current schema yet.
 */
async function productCheck(file) {
  const { openDatabase } = dist("pipeline/src/db/Database");
  const { checkDatabase } = dist("pipeline/src/db/checkDatabase");
  const { schemaVersion } = dist("pipeline/src/db/migrate");
  const { SCHEMA_VERSION } = dist("pipeline/src/db/migrations");
  if (!existsSync(file)) return [];
  const db = await openDatabase(file, { readOnly: true });
  try {
    if ((await schemaVersion(db)) !== SCHEMA_VERSION) return [];
    const { results } = await checkDatabase(db);
    return results.filter((r) => r.problems > 0).map((r) => `pa1325 check: ${r.text.en}: ${r.examples.map((e) => e.en).join("; ")}`);
  } finally {
    db.close();
  }
}

/** A digest of everything an analyst would read of a database: every table's row count and the sum of its rows' hashes. */
async function databaseDigest(file) {
  return withDatabase(file, async (q) => {
    const tables = await q(`SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY 1`);
    const parts = [];
    for (const { table_name: t } of tables) {
      const [row] = await q(`SELECT count(*) AS n, sum(hash(x)) AS d FROM "${t}" x`);
      parts.push(`${t}:${row.n}:${row.d}`);
    }
    return parts.join(" ");
  });
}

async function tableExists(q, name) {
  const rows = await q(`SELECT count(*) AS n FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = ?`, [name]);
  return Number(rows[0].n) > 0;
}

// ---------------------------------------------------------------------------------------------------- ingest

/** The files acknowledged on stdout (`--lang en`): one line per file, printed after its transaction committed. */
function acknowledgedFiles(stdout) {
  const acked = new Map();
  for (const line of stdout.split("\n")) {
    const m = /^(accepted|replaced|unchanged|REFUSED) +(.+?\.xlsx): /.exec(line);
    if (m) acked.set(m[2], m[1] === "REFUSED" ? "rejected" : m[1]);
  }
  return acked;
}

/**
 * What the database holds of ingested files: every submission with its counts and a digest of its rows, the
 * rows whose submission does not exist, and the files recorded as refused. An absent database or one killed
 * before its schema was made is empty.
 */
async function readIngestState(dbFile) {
  const empty = { submissions: [], orphans: {}, rejected: new Set(), schema: 0, problems: [] };
  if (!existsSync(dbFile)) return empty;
  const state = await withDatabase(dbFile, async (q) => {
    if (!(await tableExists(q, "settings"))) return empty;
    const schema = Number((await q(`SELECT value FROM settings WHERE key = 'schema_version'`))[0]?.value ?? 0);
    if (!(await tableExists(q, "submissions"))) return { ...empty, schema };
    const submissions = await q(
      `SELECT s.submission_id, s.sha256, s.file_name, s.institution, s.period, s.version, s.status, s.superseded_by,
              s.value_count, s.roster_count, s.warning_count,
              (SELECT count(*) FROM indicator_values v WHERE v.submission_id = s.submission_id) AS values_stored,
              (SELECT count(*) FROM roster_entries r WHERE r.submission_id = s.submission_id) AS roster_stored,
              (SELECT count(*) FROM ingest_issues i WHERE i.submission_id = s.submission_id) AS warnings_stored
       FROM submissions s ORDER BY s.submission_id`,
    );
    const orphans = {};
    for (const table of ["indicator_values", "deliverables", "roster_entries", "ingest_issues"]) {
      const n = await q(`SELECT count(*) AS n FROM ${table} WHERE submission_id IS NOT NULL AND submission_id NOT IN (SELECT submission_id FROM submissions)`);
      orphans[table] = Number(n[0].n);
    }
    const acceptedWithout = await q(
      `SELECT count(*) AS n FROM ingest_files WHERE status IN ('accepted', 'replaced') AND submission_id NOT IN (SELECT submission_id FROM submissions)`,
    );
    orphans.ingest_files = Number(acceptedWithout[0].n);
    const digests = new Map();
    const add = (sha, text) => digests.set(sha, `${digests.get(sha) ?? ""}${text}\n`);
    const dims = (await q(`SELECT column_name FROM duckdb_columns() WHERE table_name = 'indicator_values' ORDER BY column_index`))
      .map((r) => r.column_name)
      .filter((c) => c !== "submission_id");
    for (const r of await q(`SELECT s.sha256, v.* EXCLUDE (submission_id) FROM indicator_values v JOIN submissions s USING (submission_id) ORDER BY ALL`)) {
      add(r.sha256, `v ${dims.map((c) => String(r[c])).join("|")}`);
    }
    for (const r of await q(`SELECT s.sha256, d.* EXCLUDE (submission_id) FROM deliverables d JOIN submissions s USING (submission_id) ORDER BY ALL`)) {
      add(r.sha256, `d ${JSON.stringify(r, (_k, v) => (typeof v === "bigint" ? String(v) : v))}`);
    }
    for (const r of await q(`SELECT s.sha256, e.* EXCLUDE (submission_id) FROM roster_entries e JOIN submissions s USING (submission_id) ORDER BY ALL`)) {
      add(r.sha256, `r ${JSON.stringify(r, (_k, v) => (typeof v === "bigint" ? String(v) : v))}`);
    }
    const rejected = new Set((await q(`SELECT DISTINCT sha256 FROM ingest_files WHERE status = 'rejected'`)).map((r) => r.sha256));
    return {
      schema,
      submissions: submissions.map((s) => ({
        id: Number(s.submission_id),
        sha256: s.sha256,
        fileName: s.file_name,
        institution: s.institution,
        period: s.period,
        version: Number(s.version),
        status: s.status,
        supersededBy: s.superseded_by === null ? null : Number(s.superseded_by),
        counts: [Number(s.value_count), Number(s.roster_count), Number(s.warning_count)],
        stored: [Number(s.values_stored), Number(s.roster_stored), Number(s.warnings_stored)],
        digest: sha256(digests.get(s.sha256) ?? ""),
      })),
      orphans,
      rejected,
    };
  });
  return { ...state, problems: await productCheck(dbFile) };
}

/**
 * Checks a database after a killed ingest: every acknowledged file is there; at most one batch more (the files of
 * the transaction in flight: committed, not yet printed) is; no submission is partial (its counts match its rows,
 * its rows equal a clean run's); nothing is orphaned; each institution and semester has one current version.
 * `acked`: file name → status printed; `shaOf`: file name → SHA-256; `clean`: a clean run's state; `inFlight`: the
 * most files one transaction holds (PA1325_INGEST_BATCH_FILES, 1 for one transaction per file).
 */
function checkIngestState(state, { acked, shaOf, clean, inFlight = 1 }) {
  const violations = [];
  const stored = new Map(state.submissions.map((s) => [s.sha256, s]));
  const cleanBySha = new Map(clean.submissions.map((s) => [s.sha256, s]));
  for (const [name, status] of acked) {
    const sha = shaOf.get(name);
    if (status === "rejected" ? !state.rejected.has(sha) : !stored.has(sha)) violations.push(`acknowledged ${status} ${name} is not in the database`);
  }
  const ackedShas = new Set([...acked.keys()].map((n) => shaOf.get(n)));
  const extra = new Set([...stored.keys(), ...state.rejected].filter((sha) => !ackedShas.has(sha)));
  if (extra.size > inFlight) violations.push(`${extra.size} files stored that were never acknowledged (at most the ${inFlight} of one transaction may be)`);
  for (const s of state.submissions) {
    if (s.counts.join() !== s.stored.join()) violations.push(`partial submission ${s.fileName}: counts ${s.counts.join("/")} but rows ${s.stored.join("/")}`);
    const c = cleanBySha.get(s.sha256);
    if (!c) violations.push(`submission ${s.fileName} is not one a clean run stores`);
    else if (c.digest !== s.digest) violations.push(`submission ${s.fileName} holds rows other than a clean run's`);
    if (s.supersededBy !== null && !state.submissions.some((x) => x.id === s.supersededBy)) violations.push(`${s.fileName} superseded by a missing submission`);
  }
  for (const [table, n] of Object.entries(state.orphans)) if (n > 0) violations.push(`${n} orphan row(s) in ${table}`);
  violations.push(...state.problems);
  const current = new Map();
  for (const s of state.submissions) {
    const key = `${s.institution} ${s.period}`;
    current.set(key, (current.get(key) ?? 0) + (s.status === "current" ? 1 : 0));
  }
  for (const [key, n] of current) if (n !== 1) violations.push(`${key} has ${n} current versions`);
  return violations;
}

/** After a complete rerun: the same submissions (by SHA-256, version and status) with the same rows as a clean run. */
function compareIngestStates(state, clean) {
  const describe = (s) => s.submissions.map((x) => `${x.sha256} ${x.institution} ${x.period} v${x.version} ${x.status} ${x.digest}`).sort();
  const violations = [];
  const a = describe(state);
  const b = describe(clean);
  if (a.join("\n") !== b.join("\n")) violations.push(`final submissions differ from a clean run's:\n  got      ${a.join("\n           ")}\n  expected ${b.join("\n           ")}`);
  const ra = [...state.rejected].sort().join();
  const rb = [...clean.rejected].sort().join();
  if (ra !== rb) violations.push("final refused files differ from a clean run's");
  return violations;
}

// ------------------------------------------------------------------------------------------------------ load

/** Rank, category and institution combinations the catalog accepts (as in tests/pipeline/masterdata/loadLarge). */
const PERSONNEL_KINDS = [
  ["EP", "SOLDADO", "TROPA_SMV"],
  ["EP", "CAP", "OFICIALES"],
  ["MGP", "Técnico 1ro", "TECNICOS_SUBOFICIALES"],
  ["FAP", "AVIONERO", "TROPA_SMV"],
  ["DIGEPE", "Analista", "CIVILES"],
];

/** A valid personnel export of `rows` people; `variant` changes who is a woman and each status, so two files differ. */
function writePersonnelCsv(file, rows, variant) {
  const statuses = ["active", "leave", "retired"];
  const lines = ["numero_servicio;institucion;sexo;grado;categoria;anio_nacimiento;fecha_ingreso;estado"];
  for (let i = 0; i < rows; i++) {
    const [inst, rank, cat] = PERSONNEL_KINDS[i % PERSONNEL_KINDS.length];
    const day = String((i % 28) + 1).padStart(2, "0");
    lines.push(`${40_000_000 + i};${inst};${(i + variant) % 7 === 0 ? "F" : "M"};${rank};${cat};${1960 + ((i + variant) % 45)};${day}/0${(i % 9) + 1}/20${String(i % 25).padStart(2, "0")};${statuses[(i + variant) % 3]}`);
  }
  writeFileSync(file, `${lines.join("\n")}\n`, "utf8");
  return file;
}

/** The personnel snapshot and the load history. */
async function readLoadState(dbFile) {
  const empty = { loads: [], personnel: { rows: 0, loadIds: [], digest: null }, orphanIssues: 0, problems: [] };
  if (!existsSync(dbFile)) return empty;
  const state = await withDatabase(dbFile, async (q) => {
    if (!(await tableExists(q, "master_loads"))) return empty;
    const loads = (await q(`SELECT load_id, dataset, file_name, sha256, status, row_count, issue_count FROM master_loads ORDER BY load_id`)).map((r) => ({
      loadId: Number(r.load_id),
      dataset: r.dataset,
      fileName: r.file_name,
      sha256: r.sha256,
      status: r.status,
      rowCount: Number(r.row_count),
      issueCount: Number(r.issue_count),
    }));
    const [p] = await q(
      `SELECT count(*) AS n, md5(coalesce(string_agg(concat_ws('|', person_id, institution, sex, rank, category, birth_year, entry_date, status), ',' ORDER BY ALL), '')) AS digest FROM personnel`,
    );
    const loadIds = (await q(`SELECT DISTINCT load_id FROM personnel ORDER BY 1`)).map((r) => Number(r.load_id));
    const issues = await q(`SELECT load_id, count(*) AS n FROM master_load_issues GROUP BY load_id`);
    const orphanIssues = issues.filter((i) => !loads.some((l) => l.loadId === Number(i.load_id))).length;
    const issueCounts = new Map(issues.map((i) => [Number(i.load_id), Number(i.n)]));
    return { loads: loads.map((l) => ({ ...l, issuesStored: issueCounts.get(l.loadId) ?? 0 })), personnel: { rows: Number(p.n), loadIds, digest: Number(p.n) === 0 ? null : p.digest }, orphanIssues };
  });
  return { ...state, problems: await productCheck(dbFile) };
}

/**
 * Checks the personnel snapshot after a killed load: it is exactly one whole file's (the previous or the new
 * one, `snapshots`: SHA-256 of the file → digest of its rows), the one the history names as current, with the
 * row count the history gives; `acked` (the command printed "loaded") means it is the new one.
 */
function checkLoadState(state, { snapshots, newSha, acked }) {
  const violations = [...state.problems];
  const loaded = state.loads.filter((l) => l.dataset === "personnel" && l.status === "loaded");
  const current = loaded[loaded.length - 1];
  if (!current) {
    if (state.personnel.rows > 0) violations.push(`${state.personnel.rows} personnel rows but no successful load recorded`);
    if (acked) violations.push("the load was acknowledged but none is recorded");
    return violations;
  }
  if (state.personnel.loadIds.length !== 1 || state.personnel.loadIds[0] !== current.loadId) {
    violations.push(`personnel rows come from loads ${state.personnel.loadIds.join(",")}, the history says ${current.loadId}`);
  }
  if (state.personnel.rows !== current.rowCount) violations.push(`personnel has ${state.personnel.rows} rows, the history says ${current.rowCount}`);
  const expected = snapshots.get(current.sha256);
  if (!expected) violations.push(`current load ${current.loadId} names a file that was never loaded (${current.sha256})`);
  else if (expected !== state.personnel.digest) violations.push(`personnel rows are not exactly those of ${current.fileName} (a mixed or partial snapshot)`);
  if (acked && current.sha256 !== newSha) violations.push("the load was acknowledged but the previous snapshot is current");
  for (const l of state.loads) if (l.issueCount !== l.issuesStored) violations.push(`load ${l.loadId} records ${l.issueCount} issues but ${l.issuesStored} are stored`);
  if (state.orphanIssues > 0) violations.push(`${state.orphanIssues} load(s) of issues without a load`);
  return violations;
}

// ---------------------------------------------------------------------------------------------------- report

/** Each file of a pack folder by its path, as SHA-256. */
function readPackState(dir) {
  return new Map(listFiles(dir).map((f) => [f, sha256(readFileSync(path.join(dir, f)))]));
}

/** The temporary names the pack stages files under (pipeline/src/files/writeFileAtomic.ts): `.<final>.<pid>.<8 hex>.tmp`. */
const STAGED = /^\.(.+)\.[0-9]+\.[0-9a-f]{8}\.tmp$/;

/**
 * Checks a pack folder after a killed report: every file under a final name is whole, one of the complete
 * versions allowed (`allowed`: path → set of SHA-256, e.g. the previous pack's and a clean run's); anything else
 * is a staged temporary file of a final name. With `complete` (a whole pack was there before the run), every
 * final name must still hold a file. Returns the violations and how many staged files were left.
 */
function checkPackState(state, allowed, { complete = false } = {}) {
  const violations = [];
  let staged = 0;
  if (complete) for (const file of allowed.keys()) if (!state.has(file)) violations.push(`${file} is gone from a pack that was complete`);
  for (const [file, hash] of state) {
    const ok = allowed.get(file);
    if (ok) {
      if (!ok.has(hash)) violations.push(`${file} is under its final name but is not a complete pack file`);
      continue;
    }
    const m = STAGED.exec(path.basename(file));
    if (m && allowed.has(path.join(path.dirname(file), m[1]))) staged++;
    else violations.push(`unexpected file ${file}`);
  }
  return { violations, staged };
}

/** How many staged (temporary) pack files a folder holds now. */
function countStaged(dir) {
  try {
    return listFiles(dir).filter((f) => STAGED.test(path.basename(f))).length;
  } catch {
    return 0; // a file renamed while the folder was listed: ask again at the next poll
  }
}

function fileSha(file) {
  return sha256(readFileSync(file));
}

function fileSize(file) {
  return statSync(file).size;
}

module.exports = {
  ROOT,
  runCli,
  seededRandom,
  listFiles,
  acknowledgedFiles,
  databaseDigest,
  readIngestState,
  checkIngestState,
  compareIngestStates,
  writePersonnelCsv,
  readLoadState,
  checkLoadState,
  readPackState,
  checkPackState,
  countStaged,
  fileSha,
  fileSize,
};
