import { existsSync, promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { builtInCatalogs } from "../../../core/src/catalog/builtInCatalogs";
import type { Catalog } from "../../../core/src/catalog/Catalog";
import type { LocalizedText } from "../../../core/src/i18n/Language";
import { describeSystemCode } from "../cli/fileSystemError";
import { EXIT, PipelineError } from "../cli/PipelineError";
import { type Database, openDatabase } from "../db/Database";
import { duckDbSystemError, inDatabaseWords } from "../db/databaseIoError";
import { migrate } from "../db/migrate";
import { forEachRefusedSha, forEachStoredSubmission, readNextSubmissionId } from "../db/submissionStore";
import { checkKeyFingerprint } from "../privacy/checkKeyFingerprint";
import { loadPseudonymKey, rememberingPseudonyms, type PseudonymKey } from "../privacy/pseudonymKey";
import { failed, memoiseLayouts, ok, startCheck, unwrap, type CheckDependencies, type CheckedFile, type Settled } from "./checkFile";
import { CHECK_AHEAD } from "./checkAhead";
import { arrivalOrder } from "./arrivalOrder";
import { collectFiles } from "./collectFiles";
import { DEFAULT_BATCH_LIMITS, GroupCommit, type BatchLimits } from "./GroupCommit";
import type { FileResult, IngestCounts, IngestSummary } from "./IngestResult";
import { StoredIndex } from "./StoredIndex";
import type { WorkbookReader } from "./WorkbookSource";

export interface IngestOptions {
  dbFile: string;
  dryRun: boolean;
  /** Largest file read at all (the reader enforces its own caps too). */
  maxFileBytes: number;
  /**
   * Keep every file's result for the returned summary (the default). The CLI streams results through
   * `effects.onFile` instead, so memory stays flat however many files a folder holds.
   */
  keepResults?: boolean;
  /** When a transaction of several files is committed (default DEFAULT_BATCH_LIMITS, files also from PA1325_INGEST_BATCH_FILES). */
  batch?: Partial<BatchLimits>;
  /**
   * An earlier database of the same archive (arrivalOrder.ts): files it knew are taken in the order it first
   * received them and dated then, instead of by this run's clock.
   */
  arrivalTimesFrom?: string;
}

export interface IngestEffects {
  now: () => Date;
  env: NodeJS.ProcessEnv;
  warn: (text: LocalizedText) => void;
  progress?: (done: number, total: number, file: string) => void;
  /** Reports each file once it is decided and, if it stores anything, committed (the CLI prints one line per file). */
  onFile?: (result: FileResult) => void;
  createReader: () => WorkbookReader;
  catalogs?: readonly Catalog[];
  /**
   * Aborted to stop early (the analyst pressed Ctrl+C): no further file is decided; those decided so far are
   * committed and acknowledged as usual, and the summary says `interrupted`.
   */
  signal?: AbortSignal;
}

/**
 * Ingests files and folders into the database. Each file is stored whole in one transaction — all of its values or
 * none — which it may share with other whole files (group commit, GroupCommit.ts); a file with any error is
 * refused with every issue listed; a resubmission becomes a new version that
 * supersedes the old one; the same bytes again change nothing. A dry run does all of it on a private copy of the
 * database and deletes the copy, so the real file stays byte for byte unchanged.
 */
export async function ingest(paths: readonly string[], options: IngestOptions, effects: IngestEffects): Promise<IngestSummary> {
  const collected = await collectFiles(paths);
  const { skipped, unreadable, linkedFolders } = collected;
  // No workbook found (a wrong or empty folder): nothing to store, so no database or key file is made for it.
  if (collected.files.length === 0) {
    const counts = { files: 0, accepted: 0, replaced: 0, unchanged: 0, rejected: 0 };
    return { dryRun: options.dryRun, database: options.dbFile, counts, files: [], skipped, unreadable, linkedFolders, found: 0, interrupted: false };
  }
  const order = options.arrivalTimesFrom === undefined ? undefined : await arrivalOrder(collected.files, options.arrivalTimesFrom, options.maxFileBytes);
  const files = order?.files ?? collected.files;
  const receivedAt = (sha256: string | null): Date => {
    const at = sha256 === null ? undefined : order?.receivedAt.get(sha256);
    return at === undefined ? effects.now() : new Date(at);
  };
  const arrivals = order && { from: options.arrivalTimesFrom!, known: order.known };
  const key = loadPseudonymKey(effects.env, effects.warn, { create: !options.dryRun });
  // The reader's workers start while the database opens.
  const reader = effects.createReader();
  try {
    const work = options.dryRun ? await prepareDryRunCopy(options.dbFile) : { file: options.dbFile, cleanup: async () => {} };
    try {
      const db = await openDatabase(work.file, { name: options.dbFile, memoryLimit: INGEST_MEMORY_LIMIT, disabledCompression: INGEST_DISABLED_COMPRESSION });
      try {
        await migrate(db);
        await checkKeyFingerprint(db, key);
        const { results, counts } = await ingestFiles(db, files, key, reader, options, effects, receivedAt);
        const interrupted = counts.files < files.length;
        return { dryRun: options.dryRun, database: options.dbFile, counts, files: results, skipped, unreadable, linkedFolders, found: files.length, interrupted, ...(arrivals && { arrivals }) };
      } catch (error) {
        throw (options.dryRun ? dryRunCopyError(error, options.dbFile) : undefined) ?? inDatabaseWords(error, options.dbFile);
      } finally {
        db.close();
      }
    } finally {
      await work.cleanup();
    }
  } finally {
    await reader.close();
  }
}

async function ingestFiles(
  db: Database,
  files: readonly string[],
  key: PseudonymKey,
  reader: WorkbookReader,
  options: IngestOptions,
  effects: IngestEffects,
  receivedAt: (sha256: string | null) => Date,
): Promise<{ results: FileResult[]; counts: IngestCounts }> {
  const index = new StoredIndex(await readNextSubmissionId(db));
  await forEachStoredSubmission(db, (row) => index.addStored(row));
  await forEachRefusedSha(db, (sha256) => index.addRefused(sha256));
  const results: FileResult[] = [];
  const limits: BatchLimits = { ...DEFAULT_BATCH_LIMITS, ...batchFilesFromEnv(effects.env, effects.warn), ...options.batch };
  const group = new GroupCommit(db, index, limits, effects.now, receivedAt, (result) => {
    if (options.keepResults !== false) results.push(result);
    effects.onFile?.(result);
  });
  const deps: CheckDependencies = {
    pseudonymise: rememberingPseudonyms(key),
    catalogs: effects.catalogs ?? builtInCatalogs(),
    layouts: memoiseLayouts(),
    maxFileBytes: options.maxFileBytes,
    receivedAt,
    reader,
    isStored: (sha256) => index.has(sha256),
  };
  const ahead: Array<{ checked: Promise<Settled<CheckedFile>>; bytes: number }> = [];
  let aheadBytes = 0;
  let launched = 0;
  // Files are read and checked ahead of their turn, as many as fit in CHECK_AHEAD (at least one).
  const fill = () => {
    while (launched < files.length && ahead.length < CHECK_AHEAD.files && (ahead.length === 0 || aheadBytes < CHECK_AHEAD.bytes)) {
      const { bytes, checked } = startCheck(files[launched++]!, deps);
      ahead.push({ checked: checked.then(ok, failed), bytes });
      aheadBytes += bytes;
    }
  };
  try {
    for (const [i, file] of files.entries()) {
      // Between two files: a file is decided whole or not at all, and what was decided is still committed below.
      if (effects.signal?.aborted) break;
      // Files already stored are decided without waiting for anything, in promise callbacks alone: without a turn
      // of the event loop now and then, what is reported (lines, progress) would wait for the end of such a
      // stretch and come all at once. A turn costs microseconds.
      if (i > 0 && i % YIELD_EVERY_FILES === 0) await new Promise((resolve) => setImmediate(resolve));
      effects.progress?.(i, files.length, file);
      fill();
      const next = ahead.shift()!;
      aheadBytes -= next.bytes;
      // A batch due by time is committed while the next file is still being read, not after.
      if ((await settledWithin(next.checked, group.dueIn())) === undefined) await group.flush();
      await group.add(unwrap(await next.checked));
    }
    await group.finish();
    if (group.counts.files === files.length) effects.progress?.(files.length, files.length, "");
  } finally {
    // Its workers stop before the database's closing checkpoint (closing again later does nothing).
    await reader.close();
  }
  return { results, counts: group.counts };
}

/**
 * DuckDB's memory for an ingestion. Without a limit its buffer manager keeps every block a run writes or reads
 * (its share grew from 27 to 67 MB over 9,000 files); 64 MB is above what a batch needs (at most ~50 MB of data
 * not yet checkpointed): side by side, with the allocator's setting of pipeline/src/db/duckdb.ts, 9,000 files
 * 335 → 273 MB, the same time at 1,000 files and ~4% more at 3,000 (bench/README.md). Lower limits spill to disk
 * and cost time (32 MB: 264 MB, 18% slower). Beyond it DuckDB spills to a temporary folder beside the database,
 * removed on closing.
 */
export const INGEST_MEMORY_LIMIT = "64MB";

/**
 * Compression DuckDB may not use for what an ingestion writes. FSST (string compression): to choose it, each
 * checkpoint of a text column allocates ~1.5 MB blocks through the C++ allocator, i.e. glibc's malloc rather than
 * DuckDB's own (seen with an allocation tracer: 50 of them over 1,000 files, none other that size), and glibc's
 * memory on the ingest side was what still grew over a long run. Side by side (bench/README.md, "FSST off"):
 * 18,000 files 313–318 → 297–301 MB, 9,000 files 278–279 → 265–268 MB, no slower; the database ~12% larger
 * (text columns fall back to dictionary or no compression). The values are the same.
 */
export const INGEST_DISABLED_COMPRESSION = ["fsst"] as const;

/** The most files the ingest decides without a turn of the event loop (see ingestFiles). */
const YIELD_EVERY_FILES = 64;

/** The value of `promise` if it settles within `ms`, else undefined (without waiting when it already has). */
async function settledWithin<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  if (ms === Infinity) return promise;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** PA1325_INGEST_BATCH_FILES: files per transaction. A value that is not a whole number ≥ 1 is said, then ignored. */
function batchFilesFromEnv(env: NodeJS.ProcessEnv, warn: (text: LocalizedText) => void): Partial<BatchLimits> {
  const raw = env.PA1325_INGEST_BATCH_FILES;
  if (raw === undefined || raw.trim() === "") return {};
  const files = Number(raw);
  if (Number.isInteger(files) && files >= 1) return { files };
  const fallback = DEFAULT_BATCH_LIMITS.files;
  warn({
    es: `PA1325_INGEST_BATCH_FILES=«${raw}» no es un número entero mayor o igual que 1; se usan hasta ${fallback} archivos por transacción.`,
    en: `PA1325_INGEST_BATCH_FILES="${raw}" is not a whole number of 1 or more; up to ${fallback} files per transaction are used.`,
  });
  return {};
}

/**
 * A dry run works on a private copy: the original is first opened read-only (so a running writer is noticed,
 * and nothing is written to it), copied with its WAL, and the copy is deleted afterwards.
 */
/** Where a dry run's private copies are made: a new folder each, in the system's temporary folder. */
const dryRunPrefix = () => path.join(os.tmpdir(), "pa1325-dry-run-");

/**
 * A dry run works on a private copy in the temporary folder: when that disk is full or not writable, the message
 * says so and where (TMPDIR chooses another), not that the database's disk is, and that the database is untouched.
 */
function dryRunCopyError(error: unknown, dbFile: string): PipelineError | undefined {
  const prefix = dryRunPrefix();
  // DuckDB's failure on the copy (its words), or Node's in making or filling it (its code and paths).
  const duck = duckDbSystemError(error);
  const node = error as NodeJS.ErrnoException & { dest?: unknown };
  const code = duck
    ? duck.path.startsWith(prefix)
      ? duck.code
      : undefined
    : typeof node.code === "string" && [node.path, node.dest].some((p) => typeof p === "string" && p.startsWith(prefix))
      ? node.code
      : undefined;
  if (code === undefined) return undefined;
  const reason = describeSystemCode(code) ?? { es: code, en: code };
  const tmp = os.tmpdir();
  return new PipelineError(
    "DRY_RUN_TEMPORARY_FOLDER",
    {
      es: `la prueba (--dry-run) trabaja sobre una copia privada de la base en la carpeta temporal ${tmp}, y allí ${reason.es}. Libere espacio en ese disco o indique otra carpeta temporal con la variable TMPDIR; ${dbFile} no se modificó.`,
      en: `a dry run (--dry-run) works on a private copy of the database in the temporary folder ${tmp}, and there ${reason.en}. Free some space on that disk or choose another temporary folder with the TMPDIR variable; ${dbFile} was not changed.`,
    },
    EXIT.fatal,
    error,
  );
}

async function prepareDryRunCopy(dbFile: string): Promise<{ file: string; cleanup: () => Promise<void> }> {
  let dir: string;
  try {
    dir = await fs.mkdtemp(dryRunPrefix());
  } catch (error) {
    throw dryRunCopyError(error, dbFile) ?? error;
  }
  await fs.chmod(dir, 0o700);
  const copy = path.join(dir, "dry-run.duckdb");
  const cleanup = () => fs.rm(dir, { recursive: true, force: true });
  try {
    if (existsSync(dbFile)) {
      const original = await openDatabase(dbFile, { readOnly: true });
      try {
        await fs.copyFile(dbFile, copy);
        if (existsSync(`${dbFile}.wal`)) await fs.copyFile(`${dbFile}.wal`, `${copy}.wal`);
      } finally {
        original.close();
      }
    }
  } catch (error) {
    // The database in use, unreadable, or the copy failing: nothing of the copy may stay behind in the temporary folder.
    await cleanup();
    throw dryRunCopyError(error, dbFile) ?? error;
  }
  return { file: copy, cleanup };
}
