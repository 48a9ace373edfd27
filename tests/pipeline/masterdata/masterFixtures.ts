import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { main } from "../../../pipeline/src/cli/main";
import { openDatabase, queryRows } from "../../../pipeline/src/db/Database";
import { captureEffects } from "../../helpers/captureEffects";

/** Helpers for the master-data suites: files written as analysts would get them, and the command run in process. */

export const KEY = "master-data-test-key-0123456789abcdef";
export const ENV = { PA1325_KEY: KEY, PA1325_LANG: "en" };
export const NOW = new Date("2026-07-15T12:00:00Z");
export const ROOT = path.join(__dirname, "..", "..", "..");

export function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), "pa1325-master-"));
}

export function writeCsv(dir: string, name: string, lines: readonly string[], options: { bom?: boolean; eol?: string } = {}): string {
  const file = path.join(dir, name);
  writeFileSync(file, `${options.bom ? "\ufeff" : ""}${lines.join(options.eol ?? "\n")}\n`, "utf8");
  return file;
}

/** A one-sheet workbook (or several, the first hidden) written by ExcelJS, as another producer would. */
export async function writeXlsx(
  dir: string,
  name: string,
  rows: ReadonlyArray<ReadonlyArray<string | number | Date | null>>,
  options: { hiddenFirstSheet?: boolean; date1904?: boolean } = {},
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  if (options.date1904) wb.properties.date1904 = true;
  if (options.hiddenFirstSheet) {
    const hidden = wb.addWorksheet("Notas");
    hidden.state = "hidden";
    hidden.addRow(["not", "the", "data"]);
  }
  const ws = wb.addWorksheet("Datos");
  for (const r of rows) ws.addRow([...r]);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

export interface LoadJson {
  dataset: string;
  status: "loaded" | "rejected";
  loadId: number;
  rows: number;
  previous: { loadId: number; rows: number; fileName: string } | null;
  sameFileAsPrevious: boolean;
  counts: { errors: number; warnings: number };
  issues: Array<{ code: string; severity: string; row: number | null; column: string | null; message: string }>;
}

/** Runs `pa1325 load …` in process with a fixed clock and key; with --json unless `text` is set. */
export async function runLoad(args: readonly string[], options: { text?: boolean; env?: NodeJS.ProcessEnv } = {}) {
  const fx = captureEffects({ env: { ...ENV, ...options.env }, now: NOW });
  const code = await main(["load", ...args, ...(options.text ? [] : ["--json"])], fx.effects);
  const json = !options.text && fx.stdout.length > 0 ? (JSON.parse(fx.stdout.join("\n")) as LoadJson) : undefined;
  return { code, json, stdout: fx.stdout, stderr: fx.stderr };
}

/** Issues as "CODE row column" strings, easy to compare whole. */
export function issueList(json: LoadJson | undefined): string[] {
  return (json?.issues ?? []).map((i) => `${i.code} ${i.row ?? "-"} ${i.column ?? "-"}`);
}

export async function dbRows<T = Record<string, unknown>>(db: string, sql: string): Promise<T[]> {
  const d = await openDatabase(db, { readOnly: true });
  try {
    return await queryRows<T>(d, sql);
  } finally {
    d.close();
  }
}
