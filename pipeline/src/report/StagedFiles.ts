import { promises as fs } from "node:fs";
import { temporaryNameFor, writeAndSync } from "../files/writeFileAtomic";

/**
 * Files written under temporary names beside their targets, renamed into place only when every one of them is
 * complete (the pack's version of pipeline/src/files/writeFileAtomic, for many files at once). An error or an
 * interruption before `commit` leaves no file under a final name; `discard` removes the temporary ones.
 */
export class StagedFiles {
  private readonly staged: Array<{ temp: string; target: string }> = [];

  /** `platform`: the system whose rules the renames follow (a parameter for the tests). */
  constructor(private readonly platform: NodeJS.Platform = process.platform) {}

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
    if (this.platform === "win32") await this.checkReplaceable();
    for (const s of this.staged) await fs.rename(s.temp, s.target);
    this.staged.length = 0;
  }

  /**
   * On Windows a file another program has open (the last pack's workbook or a CSV open in Excel) cannot be replaced,
   * and finding that out at its own rename would leave the files renamed before it new and the rest old. So every
   * file already there is first opened for writing, which such a program's lock refuses as the rename would: the
   * first refusal is thrown before anything is renamed, naming that file.
   */
  private async checkReplaceable(): Promise<void> {
    for (const s of this.staged) {
      let handle: fs.FileHandle;
      try {
        handle = await fs.open(s.target, "r+");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
        throw error;
      }
      await handle.close();
    }
  }

  async discard(): Promise<void> {
    await Promise.all(this.staged.map((s) => fs.rm(s.temp, { force: true })));
    this.staged.length = 0;
  }
}
