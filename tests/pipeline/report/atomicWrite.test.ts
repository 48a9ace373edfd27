import { existsSync, mkdtempSync, promises as fsPromises, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { removeStaleTemporaries } from "../../../pipeline/src/files/writeFileAtomic";
import { StagedFiles } from "../../../pipeline/src/report/StagedFiles";
import { PACK_WRITERS, writeReportPack, writeReportPackWith, type PackWriters } from "../../../pipeline/src/report/writeReportPack";
import { reportFixture } from "../../helpers/reportFixture";
import { NOW } from "./packHelpers";

function listAll(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe("writeReportPack writes all or nothing", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "pa1325-atomic-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("leaves no file, final or temporary, when the Parquet writer fails half-way", async () => {
    const writers: PackWriters = {
      ...PACK_WRITERS,
      async parquet(_dir, targets) {
        // Half a file under its temporary name, then the failure.
        writeFileSync(targets[0]!.file, "PAR1 half");
        throw new Error("disk full");
      },
    };
    await expect(writeReportPackWith(reportFixture(), dir, { now: NOW }, writers)).rejects.toThrow("disk full");
    expect(listAll(dir)).toEqual([]);
  });

  it("leaves no folder it made either, and keeps the folders that were there", async () => {
    const writers: PackWriters = { ...PACK_WRITERS, html: () => { throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" }); } };
    const out = path.join(dir, "packs", "2026-S1");
    await expect(writeReportPackWith(reportFixture(), out, { now: NOW }, writers)).rejects.toThrow("ENOSPC");
    expect(readdirSync(dir)).toEqual([]);
    mkdirSync(out, { recursive: true });
    await expect(writeReportPackWith(reportFixture(), out, { now: NOW }, writers)).rejects.toThrow("ENOSPC");
    expect(readdirSync(out)).toEqual([]);
  });

  it("leaves no file when the workbook cannot be built", async () => {
    const writers: PackWriters = { ...PACK_WRITERS, workbook: () => Promise.reject(new Error("ExcelJS failed")) };
    await expect(writeReportPackWith(reportFixture(), dir, { now: NOW }, writers)).rejects.toThrow("ExcelJS failed");
    expect(listAll(dir)).toEqual([]);
  });

  it("keeps the previous pack whole when a new run fails", async () => {
    const first = await writeReportPack(reportFixture(), dir, { now: NOW });
    const before = new Map(listAll(dir).map((f) => [f, readFileSync(path.join(dir, f))]));
    const changed = reportFixture();
    changed.indicators[0]!.value = 999;
    const writers: PackWriters = { ...PACK_WRITERS, parquet: () => Promise.reject(new Error("interrupted")) };
    await expect(writeReportPackWith(changed, dir, { now: NOW }, writers)).rejects.toThrow("interrupted");
    expect(listAll(dir)).toEqual([...before.keys()]);
    for (const [f, bytes] of before) expect({ f, same: readFileSync(path.join(dir, f)).equals(bytes) }).toEqual({ f, same: true });
    expect(path.dirname(first.workbook)).toBe(dir);
  });

  it("stops between two files when its signal is aborted, leaving the previous pack whole", async () => {
    await writeReportPack(reportFixture(), dir, { now: NOW });
    const before = new Map(listAll(dir).map((f) => [f, readFileSync(path.join(dir, f))]));
    const stop = new AbortController();
    let parquetCalls = 0;
    const writers: PackWriters = {
      ...PACK_WRITERS,
      async parquet(d, targets) {
        parquetCalls++;
        await PACK_WRITERS.parquet(d, targets);
        stop.abort(new Error("Ctrl+C")); // arrives while the last files are written: nothing is renamed into place
      },
    };
    const changed = reportFixture();
    changed.indicators[0]!.value = 999;
    await expect(writeReportPackWith(changed, dir, { now: NOW, signal: stop.signal }, writers)).rejects.toThrow("Ctrl+C");
    expect(parquetCalls).toBe(1);
    expect(listAll(dir)).toEqual([...before.keys()]);
    for (const [f, bytes] of before) expect({ f, same: readFileSync(path.join(dir, f)).equals(bytes) }).toEqual({ f, same: true });

    // Already aborted: not even the workbook is built.
    const workbook = jest.fn(PACK_WRITERS.workbook);
    await expect(writeReportPackWith(changed, dir, { now: NOW, signal: stop.signal }, { ...PACK_WRITERS, workbook })).rejects.toThrow("Ctrl+C");
    expect(workbook).not.toHaveBeenCalled();
    expect(listAll(dir)).toEqual([...before.keys()]);
  });

  it("refuses a period that is not a semester before writing anything", async () => {
    const bad = { ...reportFixture(), period: "../../etc/2026-S1" };
    await expect(writeReportPack(bad, dir, { now: NOW })).rejects.toThrow('not a semester: "../../etc/2026-S1"');
    expect(listAll(dir)).toEqual([]);
  });

  it("creates the output folder and leaves only final names after success", async () => {
    const out = path.join(dir, "new", "pack");
    mkdirSync(path.dirname(out));
    await writeReportPack(reportFixture(), out, { now: NOW });
    const files = listAll(out);
    expect(files).toHaveLength(29);
    expect(files.filter((f) => f.endsWith(".tmp") || path.basename(f).startsWith("."))).toEqual([]);
  });
});

describe("temporary files left by a killed report", () => {
  it("are removed by the next pack written to the same folder, unless their process still runs", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "pa1325-stale-"));
    writeFileSync(path.join(dir, `.committee-2026-S1.xlsx.999999.0a1b2c3d.tmp`), "half");
    writeFileSync(path.join(dir, `.report-2026-S1.html.${process.pid}.0a1b2c3d.tmp`), "mine, still running");
    writeFileSync(path.join(dir, "notes.tmp"), "not ours");
    expect(await removeStaleTemporaries(dir)).toBe(1);
    expect(readdirSync(dir).sort()).toEqual([`.report-2026-S1.html.${process.pid}.0a1b2c3d.tmp`, "notes.tmp"]);
  });
});

describe("a pack file another program has open (Windows, where it cannot be replaced)", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "pa1325-staged-"));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The last pack's files, and the new ones staged over them; `data.csv` is open in Excel (its open for writing refused). */
  async function stageOverOpenFile(platform: NodeJS.Platform): Promise<{ staged: StagedFiles; open: jest.SpyInstance }> {
    writeFileSync(path.join(dir, "committee.xlsx"), "old workbook");
    writeFileSync(path.join(dir, "data.csv"), "old csv");
    const staged = new StagedFiles(platform);
    await staged.write(path.join(dir, "committee.xlsx"), "new workbook");
    await staged.write(path.join(dir, "data.csv"), "new csv");
    const realOpen = fsPromises.open;
    const open = jest.spyOn(fsPromises, "open").mockImplementation(async (...args: Parameters<typeof realOpen>) => {
      if (args[0] === path.join(dir, "data.csv") && args[1] === "r+") {
        throw Object.assign(new Error("EBUSY: resource busy or locked, open"), { code: "EBUSY", path: args[0] });
      }
      return realOpen(...args);
    });
    return { staged, open };
  }

  it("is found before anything is renamed: the error names it, and the last pack stays whole", async () => {
    const { staged } = await stageOverOpenFile("win32");
    await expect(staged.commit()).rejects.toMatchObject({ code: "EBUSY", path: path.join(dir, "data.csv") });
    expect(readFileSync(path.join(dir, "committee.xlsx"), "utf8")).toBe("old workbook");
    expect(readFileSync(path.join(dir, "data.csv"), "utf8")).toBe("old csv");
    await staged.discard();
    expect(readdirSync(dir).sort()).toEqual(["committee.xlsx", "data.csv"]);
  });

  it("is not looked for where an open file can be replaced (Linux, macOS)", async () => {
    const { staged, open } = await stageOverOpenFile("linux");
    await staged.commit();
    expect(open).not.toHaveBeenCalled();
    expect(readFileSync(path.join(dir, "committee.xlsx"), "utf8")).toBe("new workbook");
    expect(readFileSync(path.join(dir, "data.csv"), "utf8")).toBe("new csv");
  });
});
