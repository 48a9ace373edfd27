import path from "node:path";
import type { ReportData } from "../../../core/src/stats/ReportData";
import { writeParquetTables, type ParquetTarget } from "../db/writeParquetTables";
import { buildReportHtml } from "./html/buildReportHtml";
import { buildReportModel, type ReportModel } from "./model/buildReportModel";
import { buildPackFileNames, DATA_FORMATS } from "./packFileNames";
import { INTERNAL_MARK } from "./reportText";
import { makeFolder, removeEmptyFolders } from "../files/makeFolder";
import { removeStaleTemporaries } from "../files/writeFileAtomic";
import { StagedFiles } from "./StagedFiles";
import { buildArrowFile } from "./tables/buildArrowFile";
import { buildCsv } from "./tables/buildCsv";
import { buildPackTables } from "./tables/buildPackTables";
import type { TidyTable } from "./tables/TidyTable";
import { buildCommitteeWorkbook } from "./xlsx/buildCommitteeWorkbook";

export interface ReportPackFiles {
  workbook: string;
  html: string;
  /** data/<table>-<period>.{parquet,arrow,csv}, sorted. */
  data: string[];
}

/** The writers of the pack; tests swap one for a failing one to check that nothing half-done is left. */
export interface PackWriters {
  workbook(model: ReportModel, indicators: TidyTable, now: Date): Promise<Buffer>;
  html(model: ReportModel): string;
  parquet(dir: string, targets: readonly ParquetTarget[]): Promise<void>;
}

export const PACK_WRITERS: PackWriters = { workbook: buildCommitteeWorkbook, html: buildReportHtml, parquet: writeParquetTables };

export interface ReportPackOptions {
  /** Dates the workbook; the same data and `now` give the same bytes. */
  now?: Date;
  /**
   * Aborted to stop (Ctrl+C): checked between two files, and the pack is then left unwritten (its temporary files
   * removed, an earlier pack untouched; the error is the signal's reason). Once the files are being renamed into
   * place it is no longer checked: the renames take milliseconds, and cut half-way they would leave a mix of two
   * packs.
   */
  signal?: AbortSignal;
}

/**
 * Writes the Committee pack for one semester into outDir: the workbook, the web page and the tidy tables (Parquet,
 * Arrow, CSV) under data/. Every file is written under a temporary name first and renamed into place only when all
 * are complete.
 */
export async function writeReportPack(data: ReportData, outDir: string, options: ReportPackOptions = {}): Promise<ReportPackFiles> {
  return writeReportPackWith(data, outDir, options, PACK_WRITERS);
}

export async function writeReportPackWith(data: ReportData, outDir: string, options: ReportPackOptions, writers: PackWriters): Promise<ReportPackFiles> {
  const go = () => options.signal?.throwIfAborted();
  const now = options.now ?? new Date();
  const internal = !data.suppression.applied;
  const names = buildPackFileNames(path.resolve(outDir), data.period, internal);
  const model = buildReportModel(data);
  const tables = buildPackTables(data);
  const indicators = tables.find((t) => t.name === "indicators")!;
  const made = await makeFolder(names.dataDir);
  // Temporary files of an earlier run that was killed are of no use to anyone.
  for (const dir of [path.dirname(names.workbook), names.dataDir]) await removeStaleTemporaries(dir);
  const staged = new StagedFiles();
  try {
    go();
    await staged.write(names.workbook, await writers.workbook(model, indicators, now));
    go();
    await staged.write(names.html, writers.html(model));
    const parquet: ParquetTarget[] = [];
    for (const table of tables) {
      go();
      const metadata = fileMetadata(data, table.name);
      await staged.write(names.data(table.name, "csv"), buildCsv(table, internal ? { comment: INTERNAL_MARK } : {}));
      await staged.write(names.data(table.name, "arrow"), buildArrowFile(table, metadata));
      parquet.push({ table, metadata, file: staged.reserve(names.data(table.name, "parquet")) });
    }
    go();
    await writers.parquet(names.dataDir, parquet);
    go();
    await staged.commit();
  } catch (error) {
    await staged.discard();
    // A pack that could not be written leaves no empty folder of its own behind (an earlier pack's are kept).
    if (made !== undefined) await removeEmptyFolders(names.dataDir, made);
    throw error;
  }
  return {
    workbook: names.workbook,
    html: names.html,
    data: tables.flatMap((t) => DATA_FORMATS.map((f) => names.data(t.name, f))).sort(),
  };
}

/** Key-value metadata of each Parquet and Arrow file: what it is and, in the internal copy, the warning. */
function fileMetadata(data: ReportData, table: string): Map<string, string> {
  const m = new Map<string, string>([
    ["pa1325_table", table],
    ["pa1325_period", data.period],
    ["pa1325_catalog_version", data.catalogVersion],
    ["pa1325_generated_at", data.generatedAt],
    ["pa1325_suppression", data.suppression.applied ? `applied: counts of 1 to ${data.suppression.k - 1} people hidden` : "not applied"],
  ]);
  if (!data.suppression.applied) m.set("pa1325_internal", INTERNAL_MARK);
  return m;
}
