import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describeFileSystemError } from "../../../pipeline/src/cli/fileSystemError";
import { PipelineError } from "../../../pipeline/src/cli/PipelineError";
import { errorOf, failureOf } from "../../../pipeline/src/ingest/ingestWorkerProtocol";

// A shared folder often holds a subfolder someone keeps private. `pa1325 ingest` loads the rest, names the folder it
// could not open with the reason and what to do, and exits with 1 (not everything was loaded), as the command an
// analyst runs: in its own process, for which the folder is closed. Root opens every folder, so when the tests run
// as root the command runs without the capabilities that let it (util-linux's setpriv): still root, so it can read
// the checkout wherever it was cloned, but held to the folders' permissions like anyone else.

const ROOT = path.join(__dirname, "..", "..", "..");
const SAMPLES = path.join(ROOT, "sample-workbooks", "submitted", "2025-S2");
const env = { PA1325_KEY: "sample-key-for-tests-0123456789abcdef" };

function pa1325(args: string[], lang: "es" | "en", home: string) {
  const command = [process.execPath, path.join(ROOT, "bin", "pa1325.js"), ...args];
  const asRoot = process.getuid?.() === 0;
  const [file, ...rest] = asRoot ? ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--", ...command] : command;
  const r = spawnSync(file!, rest, {
    env: { ...process.env, ...env, HOME: home, PA1325_LANG: lang },
    encoding: "utf8",
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("pa1325 ingest and a folder it cannot open", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-unreadable-"));
  const inbox = path.join(dir, "inbox");
  const open = path.join(inbox, "open");
  const closed = path.join(inbox, "MGP");
  const dbDir = path.join(dir, "db");
  const db = path.join(dbDir, "p.duckdb");
  beforeAll(() => {
    mkdirSync(open, { recursive: true });
    mkdirSync(closed);
    mkdirSync(dbDir);
    copyFileSync(path.join(SAMPLES, "pa1325-EP-2025-S2.xlsx"), path.join(open, "pa1325-EP-2025-S2.xlsx"));
    copyFileSync(path.join(SAMPLES, "pa1325-DIGRIN-2025-S2.xlsx"), path.join(open, "pa1325-DIGRIN-2025-S2.xlsx"));
    copyFileSync(path.join(SAMPLES, "pa1325-MGP-2025-S2.xlsx"), path.join(closed, "pa1325-MGP-2025-S2.xlsx"));
    chmodSync(closed, 0o000);
  });
  afterAll(() => {
    chmodSync(closed, 0o755);
    rmSync(dir, { recursive: true, force: true });
  });

  it("loads the rest, names the folder with the reason and what to do, and exits with 1", () => {
    const r = pa1325(["ingest", inbox, "--db", db], "en", dir);
    expect(r.stderr).not.toMatch(/Unexpected|inesperado/);
    expect(r.code).toBe(1);
    const lines = r.stdout.split("\n");
    expect(lines.filter((l) => l.startsWith("accepted"))).toHaveLength(2);
    expect(lines).toContain("2 file(s): 2 accepted, 0 replaced, 0 unchanged, 0 refused. Database: " + db);
    expect(lines).toContain("1 folder(s) could not be opened; any workbooks in them were not loaded:");
    expect(lines).toContain(`    ${closed}: you do not have permission to open it`);
  });

  it("says so in Spanish, and in --json as `unreadable`", () => {
    const es = pa1325(["ingest", inbox, "--db", db, "--dry-run"], "es", dir);
    expect(es.code).toBe(1);
    expect(es.stdout).toContain(`1 carpeta(s) no se pudieron abrir; los libros que contengan no se cargaron:\n    ${closed}: no tiene permiso para abrirla\n`);
    const json = pa1325(["ingest", inbox, "--db", db, "--json"], "en", dir);
    expect(json.code).toBe(1);
    const summary = JSON.parse(json.stdout) as {
      counts: { unchanged: number };
      unreadable: unknown;
    };
    expect(summary.unreadable).toEqual([{ path: closed, message: "you do not have permission to open it" }]);
    expect(summary.counts.unchanged).toBe(2);
  });

  it("loads what the folder holds once it can be opened, and then exits with 0", () => {
    chmodSync(closed, 0o755);
    const r = pa1325(["ingest", inbox, "--db", db], "en", dir);
    expect(r.stdout).toContain("3 file(s): 1 accepted, 0 replaced, 2 unchanged, 0 refused.");
    expect(r.code).toBe(0);
  });
});

describe("pa1325 ingest and check --against with a link to a folder elsewhere", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-linked-"));
  const inbox = path.join(dir, "inbox");
  const elsewhere = path.join(dir, "share", "MGP");
  const link = path.join(inbox, "MGP");
  const db = path.join(dir, "p.duckdb");
  beforeAll(() => {
    mkdirSync(inbox, { recursive: true });
    mkdirSync(elsewhere, { recursive: true });
    copyFileSync(path.join(SAMPLES, "pa1325-EP-2025-S2.xlsx"), path.join(inbox, "pa1325-EP-2025-S2.xlsx"));
    copyFileSync(path.join(SAMPLES, "pa1325-MGP-2025-S2.xlsx"), path.join(elsewhere, "pa1325-MGP-2025-S2.xlsx"));
    symlinkSync(elsewhere, link);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("loads the rest, names the link with where it leads, and exits with 1; given that folder too, loads it and exits with 0", () => {
    const target = realpathSync(elsewhere);
    const r = pa1325(["ingest", inbox, "--db", db], "en", dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("1 file(s): 1 accepted, 0 replaced, 0 unchanged, 0 refused.");
    expect(r.stdout).toContain(`not followed; any workbooks in them were not loaded. To load them, give those folders on the command line:\n    ${link} → ${target}\n`);
    const json = pa1325(["ingest", inbox, "--db", db, "--json", "--dry-run"], "es", dir);
    expect(json.code).toBe(1);
    expect((JSON.parse(json.stdout) as { linkedFolders: unknown }).linkedFolders).toEqual([{ path: link, target }]);
    // check --against reads what ingest reads: the link is a note, and what was loaded is as stored.
    const check = pa1325(["check", "--db", db, "--against", inbox], "en", dir);
    expect(check.stdout).toContain(`note     could not read ${link}: it is a link to the folder ${target}, which is not followed: give that folder with --against too`);
    expect(check.code).toBe(0);
    // A folder holding only such a link is not "no workbooks here": the note says where they are.
    const onlyLink = path.join(dir, "only-link");
    mkdirSync(onlyLink);
    symlinkSync(elsewhere, path.join(onlyLink, "MGP"));
    const checkLink = pa1325(["check", "--db", db, "--against", onlyLink], "en", dir);
    expect(checkLink.stderr).not.toContain("no .xlsx workbooks");
    expect(checkLink.stdout).toContain(`note     could not read ${path.join(onlyLink, "MGP")}: it is a link to the folder ${target}`);
    const both = pa1325(["ingest", inbox, elsewhere, "--db", db], "en", dir);
    expect(both.stdout).toContain("2 file(s): 1 accepted, 0 replaced, 1 unchanged, 0 refused.");
    expect(both.stdout).not.toContain("link(s) to folders");
    expect(both.code).toBe(0);
  });
});

describe("a system error in the ingest's thread", () => {
  it("reaches the command with its code and path, so it is said plainly and not called unexpected", () => {
    const thrown = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", path: "/data/pa1325.duckdb.wal", syscall: "write" });
    const error = errorOf(failureOf(thrown));
    expect(describeFileSystemError(error, "en")).toBe(
      "could not use /data/pa1325.duckdb.wal: the disk is full. Free some space on that disk (or choose another) and try again.",
    );
    expect(error.message).toBe(thrown.message);
  });

  it("keeps a PipelineError one, and leaves a bug looking like a bug", () => {
    const pipeline = errorOf(failureOf(new PipelineError("DB_IN_USE", { es: "en uso", en: "in use" }, 2)));
    expect(pipeline).toBeInstanceOf(PipelineError);
    expect((pipeline as PipelineError).text.en).toBe("in use");
    const bug = errorOf(failureOf(new TypeError("x is undefined")));
    expect(bug.name).toBe("TypeError");
    expect(describeFileSystemError(bug, "en")).toBeUndefined();
  });
});
