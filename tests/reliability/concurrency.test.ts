import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { readIngestState, readLoadState, ROOT, runCli, writePersonnelCsv, type CliRun } from "./crashHarness";

// Two processes on one database: while one writes, a second `ingest`, `load` or `report` is refused at once with
// "in use" and the PID of the first, changes nothing, and the first completes as if it were alone.
const ENV = { PA1325_KEY: "crash-test-key-0123456789abcdefghijklmnop", PA1325_LANG: "en" };
const INBOX = path.join(ROOT, "sample-workbooks", "submitted");
const IN_USE = /^Error: the database .+ is in use by another process \(PID (\d+)\)\. Wait for it to finish and try again; nothing was changed\.$/m;

/** Starts `pa1325 ARGS` without waiting for it; `done` resolves with its exit code. */
function start(args: string[]): { child: ChildProcess; done: Promise<number | null> } {
  const child = spawn(process.execPath, [path.join(ROOT, "bin", "pa1325.js"), ...args], { env: { ...process.env, ...ENV }, stdio: "ignore" });
  return { child, done: new Promise((resolve) => child.on("close", (code) => resolve(code))) };
}

/**
 * Waits until `pid` holds DuckDB's lock on `file`, as the kernel lists it in /proc/locks (Linux): looking does not
 * take the lock, so the first process cannot lose a race to the test itself.
 */
async function lockHeld(file: string, pid: number, child: ChildProcess): Promise<void> {
  const inode = statSync(file).ino;
  for (;;) {
    const held = readFileSync("/proc/locks", "utf8")
      .split("\n")
      .some((line) => line.includes(` ${pid} `) && line.includes(`:${inode} `));
    if (held) return;
    if (child.exitCode !== null) throw new Error("the first process ended before it was seen holding the database");
    await new Promise((r) => setTimeout(r, 5));
  }
}

function expectRefused(run: CliRun, firstPid: number): void {
  expect({ code: run.code, stderr: run.stderr.trim() }).toEqual({ code: 2, stderr: expect.stringMatching(IN_USE) });
  expect(Number(IN_USE.exec(run.stderr)![1])).toBe(firstPid);
}

describe("a second writer on a database in use", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-concurrency-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is refused at once while a long load runs, whatever the command, and the load completes unharmed", async () => {
    const db = path.join(dir, "busy.duckdb");
    expect((await runCli(["ingest", INBOX, "--db", db], { env: ENV })).code).toBe(1);
    const before = await readIngestState(db);
    // Large enough to hold the database for a few seconds on any machine.
    const big = writePersonnelCsv(path.join(dir, "personal.csv"), 200_000, 1);
    const first = start(["load", "personnel", big, "--db", db]);
    await lockHeld(db, first.child.pid!, first.child);

    const out = path.join(dir, "pack");
    const seconds = await Promise.all([
      runCli(["report", "--period", "2026-S1", "--out", out, "--db", db], { env: ENV }),
      runCli(["load", "personnel", big, "--db", db], { env: ENV }),
      runCli(["ingest", INBOX, "--db", db], { env: ENV }),
      runCli(["ingest", INBOX, "--db", db, "--dry-run"], { env: ENV }),
    ]);
    // All four were turned away while the load was still running: none waited for it.
    expect(first.child.exitCode).toBeNull();
    for (const run of seconds) expectRefused(run, first.child.pid!);
    expect(existsSync(out)).toBe(false);

    expect(await first.done).toBe(0);
    const after = await readLoadState(db);
    expect(after.loads.map((l) => [l.dataset, l.status, l.rowCount])).toEqual([["personnel", "loaded", 200_000]]);
    expect(after.personnel).toMatchObject({ rows: 200_000, loadIds: [after.loads[0]!.loadId] });
    const ingested = await readIngestState(db);
    expect(ingested.submissions).toEqual(before.submissions);
  });
});
