import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
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
    throw error;
  }
  await handle.close();
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
