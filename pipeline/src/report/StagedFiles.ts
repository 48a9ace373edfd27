import { promises as fs } from "node:fs";
import { temporaryNameFor, writeAndSync } from "../files/writeFileAtomic";

/**
 * Files written under temporary names beside their targets, renamed into place only when every one of them is
 * complete (the pack's version of pipeline/src/files/writeFileAtomic, for many files at once). An error or an
 * interruption before `commit` leaves no file under a final name; `discard` removes the temporary ones.
 */
export class StagedFiles {
  private readonly staged: Array<{ temp: string; target: string }> = [];

  /** A temporary name in the target's folder (same file system, so the rename is atomic), registered for commit. */
  reserve(target: string): string {
    const temp = temporaryNameFor(target);
    this.staged.push({ temp, target });
    return temp;
  }

  async write(target: string, data: Buffer | Uint8Array | string): Promise<void> {
    await writeAndSync(this.reserve(target), data);
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
