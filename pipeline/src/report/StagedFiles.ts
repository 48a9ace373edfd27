import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";

/**
 * Files written under temporary names beside their targets, renamed into place only when every one of them is
 * complete (the pack's version of pipeline/src/files/writeFileAtomic, for many files at once). An error or an
 * interruption before `commit` leaves no file under a final name; `discard` removes the temporary ones.
 */
export class StagedFiles {
  private readonly staged: Array<{ temp: string; target: string }> = [];

  /** A temporary name in the target's folder (same file system, so the rename is atomic), registered for commit. */
  reserve(target: string): string {
    const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
    this.staged.push({ temp, target });
    return temp;
  }

  async write(target: string, data: Buffer | Uint8Array | string): Promise<void> {
    const temp = this.reserve(target);
    const handle = await fs.open(temp, "wx", 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  async commit(): Promise<void> {
    for (const s of this.staged) await fs.rename(s.temp, s.target);
    this.staged.length = 0;
  }

  async discard(): Promise<void> {
    await Promise.all(this.staged.map((s) => fs.rm(s.temp, { force: true })));
    this.staged.length = 0;
  }
}
