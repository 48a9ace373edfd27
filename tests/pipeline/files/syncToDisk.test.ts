import fs, { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { syncFile, syncFolder, syncFolderSync } from "../../../pipeline/src/files/writeFileAtomic";
import { loadPseudonymKey } from "../../../pipeline/src/privacy/pseudonymKey";

// Flushing files and folders to disk by each system's rules. Windows cannot be run here: its rule is emulated below
// from what it documents (FlushFileBuffers needs a handle open for writing, and a folder cannot be flushed; Node
// reports the refusal as EPERM), and each Windows test is also run with the POSIX rule to show the emulation bites.

const eperm = () => Object.assign(new Error("EPERM: operation not permitted, fsync"), { code: "EPERM", syscall: "fsync" });
const writable = (flags: unknown) => typeof flags === "string" && /[wa+]/.test(flags);

/** Windows' rule for flushing, on this machine: only through a handle open for writing, and never a folder. */
function flushLikeWindows(): void {
  const open = fs.promises.open;
  jest.spyOn(fs.promises, "open").mockImplementation(async (file, flags, mode) => {
    const handle = await open(file, flags, mode);
    if (!writable(flags) || (await handle.stat()).isDirectory()) jest.spyOn(handle, "sync").mockRejectedValue(eperm());
    return handle;
  });
  const openSync = fs.openSync;
  const flushable = new Set<number>();
  jest.spyOn(fs, "openSync").mockImplementation((file, flags, mode) => {
    const fd = openSync(file, flags, mode);
    if (writable(flags) && !fs.fstatSync(fd).isDirectory()) flushable.add(fd);
    return fd;
  });
  const closeSync = fs.closeSync;
  jest.spyOn(fs, "closeSync").mockImplementation((fd) => {
    flushable.delete(fd); // the number may be given to the next file opened
    closeSync(fd);
  });
  const fsyncSync = fs.fsyncSync;
  jest.spyOn(fs, "fsyncSync").mockImplementation((fd) => {
    if (!flushable.has(fd)) throw eperm();
    fsyncSync(fd);
  });
}

describe("flushing to disk", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "pa1325-sync-"));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it("flushes a file and a folder on this system, a file its owner may not write included", async () => {
    const file = path.join(dir, "data.parquet");
    writeFileSync(file, "bytes");
    chmodSync(file, 0o444);
    await expect(syncFile(file)).resolves.toBeUndefined();
    await expect(syncFolder(dir)).resolves.toBeUndefined();
    expect(() => syncFolderSync(dir)).not.toThrow();
    // A folder that is not there is still an error: nothing is flushed quietly by mistake.
    await expect(syncFolder(path.join(dir, "missing"))).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("by Windows' rules: a file through a handle open for writing, a folder not at all", async () => {
    const file = path.join(dir, "copy.duckdb");
    writeFileSync(file, "bytes");
    flushLikeWindows();
    await expect(syncFile(file, "win32")).resolves.toBeUndefined();
    await expect(syncFolder(dir, "win32")).resolves.toBeUndefined();
    expect(() => syncFolderSync(dir, "win32")).not.toThrow();
    expect(readFileSync(file, "utf8")).toBe("bytes");
    // The POSIX way (a read-only handle, a folder opened and flushed) is what Windows refuses.
    await expect(syncFile(file, "linux")).rejects.toMatchObject({ code: "EPERM" });
    await expect(syncFolder(dir, "linux")).rejects.toMatchObject({ code: "EPERM" });
    expect(() => syncFolderSync(dir, "linux")).toThrow(expect.objectContaining({ code: "EPERM" }));
  });

  it("creates the pseudonymisation key on a first run by Windows' rules, whole, and says nothing went wrong", () => {
    const file = path.join(dir, "config", "pseudonymisation.key");
    const platform = Object.getOwnPropertyDescriptor(process, "platform")!;
    flushLikeWindows();
    Object.defineProperty(process, "platform", { ...platform, value: "win32" });
    const warnings: string[] = [];
    try {
      const key = loadPseudonymKey({ PA1325_KEY_FILE: file }, (text) => warnings.push(text.en));
      expect(key).toMatchObject({ source: "file", file, created: true });
    } finally {
      Object.defineProperty(process, "platform", platform);
    }
    expect(readFileSync(file, "utf8")).toMatch(/^[0-9a-f]{64}\n$/);
    expect(warnings).toEqual([expect.stringContaining("A new pseudonymisation key was created")]);
    expect(existsSync(path.dirname(file))).toBe(true);
  });
});
