import { existsSync, mkdirSync, promises as fs, rmdirSync } from "node:fs";
import path from "node:path";

/**
 * Makes a folder and the folders above it that are missing, like `mkdir -p`; returns the first folder it made
 * (undefined when `dir` was already there). Node's recursive mkdir (20.x) reports ENOENT when a missing parent
 * cannot be made — on a read-only disk, or without permission — which reads as "the folder does not exist" to the
 * analyst; the real reason (EROFS, EACCES, ENOSPC…) is found by making the first missing folder on its own.
 */
export async function makeFolder(dir: string, mode?: number): Promise<string | undefined> {
  try {
    return await fs.mkdir(dir, { recursive: true, ...(mode === undefined ? {} : { mode }) });
  } catch (error) {
    throw realMkdirError(dir, error);
  }
}

/** makeFolder, blocking. */
export function makeFolderSync(dir: string, mode?: number): string | undefined {
  try {
    return mkdirSync(dir, { recursive: true, ...(mode === undefined ? {} : { mode }) });
  } catch (error) {
    throw realMkdirError(dir, error);
  }
}

function realMkdirError(dir: string, error: unknown): unknown {
  if ((error as NodeJS.ErrnoException).code !== "ENOENT") return error;
  let missing = path.resolve(dir);
  for (let parent = path.dirname(missing); parent !== missing && !existsSync(parent); parent = path.dirname(missing)) missing = parent;
  try {
    mkdirSync(missing);
  } catch (real) {
    return real;
  }
  // Made now after all (something changed meanwhile): undone, and the first error stands.
  rmdirSync(missing);
  return error;
}

/** Removes the empty folders from `dir` up to `top` (makeFolder's result), as a failed write leaves them. */
export async function removeEmptyFolders(dir: string, top: string): Promise<void> {
  const stop = path.dirname(path.resolve(top));
  for (let d = path.resolve(dir); d !== stop && d.startsWith(path.resolve(top)); d = path.dirname(d)) {
    try {
      await fs.rmdir(d);
    } catch {
      return; // not empty (or gone): what is above it stays too
    }
  }
}
