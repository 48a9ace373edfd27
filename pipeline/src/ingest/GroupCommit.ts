import path from "node:path";
import { performance } from "node:perf_hooks";
import { databaseInPlace, type Database } from "../db/Database";
import { databaseGonePipelineError, databaseIoPipelineError } from "../db/databaseIoError";
import { finishIngestRun, readNextSubmissionId, writeIngestBatch } from "../db/submissionStore";
import type { CheckedFile } from "./checkFile";
import type { FileResult, IngestCounts } from "./IngestResult";
import { emptyBatch, hasWrites, stageFile, type PendingBatch } from "./stageFile";
import type { StoredIndex } from "./StoredIndex";

/** When a batch is committed: whichever limit comes first (docs/adr/0002-group-commit.md). */
export interface BatchLimits {
  files: number;
  /** Since the batch's first file was decided. */
  ms: number;
  /** Rows to store (values, deliverables, roster lines, issues): bounds the memory a batch holds. */
  rows: number;
}

export const DEFAULT_BATCH_LIMITS: BatchLimits = { files: 50, ms: 1000, rows: 50_000 };

/**
 * Group commit: whole files, decided in file order, share one transaction; a file is never split across two.
 * Each file is acknowledged (`ack`, the CLI's printed line) only after the COMMIT of the transaction that holds
 * it. If anything fails while a batch is written, the batch is rolled back and its files are stored again one
 * transaction each, so one bad file never takes the others with it and the error surfaces with its file's name.
 */
export class GroupCommit {
  private batch = emptyBatch(0);
  private runId: bigint | undefined;
  readonly counts: IngestCounts = { files: 0, accepted: 0, replaced: 0, unchanged: 0, rejected: 0 };

  constructor(
    private readonly db: Database,
    private readonly index: StoredIndex,
    private readonly limits: BatchLimits,
    private readonly now: () => Date,
    /** When the file with these bytes was received (the run's clock unless an archive is replayed). */
    private readonly receivedAt: (sha256: string | null) => Date,
    private readonly ack: (result: FileResult) => void,
  ) {}

  /** Decides a file in its turn; commits the batch when it is full. */
  async add(checked: CheckedFile): Promise<void> {
    if (this.batch.decided.length === 0) this.batch.startedAt = performance.now();
    try {
      await stageFile(this.db, this.index, this.batch, checked, this.receivedAt);
    } catch (error) {
      // The files before this one are stored and acknowledged as they would have been, then the error surfaces.
      await this.flush();
      throw error;
    }
    const b = this.batch;
    if (!hasWrites(b)) {
      // Nothing waits for a commit (files unchanged since an earlier batch): acknowledged at once.
      this.acknowledge(b);
      this.batch = emptyBatch(0);
    } else if (b.decided.length >= this.limits.files || b.rows >= this.limits.rows || performance.now() - b.startedAt >= this.limits.ms) {
      await this.flush();
    }
  }

  /** Milliseconds until the batch is due by time, however few files it holds (Infinity when nothing waits to be stored). */
  dueIn(): number {
    return hasWrites(this.batch) ? Math.max(0, this.limits.ms - (performance.now() - this.batch.startedAt)) : Infinity;
  }

  /** Commits the files decided so far and acknowledges them. */
  async flush(): Promise<void> {
    const batch = this.batch;
    this.batch = emptyBatch(0);
    if (batch.decided.length === 0) return;
    if (!hasWrites(batch)) return this.acknowledge(batch);
    try {
      await this.write(batch);
    } catch (error) {
      await this.rolledBack(batch, error);
      if (batch.decided.length === 1) throw storingError(batch, error, this.db.name);
      // One transaction per file: the files before a bad one are stored and acknowledged, its error is thrown.
      for (const { checked } of batch.decided) {
        const single = emptyBatch(performance.now());
        await stageFile(this.db, this.index, single, checked, this.receivedAt);
        if (hasWrites(single)) {
          try {
            await this.write(single);
          } catch (e) {
            await this.rolledBack(single, e);
            throw storingError(single, e, this.db.name);
          }
        }
        this.acknowledge(single);
      }
      return;
    }
    this.acknowledge(batch);
  }

  /** Ends the run's record (when anything was stored). */
  async finish(): Promise<void> {
    await this.flush();
    if (this.runId !== undefined) await finishIngestRun(this.db, this.runId, this.now(), this.counts);
  }

  private async write(batch: PendingBatch): Promise<void> {
    // A database whose folder was deleted, moved or unmounted under the run would take every commit without a word
    // (the file stays open); checked before each transaction.
    if (!databaseInPlace(this.db)) throw new DatabaseGone(this.db.name);
    // The run's row is written with the first batch: its id is kept only once that batch has committed.
    this.runId = await writeIngestBatch(this.db, batch.writes, { id: this.runId, startedAt: this.now() });
    this.index.commit();
  }

  /**
   * After `batch` failed to store with `error`. The sequence is not transactional: ids taken by the rolled-back batch
   * stay taken. A database that answers nothing more (DuckDB invalidates it after a fatal error, such as running out
   * of memory in a checkpoint) stops the run here with `batch`'s error, not with the later one that only says so.
   */
  private async rolledBack(batch: PendingBatch, error: unknown): Promise<void> {
    let next: bigint;
    try {
      next = await readNextSubmissionId(this.db);
    } catch {
      throw storingError(batch, error, this.db.name);
    }
    this.index.discard(next);
  }

  private acknowledge(batch: PendingBatch): void {
    for (const { result } of batch.decided) {
      this.counts.files++;
      this.counts[result.status]++;
      this.ack(result);
    }
  }
}

/**
 * An error while storing a file, named after the file (the batch holds only that one): the database's disk (full,
 * read-only…) said in words with what it means for the run, anything else as it came.
 */
function storingError(batch: PendingBatch, error: unknown, database: string): Error {
  const name = path.basename(batch.decided.find((d) => d.result.status !== "unchanged")?.checked.file ?? batch.decided[0]!.checked.file);
  const after = {
    es: `Los archivos ya informados quedaron guardados; ${name} y los siguientes no: al volver a ejecutar la misma orden se cargan, y lo ya guardado se reconoce y no se duplica.`,
    en: `The files already reported are stored; ${name} and the ones after it are not: running the same command again loads them, and what is stored is recognised and not stored twice.`,
  };
  if (error instanceof DatabaseGone) return databaseGonePipelineError(error.database, after);
  const disk = databaseIoPipelineError(error, after, database);
  if (disk) return disk;
  const message = error instanceof Error ? error.message : String(error);
  return new Error(`${name} could not be stored: ${message}`, { cause: error });
}

/** The run's database no longer where it was opened (see databaseInPlace). */
class DatabaseGone extends Error {
  constructor(readonly database: string) {
    super(`${database} is no longer where it was opened`);
  }
}
