import fs, { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { makeFolder, makeFolderSync, removeEmptyFolders } from "../../../pipeline/src/files/makeFolder";

// `mkdir -p` that tells the analyst why a folder could not be made. Node 20's recursive mkdir says ENOENT ("does
// not exist") when a missing parent cannot be made on a read-only disk (seen on a read-only tmpfs, for --out and
// for the key's folder under a read-only HOME): makeFolder makes the first missing folder alone to get the reason.
describe("makeFolder", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-make-folder-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(() => jest.restoreAllMocks());

  it("makes the missing folders and says which was the first, nothing when all were there", async () => {
    const target = path.join(dir, "a", "b", "c");
    expect(await makeFolder(target)).toBe(path.join(dir, "a"));
    expect(existsSync(target)).toBe(true);
    expect(await makeFolder(target)).toBeUndefined();
    expect(makeFolderSync(path.join(dir, "s", "t"))).toBe(path.join(dir, "s"));
  });

  it("reports why the first missing folder cannot be made, where Node's recursive mkdir says ENOENT", async () => {
    const target = path.join(dir, "ro", "pack", "data");
    mkdirSync(path.join(dir, "ro"));
    const enoent = () => Object.assign(new Error(`ENOENT: no such file or directory, mkdir '${target}'`), { code: "ENOENT", path: target });
    const erofs = (p: string) => Object.assign(new Error(`EROFS: read-only file system, mkdir '${p}'`), { code: "EROFS", path: p });
    jest.spyOn(fs.promises, "mkdir").mockRejectedValue(enoent());
    const made: string[] = [];
    jest.spyOn(fs, "mkdirSync").mockImplementation(((p: string, options?: { recursive?: boolean }) => {
      if (options?.recursive) throw enoent();
      made.push(p);
      throw erofs(p);
    }) as typeof fs.mkdirSync);
    await expect(makeFolder(target)).rejects.toMatchObject({ code: "EROFS", path: path.join(dir, "ro", "pack") });
    expect(() => makeFolderSync(target)).toThrow(expect.objectContaining({ code: "EROFS", path: path.join(dir, "ro", "pack") }));
    // Only the first missing folder was tried, alone.
    expect(made).toEqual([path.join(dir, "ro", "pack"), path.join(dir, "ro", "pack")]);
  });

  it("keeps Node's error when it already says why (a file where a folder should be)", async () => {
    const file = path.join(dir, "notes.txt");
    writeFileSync(file, "x");
    await expect(makeFolder(path.join(file, "pack"))).rejects.toMatchObject({ code: "ENOTDIR" });
  });

  it("removes the empty folders a failed write leaves, up to the first it made, and stops at one that is not empty", async () => {
    const top = path.join(dir, "r");
    mkdirSync(path.join(top, "pack", "data"), { recursive: true });
    writeFileSync(path.join(top, "keep.txt"), "x");
    await removeEmptyFolders(path.join(top, "pack", "data"), path.join(top, "pack"));
    expect(existsSync(path.join(top, "pack"))).toBe(false);
    await removeEmptyFolders(path.join(top), top);
    expect(existsSync(path.join(top, "keep.txt"))).toBe(true);
  });
});
