import { promises as fs, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeReportPack } from "../../pipeline/src/report/writeReportPack";
import { reportFixture } from "../helpers/reportFixture";
import { listFiles } from "./crashHarness";

// How the pack reaches its final names, seen from the file system calls: no file is ever opened under its final
// name; each is written under a temporary name in the same folder and renamed into place, after every file is
// complete. A kill can then leave a temporary file, never a half-written one under a final name (crashReport.test.ts
// kills real runs; a small file written in place is rarely caught half-way, so this checks the calls themselves).

const NOW = new Date("2026-07-20T15:00:00Z");

describe("writeReportPack's file system calls", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-staging-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("write every file under a temporary name and rename it into place once all are written", async () => {
    const calls: Array<{ op: "open" | "rename"; file: string; flags?: string; to?: string }> = [];
    const open = fs.open.bind(fs);
    const rename = fs.rename.bind(fs);
    const openSpy = jest.spyOn(fs, "open").mockImplementation((file, ...rest) => {
      calls.push({ op: "open", file: String(file), flags: String(rest[0] ?? "r") });
      return open(file, ...rest);
    });
    const renameSpy = jest.spyOn(fs, "rename").mockImplementation((from, to) => {
      calls.push({ op: "rename", file: String(from), to: String(to) });
      return rename(from, to);
    });
    let files;
    try {
      files = await writeReportPack(reportFixture(), dir, { now: NOW });
    } finally {
      openSpy.mockRestore();
      renameSpy.mockRestore();
    }
    const finals = [files.workbook, files.html, ...files.data];
    expect(finals).toHaveLength(29);
    expect(listFiles(dir).map((f) => path.join(dir, f)).sort()).toEqual([...finals].sort());
    // No final name is ever opened: pack files are written under temporary names only (twenty through this call;
    // DuckDB writes the nine Parquet files itself, and they are opened here only to be flushed).
    expect(calls.filter((c) => c.op === "open" && c.flags!.includes("w")).length).toBe(20);
    expect(calls.filter((c) => c.op === "open" && finals.includes(c.file))).toEqual([]);
    // Each final name is the target of exactly one rename, from a temporary name beside it.
    const renames = calls.filter((c) => c.op === "rename");
    expect(renames.map((c) => c.to).sort()).toEqual([...finals].sort());
    for (const r of renames) {
      expect({ to: r.to, from: path.dirname(r.file) === path.dirname(r.to!) && /^\.(.+)\.[0-9]+\.[0-9a-f]{8}\.tmp$/.test(path.basename(r.file)) }).toEqual({ to: r.to, from: true });
    }
    // The renames come last: after them nothing more is written.
    const firstRename = calls.findIndex((c) => c.op === "rename");
    expect(calls.slice(firstRename).every((c) => c.op === "rename")).toBe(true);
  });
});
