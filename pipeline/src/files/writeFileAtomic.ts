import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, openSync, promises as fs } from "node:fs";
import path from "node:path";

/** A temporary name beside `target` (same folder, so renaming it into place is atomic). */
export function temporaryNameFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
}

/** Writes and flushes a new file; on failure the partial file is removed and the error rethrown. */
export async function writeAndSync(file: string, data: Buffer | Uint8Array | string): Promise<void> {
  const handle = await fs.open(file, "wx", 0o644);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await fs.rm(file, { force: true });
    // A failed write (a full disk) names no file: it is this one, so that the message can say which.
    const e = error as NodeJS.ErrnoException;
    if (typeof e.code === "string" && e.path === undefined) e.path = file;
    throw error;
  }
  await handle.close();
}

/**
 * Flushes a file to disk. Windows flushes (FlushFileBuffers) only through a handle open for writing, and refuses a
 * read-only one with EPERM; POSIX flushes through any handle, and a read-only one also serves a file its owner may
 * not write. `platform`: the system whose rules apply (a parameter for the tests).
 */
export async function syncFile(file: string, platform: NodeJS.Platform = process.platform): Promise<void> {
  await flushThrough(file, platform === "win32" ? "r+" : "r");
}

/**
 * Flushes a folder's entries to disk, after a file was renamed or linked into it, so that a power cut cannot undo
 * the new name. Windows has no such flush (a folder cannot be opened for writing, and FlushFileBuffers refuses a
 * folder's handle with EPERM): there NTFS's own journal keeps a completed rename, and this does nothing.
 */
export async function syncFolder(dir: string, platform: NodeJS.Platform = process.platform): Promise<void> {
  if (platform === "win32") return;
  await flushThrough(dir, "r");
}

/** Opens a path with `flags`, flushes it and closes it. */
async function flushThrough(file: string, flags: string): Promise<void> {
  const handle = await fs.open(file, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** syncFolder, blocking. */
export function syncFolderSync(dir: string, platform: NodeJS.Platform = process.platform): void {
  if (platform === "win32") return;
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes a file under a temporary name in the same folder, flushes it, then renames it into place, so that an
 * interrupted run never leaves a half-written file under the final name.
 */
export async function writeFileAtomic(target: string, data: Buffer | string): Promise<void> {
  const tmp = temporaryNameFor(target);
  await writeAndSync(tmp, data);
  try {
    await fs.rename(tmp, target);
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw error;
  }
}

/**
 * A name temporaryNameFor made: the final name, then the pid of the process that made it; or DuckDB's log beside
 * such a name (`….tmp.wal`: a backup folding a database's log into its copy).
 */
const TEMPORARY = /^\.(.+)\.([0-9]+)\.[0-9a-f]{8}\.tmp(?:\.wal)?$/;

/** The file a temporary name stands for (`.EP.xlsx.123.0a1b2c3d.tmp` → `EP.xlsx`, same folder); other paths as they are. */
export function finalNameOf(file: string): string {
  const m = TEMPORARY.exec(path.basename(file));
  return m ? path.join(path.dirname(file), m[1]!) : file;
}

/**
 * Removes temporary files that an interrupted run (its process gone) left in a folder. Files of a process still
 * running are left alone. Returns how many were removed.
 */
export async function removeStaleTemporaries(dir: string): Promise<number> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const m = TEMPORARY.exec(name);
    if (!m || isRunning(Number(m[2]))) continue;
    await fs.rm(path.join(dir, name), { force: true });
    removed++;
  }
  return removed;
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
