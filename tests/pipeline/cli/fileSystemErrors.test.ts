import { spawnSync } from "node:child_process";
import fs, { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describeFileSystemError } from "../../../pipeline/src/cli/fileSystemError";
import { writeFileAtomic } from "../../../pipeline/src/files/writeFileAtomic";
import { PACK_WRITERS } from "../../../pipeline/src/report/writeReportPack";
import { runMain } from "../../helpers/captureEffects";

// An output path that cannot be used (a file in the way of a folder, a disk full or read-only...) is the
// machine's or the command line's problem, not a bug: said plainly, naming the file as the analyst knows it.

describe("a file-system error", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-fs-errors-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const blocker = path.join(dir, "notes.txt");
  writeFileSync(blocker, "a file, not a folder");

  async function run(args: string[]) {
    const { code, stderr } = await runMain(args);
    return { code, stderr };
  }

  it("from a command names the path and the cause, exits 2, and is not called unexpected", async () => {
    const all = await run(["template", "--institution", "all", "--period", "2026-S1", "--out", path.join(blocker, "templates")]);
    expect(all).toEqual({
      code: 2,
      stderr: `Error: could not use ${path.join(blocker, "templates")}: part of the path is a file, not a folder. Check the path (--out, --to, --db or the file given) and try again.`,
    });
    const one = await run(["template", "--institution", "EP", "--period", "2026-S1", "--out", path.join(blocker, "EP.xlsx")]);
    expect(one.code).toBe(2);
    expect(one.stderr).toBe(`Error: could not use ${blocker}: a file of that name is where a folder should be. Check the path (--out, --to, --db or the file given) and try again.`);
  });

  it("names the file, never the temporary one it was being written as, in both languages", () => {
    const error = Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC", path: "/data/out/.pa1325-EP-2026-S1.xlsx.4242.0a1b2c3d.tmp" });
    expect(describeFileSystemError(error, "en")).toBe("could not use /data/out/pa1325-EP-2026-S1.xlsx: the disk is full. Free some space on that disk (or choose another) and try again.");
    expect(describeFileSystemError(error, "es")).toBe("no se pudo usar /data/out/pa1325-EP-2026-S1.xlsx: no queda espacio en el disco. Libere espacio en ese disco (o elija otro) y vuelva a intentarlo.");
  });

  it("says a file open in another program (a report open in Excel on Windows) as such, whichever code Windows gives", () => {
    // Renaming the new report over the one Excel has open: libuv gives EBUSY or, for Windows' "access denied", EPERM.
    const rename = (code: string) =>
      Object.assign(new Error(`${code}: rename`), { code, syscall: "rename", path: "C:/pack/.committee-2026-S1.xlsx.4242.0a1b2c3d.tmp", dest: "C:/pack/committee-2026-S1.xlsx" });
    expect(describeFileSystemError(rename("EBUSY"), "es", "win32")).toBe(
      "no se pudo usar C:/pack/committee-2026-S1.xlsx: está abierto en otro programa (Excel, por ejemplo). Ciérrelo en ese programa y vuelva a intentarlo.",
    );
    expect(describeFileSystemError(rename("EPERM"), "en", "win32")).toBe(
      "could not use C:/pack/committee-2026-S1.xlsx: it is open in another program (Excel, for example), or you do not have permission. Close it in that program and try again.",
    );
    // Elsewhere EPERM is a permission, as before.
    expect(describeFileSystemError(rename("EPERM"), "en", "linux")).toBe(
      "could not use C:/pack/committee-2026-S1.xlsx: you do not have permission. Check the path (--out, --to, --db or the file given) and try again.",
    );
  });

  it("says a drive gone while in use (a network share, a USB stick) as such, with what to do", () => {
    const gone = Object.assign(new Error("ENOTCONN: socket is not connected, write"), { code: "ENOTCONN", path: "/mnt/share/report/committee-2026-S1.xlsx" });
    expect(describeFileSystemError(gone, "en")).toBe(
      "could not use /mnt/share/report/committee-2026-S1.xlsx: the drive that holds it is no longer connected. Check the disk, or reconnect the drive (network or USB), and try again.",
    );
    const failing = Object.assign(new Error("EIO: i/o error, read"), { code: "EIO", path: "/media/usb/inbox/pa1325-EP-2026-S1.xlsx" });
    expect(describeFileSystemError(failing, "es")).toBe(
      "no se pudo usar /media/usb/inbox/pa1325-EP-2026-S1.xlsx: el disco falló al leer o escribir (error de entrada/salida). Revise el disco o vuelva a conectar la unidad (de red o USB) y vuelva a intentarlo.",
    );
  });

  it("names the file a failed write was for, though the system names none (a full disk while writing)", async () => {
    const target = path.join(dir, "pa1325-EP-2026-S1.xlsx");
    const full = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", syscall: "write" });
    const open = fs.promises.open;
    jest.spyOn(fs.promises, "open").mockImplementation(async (...args: Parameters<typeof open>) => {
      const handle = await open(...args);
      jest.spyOn(handle, "writeFile").mockRejectedValue(full);
      return handle;
    });
    try {
      const error = await writeFileAtomic(target, "x").catch((e: unknown) => e);
      expect(describeFileSystemError(error, "en")).toBe(`could not use ${target}: the disk is full. Free some space on that disk (or choose another) and try again.`);
      expect(readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
    } finally {
      jest.restoreAllMocks();
    }
  });

  it("names the demo's folder when a write in it fails for the disk", async () => {
    const out = path.join(dir, "demo");
    const write = fs.writeFileSync;
    jest.spyOn(fs, "writeFileSync").mockImplementation((...args: Parameters<typeof write>) => {
      if (String(args[0]).startsWith(out)) throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", syscall: "write" });
      return write(...args);
    });
    try {
      const r = await run(["demo", "--out", out]);
      expect(r).toEqual({ code: 2, stderr: `Error: could not use ${out}: the disk is full. Free some space on that disk (or choose another) and try again.` });
    } finally {
      jest.restoreAllMocks();
    }
  });

  it("names a Parquet file of the pack that DuckDB could not write as that file, not as the database", () => {
    // DuckDB writes the pack's Parquet files itself and says a failure in words only; a file-size limit of 8 KB
    // (ulimit -f, its signal ignored) makes the system refuse the write, as a full disk does.
    const out = path.join(dir, "parquet");
    const dist = path.join(__dirname, "..", "..", "..", "dist", "pipeline", "src");
    const script = `
      const { writeParquetTables } = require(${JSON.stringify(path.join(dist, "db", "writeParquetTables.js"))});
      const { describeFileSystemError } = require(${JSON.stringify(path.join(dist, "cli", "fileSystemError.js"))});
      require("node:fs").mkdirSync(${JSON.stringify(out)});
      const rows = Array.from({ length: 20000 }, (_, i) => [require("node:crypto").createHash("sha256").update(String(i)).digest("hex")]);
      const table = { name: "big", columns: [{ name: "x", type: "VARCHAR" }], rows };
      writeParquetTables(${JSON.stringify(out)}, [{ table, metadata: new Map(), file: ${JSON.stringify(path.join(out, ".big-2026-S1.parquet.4242.0a1b2c3d.tmp"))} }])
        .then(() => console.log("written"), (e) => console.log(describeFileSystemError(e, "en") ?? e.message));`;
    const r = spawnSync("bash", ["-c", `trap '' XFSZ; ulimit -f 8; exec "${process.execPath}" -e '${script.replace(/'/g, "'\\''")}'`], { encoding: "utf8" });
    expect(r.stdout.trim()).toBe(`could not use ${path.join(out, "big-2026-S1.parquet")}: it is larger than the disk or account allows a file to be. Check the path (--out, --to, --db or the file given) and try again.`);
  });

  it("says a pack file DuckDB could not write as that file in the command's message, though DuckDB's words name a file too", async () => {
    const db = path.join(dir, "pack.duckdb");
    const inbox = path.join(__dirname, "..", "..", "..", "sample-workbooks", "submitted");
    expect((await runMain(["ingest", inbox, "--db", db], { PA1325_KEY: "fs-errors-test-key-0123456789abcdefghij" })).code).toBe(1);
    const out = path.join(dir, "pack");
    // What writeParquetTables throws on a full disk: the system's code and the file, DuckDB's own error as the cause.
    jest.spyOn(PACK_WRITERS, "parquet").mockImplementation(async (_dir, targets) => {
      const file = targets[0]!.file;
      const duckdb = new Error(`IO Error: Could not write file "${file}": No space left on device`);
      throw Object.assign(new Error(`ENOSPC: could not write ${file}`, { cause: duckdb }), { code: "ENOSPC", path: file, syscall: "write" });
    });
    try {
      const r = await runMain(["report", "--period", "2026-S1", "--db", db, "--out", out]);
      expect(r.code).toBe(2);
      expect(r.stderr.split("\n").at(-1)).toMatch(/^Error: could not use .*\/pack\/data\/[a-z_]+-2026-S1\.parquet: the disk is full\. Free some space on that disk \(or choose another\) and try again\.$/);
    } finally {
      jest.restoreAllMocks();
    }
  });

  it("leaves anything else to the unexpected-error path (a bug must still look like one)", () => {
    expect(describeFileSystemError(new TypeError("x is undefined"), "en")).toBeUndefined();
    expect(describeFileSystemError(Object.assign(new Error("ECONNRESET"), { code: "ECONNRESET" }), "en")).toBeUndefined();
  });
});
