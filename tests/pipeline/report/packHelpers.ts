import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ReportData } from "../../../core/src/stats/ReportData";
import { writeReportPack, type ReportPackFiles } from "../../../pipeline/src/report/writeReportPack";
import { readZipEntries } from "../../../pipeline/src/report/xlsx/zipArchive";

export const NOW = new Date("2026-07-20T15:00:00Z");

export interface WrittenPack {
  dir: string;
  files: ReportPackFiles;
}

export async function writePackToTemp(data: ReportData, now: Date = NOW): Promise<WrittenPack> {
  const dir = mkdtempSync(path.join(tmpdir(), "pa1325-pack-"));
  return { dir, files: await writeReportPack(data, dir, { now }) };
}

/** Opens a workbook in LibreOffice headless and saves it again as .xlsx (a private profile per run avoids lock clashes). */
export function convertWithLibreOffice(file: string): string {
  const profile = mkdtempSync(path.join(tmpdir(), "pa1325-lo-"));
  const out = mkdtempSync(path.join(tmpdir(), "pa1325-lo-out-"));
  try {
    execFileSync("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--calc", "--convert-to", "xlsx", "--outdir", out, file], {
      stdio: "pipe",
      timeout: 120_000,
    });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  return path.join(out, path.basename(file));
}

/** The parts of a zip (our own output or LibreOffice's), by name. */
export function zipParts(file: string): Map<string, string> {
  return new Map(readZipEntries(readFileSync(file)).map((e) => [e.name, e.data.toString("utf8")]));
}

/** Rows of a sheet grid as arrays, with missing cells as null. */
export function gridRows(values: ReadonlyArray<ReadonlyArray<unknown>>): unknown[][] {
  return Array.from(values, (row) => Array.from(row ?? [], (v) => (v === undefined ? null : v)));
}
