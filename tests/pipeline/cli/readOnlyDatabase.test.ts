import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, queryRows } from "../../../pipeline/src/db/Database";
import { migrate } from "../../../pipeline/src/db/migrate";
import { changeInLogOnly } from "../../helpers/changeInLogOnly";

// A database kept where the analyst cannot write — an archive share mounted read-only, a copy on a write-protected
// USB drive, a colleague's file without write permission — can still be read for a Committee pack and backed up.
// Each command runs in its own process that sees the database's folder read-only: through a read-only bind mount
// in a mount namespace of its own when the tests run as root (root may write any file whatever its mode), or with
// the folder and its files made read-only otherwise. Either way DuckDB's own open of the file for writing fails,
// as it does on the analyst's machine.
const ROOT = path.join(__dirname, "..", "..", "..");
const WITH_CLOCK = path.join(ROOT, "tests", "reliability", "cliWithClock.js");
const INBOX = path.join(ROOT, "sample-workbooks", "submitted");
const NOW = "2026-09-01T12:00:00Z";
const ENV = { PA1325_KEY: "read-only-test-key-0123456789abcdefghijk", PA1325_LANG: "en" };
const AS_ROOT = process.getuid?.() === 0;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `pa1325 ARGS` (dated NOW) in a process of its own; `readOnly`: the folder it sees read-only. */
function pa1325(args: readonly string[], readOnly?: string): Promise<Run> {
  const command = [process.execPath, WITH_CLOCK, NOW, ...args];
  let argv = command;
  const undo: Array<() => void> = [];
  if (readOnly !== undefined && AS_ROOT) {
    argv = ["unshare", "--mount", "sh", "-c", 'mount --bind -o ro "$1" "$1" && shift && exec "$@"', "sh", readOnly, ...command];
  } else if (readOnly !== undefined) {
    for (const name of readdirSync(readOnly)) {
      chmodSync(path.join(readOnly, name), 0o444);
      undo.push(() => chmodSync(path.join(readOnly, name), 0o644));
    }
    chmodSync(readOnly, 0o555);
    undo.push(() => chmodSync(readOnly, 0o755));
  }
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { env: { ...process.env, ...ENV }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      for (const step of undo.reverse()) step();
      resolve({ code, stdout, stderr });
    });
  });
}

/** Every file of a folder and its bytes' SHA-256. */
function folderState(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((name) => [name, createHash("sha256").update(readFileSync(path.join(dir, name))).digest("hex")]));
}

describe("a database the analyst cannot write", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-read-only-"));
  const archive = path.join(dir, "archive");
  const db = path.join(archive, "pa1325.duckdb");
  const writable = path.join(dir, "writable.duckdb");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    mkdirSync(archive);
    expect((await pa1325(["ingest", INBOX, "--db", db])).code).toBe(1); // the samples include refused files
    copyFileSync(db, writable);
  });

  it("gives the same Committee pack as the database in a writable folder, and is left as it was", async () => {
    const before = folderState(archive);
    const run = await pa1325(["report", "--period", "2026-S1", "--db", db, "--out", path.join(dir, "pack-ro")], archive);
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toContain("5 submission(s) included, 6 excluded");
    expect((await pa1325(["report", "--period", "2026-S1", "--db", writable, "--out", path.join(dir, "pack-rw")])).code).toBe(0);
    // The tidy tables, byte for byte (the clock is fixed; the workbook and page name their database, which differs).
    const data = (pack: string) => folderState(path.join(dir, pack, "data"));
    expect(Object.keys(data("pack-ro"))).toHaveLength(27);
    expect(data("pack-ro")).toEqual(data("pack-rw"));
    expect(folderState(archive)).toEqual(before);
  });

  it("still refuses to ingest into it, naming the database and what to do", async () => {
    const run = await pa1325(["ingest", INBOX, "--db", db], archive);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(db);
    expect(run.stderr).toMatch(AS_ROOT ? /is on a read-only disk, and PA1325 needs to write to it/ : /do not have permission/);
  });

  it("backs up, with what its write-ahead log holds folded into the one-file copy", async () => {
    // A change DuckDB has in its log only: the last writer stopped before checkpointing (as a killed ingestion does).
    await changeInLogOnly(db, "INSERT INTO settings VALUES ('read_only_test', 'in the log only')");
    const before = folderState(archive);

    const backups = path.join(dir, "backups");
    const run = await pa1325(["backup", "--db", db, "--to", `${backups}/`], archive);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toMatch(/read back and equal to the database in all 15 tables/);
    expect(readdirSync(backups)).toEqual(["pa1325-20260901-120000.duckdb"]);
    // Its owner's to write, once restored, though the database was not.
    expect(statSync(path.join(backups, "pa1325-20260901-120000.duckdb")).mode & 0o200).toBe(0o200);
    const copy = await openDatabase(path.join(backups, "pa1325-20260901-120000.duckdb"), { readOnly: true });
    try {
      expect(await queryRows(copy, `SELECT value FROM settings WHERE key = 'read_only_test'`)).toEqual([{ value: "in the log only" }]);
      expect(await queryRows(copy, `SELECT count(*) AS n FROM submissions`)).toEqual([{ n: 14n }]);
    } finally {
      copy.close();
    }
    expect(folderState(archive)).toEqual(before);
  });

  it("is not restored over: refused in words that name it, and left as it was", async () => {
    const backup = path.join(dir, "backups", "pa1325-20260901-120000.duckdb"); // the test above made it
    const before = folderState(archive);
    const run = await pa1325(["restore", "--from", backup, "--db", db], archive);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`could not use ${db}`);
    expect(run.stderr).toMatch(AS_ROOT ? /the disk is read-only/ : /permission/);
    expect(folderState(archive)).toEqual(before);
  });

  it("of an older schema: says it can only be read here and how to upgrade it", async () => {
    const old = path.join(dir, "old");
    mkdirSync(old);
    const older = await openDatabase(path.join(old, "pa1325.duckdb"));
    await migrate(older, 2);
    older.close();
    const run = await pa1325(["report", "--period", "2026-S1", "--db", path.join(old, "pa1325.duckdb"), "--out", path.join(dir, "pack-old")], old);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("has an older schema (2) and can only be read here; PA1325 upgrades it when it can write to it.");
    expect(existsSync(path.join(dir, "pack-old"))).toBe(false);
  });
});
