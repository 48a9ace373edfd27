import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { currentCatalog } from "../../../core/src/catalog/builtInCatalogs";
import type { Catalog } from "../../../core/src/catalog/Catalog";
import type { LocalizedText } from "../../../core/src/i18n/Language";
import { EXIT, PipelineError } from "../cli/PipelineError";
import { databaseInPlace, inTransaction, openDatabase, type Database } from "../db/Database";
import type { CountedRows } from "../db/appendRows";
import { databaseGonePipelineError, databaseIoPipelineError, inDatabaseWords } from "../db/databaseIoError";
import { readFirstLoadTime, recordRejectedLoad, readCurrentLoad, replaceMasterData, type MasterRows } from "../db/masterDataStore";
import { readEarlierDatabase, requireEarlierDatabase } from "../db/readEarlierDatabase";
import { migrate } from "../db/migrate";
import { nameNotUtf8 } from "../files/unreadableReason";
import { checkKeyFingerprint } from "../privacy/checkKeyFingerprint";
import { loadPseudonymKey, pseudonymise, type PseudonymKey } from "../privacy/pseudonymKey";
import type { ParseEnv } from "./DatasetSpec";
import { deploymentsSpec } from "./deploymentsSpec";
import { hasServiceNumbers, type MasterDataset } from "./MasterDataset";
import { masterFileFormat } from "./masterFileFormat";
import { countErrors, masterIssue, type MasterIssue } from "./MasterIssue";
import type { MasterLoadResult } from "./MasterLoadResult";
import { personnelSpec } from "./personnelSpec";
import type { RawTable, TableRead } from "./RawTable";
import { readCsvTable } from "./readCsvTable";
import { readXlsxTable, type MasterWorkbookReader } from "./readXlsxTable";
import { trainingSpec } from "./trainingSpec";
import { unGenderSpec } from "./unGenderSpec";
import { unTargetsSpec } from "./unTargetsSpec";
import { validateTable } from "./validateTable";

export interface LoadOptions {
  dataset: MasterDataset;
  file: string;
  dbFile: string;
  /**
   * An earlier database (`--arrival-times-from`): a file it loaded is dated when it first loaded it, not now, so a
   * database remade from the archived files says the same "data as of".
   */
  arrivalTimesFrom?: string;
}

export interface LoadEffects {
  now: () => Date;
  env: NodeJS.ProcessEnv;
  warn: (text: LocalizedText) => void;
  /** Rows checked so far (the CLI draws a bar on a terminal). */
  progress?: (done: number, total: number) => void;
  /** The untrusted-workbook reader for .xlsx files (a worker with a heap cap and a time limit). */
  createReader: () => MasterWorkbookReader & { close(): Promise<void> };
  catalog?: Catalog;
  /**
   * Aborted to stop (the analyst pressed Ctrl+C): the load ends before its transaction with the signal's reason,
   * nothing stored. Once the transaction has begun it runs to its end (a few seconds at most), so what is stored is
   * always a whole load or none.
   */
  signal?: AbortSignal;
}

/** A file larger than this is refused without being read (100,000 personnel rows take about 6 MB). */
export const MAX_MASTER_FILE_BYTES = 256 * 1_048_576;

/**
 * Loads one master-data file. Every row is checked; any error refuses the whole file, and the refusal is
 * recorded with its issues while the current snapshot stays. Otherwise the dataset's rows are replaced in one
 * transaction together with the load's history row. Service numbers are pseudonymised with the same key and
 * keyed hash as template rosters before anything reaches the database.
 */
export async function loadMasterData(options: LoadOptions, effects: LoadEffects): Promise<MasterLoadResult> {
  // Before the file is read and checked (200,000 rows take seconds), not after.
  if (options.arrivalTimesFrom !== undefined) requireEarlierDatabase(options.arrivalTimesFrom);
  const format = masterFileFormat(options.file);
  const size = await fileSize(options.file);
  const key = hasServiceNumbers(options.dataset) ? loadPseudonymKey(effects.env, effects.warn) : null;
  const db = await openDatabase(options.dbFile);
  try {
    await migrate(db);
    if (key) await checkKeyFingerprint(db, key);
    const { sha256, built, issues } = await readAndCheck(options, format, size, effects);
    const previous = (await readCurrentLoad(db, options.dataset)) ?? null;
    const refused = !built || countErrors(issues) > 0;
    const earlier = options.arrivalTimesFrom;
    const firstLoaded = earlier === undefined ? undefined : await readEarlierDatabase(earlier, (e) => readFirstLoadTime(e, options.dataset, sha256, refused ? "rejected" : "loaded"));
    const loadedAt = firstLoaded ?? effects.now();
    const record = { dataset: options.dataset, fileName: path.basename(options.file), sha256, loadedAt };
    const arrival = earlier === undefined ? {} : { arrival: { from: earlier, known: firstLoaded !== undefined } };
    const base = { dataset: options.dataset, file: options.file, sha256, database: options.dbFile, loadedAt, ...arrival, previous, issues };
    // A stop asked while the file was read or checked (checking ends early, validateTable) or since: the load ends
    // here, before anything is stored.
    effects.signal?.throwIfAborted();
    if (refused) {
      const loadId = await storing(db, () => inTransaction(db, () => recordRejectedLoad(db, record, issues)));
      return { ...base, status: "rejected", loadId, rows: 0, sameFileAsPrevious: false };
    }
    const data = built.rows(key);
    const loadId = await storing(db, () => inTransaction(db, () => replaceMasterData(db, record, data, issues)));
    return { ...base, status: "loaded", loadId, rows: data.rows.length, sameFileAsPrevious: previous?.sha256 === sha256 };
  } catch (error) {
    throw inDatabaseWords(error, options.dbFile);
  } finally {
    db.close();
  }
}

/**
 * Reads the file and checks every row. Only the checked rows leave this function: the file's bytes and its table
 * of raw cells (200,000 personnel rows: ~80 MB of strings) can be collected before anything is stored.
 */
async function readAndCheck(
  options: LoadOptions,
  format: ReturnType<typeof masterFileFormat>,
  size: number,
  effects: LoadEffects,
): Promise<{ sha256: string; built: Built | undefined; issues: MasterIssue[] }> {
  const bytes = size > MAX_MASTER_FILE_BYTES ? null : await fs.readFile(options.file);
  const sha256 = bytes ? createHash("sha256").update(bytes).digest("hex") : `size-refused:${size}`;
  const read = bytes === null ? tooLarge(size) : format === "csv" ? readCsvTable(bytes) : await readWorkbookTable(options.file, effects);
  const catalog = effects.catalog ?? currentCatalog();
  const env = { catalog, today: effects.now().toISOString().slice(0, 10) };
  const built = read.ok ? await BUILD[options.dataset](read.table, env, effects.progress, effects.signal) : undefined;
  return { sha256, built, issues: [...read.issues, ...(built?.issues ?? [])] };
}

interface Built {
  issues: MasterIssue[];
  /**
   * The rows to store, service numbers replaced by person_id (only for a file without errors). Made one at a time
   * as they are stored, so that no second copy of the table is ever held.
   */
  rows(key: PseudonymKey | null): MasterRows;
}

type Build = (table: RawTable, env: Omit<ParseEnv, "date1904">, progress?: (done: number, total: number) => void, signal?: AbortSignal) => Promise<Built>;

/** Each dataset's format, and how its rows become stored rows. */
const BUILD: Record<MasterDataset, Build> = {
  personnel: async (table, env, progress, signal) => {
    const v = await validateTable(personnelSpec, table, env, progress, signal);
    return { issues: v.issues, rows: (key) => ({ dataset: "personnel", rows: withPersonIds(v.rows, key) }) };
  },
  training: async (table, env, progress, signal) => {
    const v = await validateTable(trainingSpec, table, env, progress, signal);
    return { issues: v.issues, rows: (key) => ({ dataset: "training", rows: withPersonIds(v.rows, key) }) };
  },
  deployments: async (table, env, progress, signal) => {
    const v = await validateTable(deploymentsSpec, table, env, progress, signal);
    return { issues: v.issues, rows: (key) => ({ dataset: "deployments", rows: withPersonIds(v.rows, key) }) };
  },
  "un-gender": async (table, env, progress, signal) => {
    const v = await validateTable(unGenderSpec, table, env, progress, signal);
    return { issues: v.issues, rows: () => ({ dataset: "un-gender", rows: v.rows }) };
  },
  "un-targets": async (table, env, progress, signal) => {
    const v = await validateTable(unTargetsSpec, table, env, progress, signal);
    return { issues: v.issues, rows: () => ({ dataset: "un-targets", rows: v.rows }) };
  },
};

/**
 * Each row with its service number replaced by its pseudonym, exactly as ingestion does for template rosters: made
 * as the rows are walked (a copy of 200,000 rows with their 64-character pseudonyms took ~95 MB).
 */
function withPersonIds<R extends { serviceNumber: string }>(rows: readonly R[], key: PseudonymKey | null): CountedRows<Omit<R, "serviceNumber"> & { personId: string }> {
  if (!key) throw new Error("a dataset with service numbers needs the pseudonymisation key");
  return {
    length: rows.length,
    *[Symbol.iterator]() {
      for (const { serviceNumber, ...rest } of rows) yield { ...rest, personId: pseudonymise(key, serviceNumber) };
    },
  };
}

/**
 * The load's one transaction; the database's disk failing (full, read-only…) is said in words, with what was kept.
 * A database whose folder went away while the file was read and checked is not written (see databaseInPlace).
 */
async function storing<T>(db: Database, write: () => Promise<T>): Promise<T> {
  const kept = {
    es: "No se guardó nada de este archivo: los datos cargados antes siguen vigentes.",
    en: "Nothing of this file was stored: the data loaded before stay current.",
  };
  if (!databaseInPlace(db)) throw databaseGonePipelineError(db.name, kept);
  try {
    return await write();
  } catch (error) {
    throw databaseIoPipelineError(error, kept) ?? error;
  }
}

async function readWorkbookTable(file: string, effects: LoadEffects): Promise<TableRead> {
  const reader = effects.createReader();
  try {
    return await readXlsxTable(file, reader);
  } finally {
    await reader.close();
  }
}

async function fileSize(file: string): Promise<number> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch {
    stat = undefined;
  }
  if (!stat || !stat.isFile()) {
    // A name given with bytes that are not UTF-8 (tab completion of a file copied from a Windows .zip): no file has
    // the name Node gives it. Said in the same words as the ingest's.
    const notUtf8 = nameNotUtf8(file);
    throw new PipelineError(
      "FILE_NOT_FOUND",
      notUtf8
        ? { es: `el archivo ${file}: ${notUtf8.es}.`, en: `the file ${file}: ${notUtf8.en}.` }
        : { es: `no se encontró el archivo ${file}. Revise la ruta.`, en: `the file ${file} was not found. Check the path.` },
      EXIT.fatal,
    );
  }
  return stat.size;
}

function tooLarge(size: number): TableRead {
  const mb = (n: number) => `${(n / 1_048_576).toFixed(0)} MB`;
  return {
    ok: false,
    issues: [
      masterIssue("FILE_TOO_LARGE", null, null, {
        es: `El archivo pesa ${mb(size)} y el máximo es ${mb(MAX_MASTER_FILE_BYTES)}. Revise que sea la exportación correcta.`,
        en: `The file is ${mb(size)} and the limit is ${mb(MAX_MASTER_FILE_BYTES)}. Check that this is the right export.`,
      }),
    ],
  };
}
