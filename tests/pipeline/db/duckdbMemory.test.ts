import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, queryRows } from "../../../pipeline/src/db/Database";
import {
  configureDuckDbAllocator,
  configureDuckDbAllocatorForRun,
  DUCKDB_ALLOCATOR_OPTIONS,
  DUCKDB_ALLOCATOR_OPTIONS_SHORT_RUN,
  DUCKDB_ALLOCATOR_VARIABLE,
  SHORT_RUN_FILES,
} from "../../../pipeline/src/db/duckdbAllocator";
import { INGEST_MEMORY_LIMIT } from "../../../pipeline/src/ingest/ingest";

// Two settings bound the memory DuckDB keeps during a long ingestion (pipeline/src/db/duckdb.ts,
// docs/adr/0003-ingest-in-a-worker-thread.md): its bundled allocator gives freed pages back at once, and the
// ingest's connection has a memory limit beyond which DuckDB spills to disk.

const ROOT = path.join(__dirname, "..", "..", "..");
const LOADER = path.join(ROOT, "dist", "pipeline", "src", "db", "duckdb.js");

/**
 * In a fresh Node process that loads DuckDB through the pipeline's loader: how much its resident memory grew for a
 * 3,000,000-row table in memory, and how much of that it still holds 200 ms after the table is dropped (MB).
 */
function growthAndKept(env: NodeJS.ProcessEnv): { grew: number; kept: number } {
  const script = `
    const { DuckDBInstance } = require(${JSON.stringify(LOADER)});
    (async () => {
      const rss = () => process.memoryUsage().rss;
      const c = await (await DuckDBInstance.create(":memory:")).connect();
      const before = rss();
      await c.run("CREATE TABLE t AS SELECT range AS a, range::VARCHAR || 'xxxxxxxxxxxxxxxxxxxx' AS b FROM range(3000000)");
      const grown = rss();
      await c.run("DROP TABLE t");
      await new Promise((r) => setTimeout(r, 200));
      console.log(JSON.stringify({ grew: (grown - before) / 1048576, kept: (rss() - before) / 1048576 }));
    })();`;
  const clean = { ...env };
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { env: clean, encoding: "utf8" }).trim()) as { grew: number; kept: number };
}

describe("DuckDB's allocator", () => {
  const { [DUCKDB_ALLOCATOR_VARIABLE]: _ours, ...withoutSetting } = process.env;

  it("gives freed memory back at once when loaded through the pipeline (the setting reaches DuckDB's jemalloc)", () => {
    const { grew, kept } = growthAndKept(withoutSetting);
    expect(grew).toBeGreaterThan(60);
    expect(kept).toBeLessThan(grew / 4);
  });

  it("keeps an operator's own allocator options instead (here DuckDB's own 5 s delay, which holds the memory)", () => {
    const { grew, kept } = growthAndKept({ ...withoutSetting, [DUCKDB_ALLOCATOR_VARIABLE]: "dirty_decay_ms:5000,muzzy_decay_ms:5000" });
    expect(grew).toBeGreaterThan(60);
    expect(kept).toBeGreaterThan(grew / 2);
  });

  it("is set only where the environment has none", () => {
    const env: NodeJS.ProcessEnv = {};
    configureDuckDbAllocator(env);
    expect(env[DUCKDB_ALLOCATOR_VARIABLE]).toBe(DUCKDB_ALLOCATOR_OPTIONS);
    const own: NodeJS.ProcessEnv = { [DUCKDB_ALLOCATOR_VARIABLE]: "narenas:1" };
    configureDuckDbAllocator(own);
    expect(own[DUCKDB_ALLOCATOR_VARIABLE]).toBe("narenas:1");
  });
});

describe("DuckDB's allocator for an ingest run", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-allocator-run-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps freed pages a second for a short run, gives them back at once for a long one, and never overrides the operator", () => {
    const env: NodeJS.ProcessEnv = {};
    configureDuckDbAllocatorForRun(SHORT_RUN_FILES, env, false);
    expect(env[DUCKDB_ALLOCATOR_VARIABLE]).toBe(DUCKDB_ALLOCATOR_OPTIONS_SHORT_RUN);
    configureDuckDbAllocatorForRun(SHORT_RUN_FILES + 1, env, false);
    expect(env[DUCKDB_ALLOCATOR_VARIABLE]).toBe(DUCKDB_ALLOCATOR_OPTIONS);
    const own: NodeJS.ProcessEnv = { [DUCKDB_ALLOCATOR_VARIABLE]: "narenas:1" };
    configureDuckDbAllocatorForRun(10, own, true);
    expect(own[DUCKDB_ALLOCATOR_VARIABLE]).toBe("narenas:1");
  });

  it("is what `pa1325 ingest` gives the process before its thread loads DuckDB (the operator's own kept)", () => {
    const { [DUCKDB_ALLOCATOR_VARIABLE]: _ours, ...withoutSetting } = process.env;
    // The variable as it is when DuckDB's library is first loaded, in whichever thread (jemalloc reads it then, once):
    // the command must have chosen before anything it imports loads DuckDB.
    const probe = path.join(dir, "probe.js");
    writeFileSync(
      probe,
      `const Module = require("node:module"); const load = Module._load; let seen = false;
       Module._load = function (request, ...rest) {
         if (!seen && request.includes("@duckdb/node-bindings")) { seen = true; process.stderr.write("ALLOCATOR=" + process.env.${DUCKDB_ALLOCATOR_VARIABLE} + "\\n"); }
         return load.call(this, request, ...rest);
       };`,
    );
    const run = (extra: NodeJS.ProcessEnv) => {
      const r = spawnSync(process.execPath, ["--require", probe, path.join(ROOT, "bin", "pa1325.js"), "ingest", path.join(ROOT, "sample-workbooks", "submitted", "2025-S2"), "--db", path.join(dir, `${Math.random()}.duckdb`)], {
        env: { ...withoutSetting, PA1325_KEY: "sample-key-for-tests-0123456789abcdef", ...extra },
        encoding: "utf8",
        timeout: 60_000,
      });
      return /ALLOCATOR=(.*)/.exec(r.stderr)?.[1];
    };
    expect(run({})).toBe(DUCKDB_ALLOCATOR_OPTIONS_SHORT_RUN);
    expect(run({ [DUCKDB_ALLOCATOR_VARIABLE]: "narenas:1" })).toBe("narenas:1");
  });
});

describe("a database opened with a memory limit", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-memory-limit-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("holds DuckDB to it, spills what does not fit to a folder beside the database, and removes that folder on closing", async () => {
    const file = path.join(dir, "spill.duckdb");
    const db = await openDatabase(file, { memoryLimit: INGEST_MEMORY_LIMIT });
    const limitBytes = Number(/^(\d+)MB$/.exec(INGEST_MEMORY_LIMIT)![1]) * 1_048_576;
    try {
      const [limit] = await queryRows<{ limit: string }>(db, `SELECT current_setting('memory_limit') AS "limit"`);
      expect(Number(limit!.limit.replace(/ MiB$/, "")) * 1_048_576).toBeCloseTo(limitBytes * 0.9537, -6); // MB in MiB
      // ~130 MB of data, then 3,000,000 groups of it: far more than the limit, so it must be evicted and spilled.
      await db.connection.run("CREATE TABLE t AS SELECT range AS a, range::VARCHAR || 'yyyyyyyyyyyyyyyyyyyyyyyy' AS b FROM range(3000000)");
      const inUse = async () => Number((await queryRows<{ bytes: bigint }>(db, `SELECT sum(memory_usage_bytes)::BIGINT AS bytes FROM duckdb_memory()`))[0]!.bytes);
      expect(await inUse()).toBeLessThanOrEqual(limitBytes);
      const [groups] = await queryRows<{ n: bigint }>(db, `SELECT count(*) AS n FROM (SELECT b, count(*) FROM t GROUP BY b)`);
      expect(Number(groups!.n)).toBe(3_000_000);
      expect(await inUse()).toBeLessThanOrEqual(limitBytes);
    } finally {
      db.close();
    }
    expect(readdirSync(dir).filter((f) => f !== "spill.duckdb")).toEqual([]);
    expect(existsSync(`${file}.tmp`)).toBe(false);
  });

  /** A process that opens `file` with a small memory limit, starts an aggregate that spills, and is killed (SIGKILL) while its spill files exist. */
  function killWhileSpilling(file: string): void {
    const script = `
      const fs = require("node:fs");
      const { DuckDBInstance } = require(${JSON.stringify(LOADER)});
      const folder = ${JSON.stringify(`${file}.tmp`)};
      setInterval(() => {
        if (fs.existsSync(folder) && fs.readdirSync(folder).length > 0) process.kill(process.pid, "SIGKILL");
      }, 2);
      (async () => {
        const c = await (await DuckDBInstance.create(${JSON.stringify(file)}, { memory_limit: "32MB" })).connect();
        await c.run("SELECT count(*) FROM (SELECT i % 3000000 AS g, count(*) FROM range(9000000) t(i) GROUP BY g)");
        console.log("finished without spilling");
      })();`;
    const run = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
    expect({ signal: run.signal, stdout: run.stdout }).toEqual({ signal: "SIGKILL", stdout: "" });
  }

  it("leaves no spill behind a killed run once the database is next opened for writing: its files at the open, the folder at the close", async () => {
    const file = path.join(dir, "killed.duckdb");
    killWhileSpilling(file);
    const stale = readdirSync(`${file}.tmp`);
    // What DuckDB itself leaves (and, opened again, neither reuses nor removes).
    expect(stale.length).toBeGreaterThan(0);
    expect(stale.every((name) => name.startsWith("duckdb_temp_"))).toBe(true);
    const reader = await openDatabase(file, { readOnly: true });
    reader.close();
    expect(readdirSync(`${file}.tmp`)).toEqual(stale); // a reader is not alone with the file: it leaves them
    const db = await openDatabase(file);
    try {
      expect(readdirSync(`${file}.tmp`)).toEqual([]);
    } finally {
      db.close();
    }
    expect(existsSync(`${file}.tmp`)).toBe(false);
  });

  it("touches only DuckDB's own files in that folder, and keeps the folder when anything else is in it", async () => {
    const file = path.join(dir, "foreign.duckdb");
    killWhileSpilling(file);
    writeFileSync(path.join(`${file}.tmp`, "notes.txt"), "an analyst's own file");
    const db = await openDatabase(file);
    db.close();
    expect(readdirSync(`${file}.tmp`)).toEqual(["notes.txt"]);
  });
});
