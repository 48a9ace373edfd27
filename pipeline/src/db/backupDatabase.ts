import { constants, existsSync, promises as fs } from "node:fs";
import path from "node:path";
import { type Database, execute, openDatabase, openToRead, queryRows } from "./Database";
import { databaseIoError, databaseIoPipelineError, inDatabaseWords } from "./databaseIoError";
import { schemaVersion } from "./migrate";
import { SCHEMA_VERSION } from "./migrations";
import type { LocalizedText } from "../../../core/src/i18n/Language";
import { EXIT, PipelineError } from "../cli/PipelineError";
import { syncFile, syncFolder, temporaryNameFor } from "../files/writeFileAtomic";

/** A time in a file name, as backups and kept databases carry it: YYYYMMDD-HHMMSS in UTC, so that names sort by time. */
export function fileStamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
}

export interface BackupResult {
  /** The copy. */
  file: string;
  bytes: number;
  schemaVersion: number;
  submissions: number;
  /** Tables read back from the copy and found equal, row for row, to the database's. */
  tablesCompared: number;
}

/**
 * Copies a database whole while holding it, so that no other pa1325 command writes it meanwhile (DuckDB's lock):
 * a CHECKPOINT first folds the write-ahead log into the file (DuckDB then removes the log), so that the file alone
 * is the database; then the file is copied under a temporary name beside `target`, flushed, and renamed into place
 * (replacing `target` if it was there). Then the copy is opened read-only and every table is compared with the
 * database's, a digest of all its rows each, so that a copy the disk damaged is found now and not on the day it is
 * needed. On any failure, or a stop asked through `signal` before the rename, the temporary copy is removed and
 * `target`, if it was there, is untouched.
 *
 * A database the analyst cannot write (on a read-only disk or share) is held read-only, which keeps writers out too,
 * but cannot be checkpointed: its write-ahead log, if it has one, is copied beside the copy and folded into the copy
 * instead, so that the backup is still one file holding everything the database holds.
 */
export async function backupDatabase(dbFile: string, target: string, signal?: AbortSignal): Promise<BackupResult> {
  const db = await holdToCopy(await openToRead(dbFile));
  try {
    // A stop asked (Ctrl+C) ends the backup with the signal's reason at each step before the copy takes its name,
    // its temporary copy removed; the rename itself is not stopped half-way (there is no half-way to it).
    signal?.throwIfAborted();
    const expected = await tableDigests(db);
    const version = await schemaVersion(db);
    const submissions = expected.get("submissions")?.rows ?? 0;
    signal?.throwIfAborted();
    const tmp = temporaryNameFor(target);
    try {
      await copyAndCompare(dbFile, tmp, expected, target);
      signal?.throwIfAborted();
      await fs.rename(tmp, target);
    } catch (error) {
      return await discardCopy(tmp, target, error);
    }
    await syncFolder(path.dirname(target));
    const { size } = await fs.stat(target);
    return { file: target, bytes: size, schemaVersion: version, submissions, tablesCompared: expected.size };
  } finally {
    db.close();
  }
}

/**
 * Holds a database whose file is about to be copied, linked or replaced, given open (as a writer when it could be):
 * its write-ahead log folded into the file first (CHECKPOINT, a writer only), then held read-only. A reader's hold
 * keeps every writer out as a writer's does (DuckDB's shared lock on Linux and macOS; on Windows the file opened
 * sharing reads only), and unlike a writer's it lets this process read the file: on Windows DuckDB opens a database
 * it writes sharing nothing (share mode 0 but for deletion, in its LocalFileSystem::OpenFile), so that copying or
 * linking it while it is held so fails as "in use by another process". Between the two opens another command may
 * take the database, which is then refused as in use, as it would have been a moment earlier. Not tried on Windows
 * itself (none here): read from DuckDB's source.
 */
async function holdToCopy(db: Database): Promise<Database> {
  if (db.readOnly) return db;
  try {
    await execute(db, "CHECKPOINT");
  } finally {
    db.close();
  }
  return openDatabase(db.file, { readOnly: true });
}

/**
 * Copies a database to `tmp` whole and checks the copy: its write-ahead log too, folded into the copy, when it has
 * one (a database held read-only, which cannot be checkpointed, or a backup taken by a plain copy), then flushed,
 * read back and compared with `expected`, the digests of what the source holds. `finalName`: the name the copy will
 * take, as messages call it.
 */
async function copyAndCompare(source: string, tmp: string, expected: Map<string, TableDigest>, finalName: string): Promise<void> {
  await copyWritable(source, tmp);
  if (existsSync(`${source}.wal`)) {
    await copyWritable(`${source}.wal`, `${tmp}.wal`);
    await foldLog(tmp);
  }
  await syncFile(tmp);
  await compareCopy(tmp, expected, finalName);
}

/**
 * Removes a temporary copy (and its log) after `error`, and rethrows it. Node's failed copy names its source as the
 * `path`: the file that could not be written is the copy, said by its final name.
 */
async function discardCopy(tmp: string, finalName: string, error: unknown): Promise<never> {
  await fs.rm(tmp, { force: true });
  await fs.rm(`${tmp}.wal`, { force: true });
  const e = error as NodeJS.ErrnoException;
  if (typeof e.code === "string" && e.syscall === "copyfile") e.path = finalName;
  throw error;
}

/**
 * Copies a new file that its owner may write: a copy takes the original's mode, and a database kept read-only (as on
 * an archive share) would give a copy whose log cannot be folded into it, nor the copy written once restored.
 */
async function copyWritable(from: string, to: string): Promise<void> {
  await fs.copyFile(from, to, constants.COPYFILE_EXCL);
  await fs.chmod(to, ((await fs.stat(to)).mode & 0o777) | 0o200);
}

/** Folds a copied write-ahead log into the copy (DuckDB checkpoints it and removes the log). */
async function foldLog(copy: string): Promise<void> {
  const db = await openDatabase(copy);
  try {
    await execute(db, "CHECKPOINT");
  } finally {
    db.close();
  }
}

export interface TableDigest {
  rows: number;
  digest: string;
}

/**
 * Every table of the database: its row count and a digest of all its rows (DuckDB's hash of each row, summed). Reads
 * every column of every row, so DuckDB checks every block's checksum on the way.
 */
export async function tableDigests(db: Database): Promise<Map<string, TableDigest>> {
  const tables = await queryRows<{ table_name: string }>(db, `SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT temporary ORDER BY table_name`);
  const digests = new Map<string, TableDigest>();
  for (const { table_name: name } of tables) {
    // Names come from the database's own catalog; quoted as identifiers all the same.
    const [row] = await queryRows<{ n: bigint; digest: bigint | null }>(db, `SELECT count(*) AS n, sum(hash(t)) AS digest FROM "${name.replace(/"/g, '""')}" t`);
    digests.set(name, { rows: Number(row!.n), digest: String(row!.digest ?? 0) });
  }
  return digests;
}

/**
 * Reads every row of the copy back and compares each table with the database's. A copy that cannot be read back at
 * all (DuckDB finds it damaged) is the copy's fault, not the database's, and is said the same way as one that differs.
 */
async function compareCopy(copy: string, expected: Map<string, TableDigest>, finalName: string): Promise<void> {
  let actual: Map<string, TableDigest>;
  try {
    const db = await openDatabase(copy, { readOnly: true });
    try {
      actual = await tableDigests(db);
    } finally {
      db.close();
    }
  } catch (error) {
    // Memory short while reading the copy back says nothing of the disk it is on: said as what it is.
    if (databaseIoError(error)?.code === "DATABASE_OUT_OF_MEMORY") {
      throw databaseIoPipelineError(error, { es: "La copia no se guardó y nada cambió.", en: "The copy was not kept, and nothing was changed." }, finalName)!;
    }
    if (error instanceof PipelineError || databaseIoError(error)) throw copyMismatch({ es: "no se pudo leer", en: "could not be read" }, error);
    throw error;
  }
  const differ = [...expected.keys(), ...actual.keys()].filter(
    (name) => expected.get(name)?.rows !== actual.get(name)?.rows || expected.get(name)?.digest !== actual.get(name)?.digest,
  );
  if (differ.length > 0) {
    const tables = [...new Set(differ)].join(", ");
    throw copyMismatch({ es: `no se lee igual que la base de datos (tablas ${tables})`, en: `does not read back the same as the database (tables ${tables})` });
  }
}

function copyMismatch(what: LocalizedText, cause?: unknown): PipelineError {
  return new PipelineError(
    "BACKUP_MISMATCH",
    {
      es: `la copia ${what.es}; no se guardó. El disco de destino puede estar fallando: pruebe con otro.`,
      en: `the copy ${what.en}; it was not kept. The destination disk may be failing: try another.`,
    },
    EXIT.fatal,
    cause,
  );
}

export interface RestoreResult {
  /** The database, now the backup's copy. */
  file: string;
  schemaVersion: number;
  submissions: number;
  tablesCompared: number;
  /** Where the database it replaced is kept (with its `.wal` beside it if it had one); null when there was none. */
  keptAs: string | null;
}

/**
 * Puts a backup in the database's place, so that a restore never mixes two databases: copying a backup over the
 * file by hand while an older write-ahead log is left beside it makes DuckDB replay that log onto the backup at
 * the next open, giving rows that never existed together (tried with node-api 1.5.6: no error, no warning).
 *
 * The backup is read whole (a damaged one, or one a newer PA1325 made, is refused before anything changes), copied
 * beside the database under a temporary name, flushed, and compared table by table with the backup. Then the
 * database being replaced is held (DuckDB's lock: refused while another command uses it) and checkpointed when it
 * still opens, kept under `<database>.replaced-<stamp>` (its log too), and the copy renamed into its place. Killed
 * at any moment, the database's name holds either the old database or the restored one, never neither.
 */
export async function restoreDatabase(backup: string, dbFile: string, stamp: string, signal?: AbortSignal): Promise<RestoreResult> {
  const expected = await readWhole(backup);
  // A stop asked (Ctrl+C) ends the restore with the signal's reason at each step before the copy takes the
  // database's place, its copy removed; from there on it runs to its end (the old database kept aside, the copy
  // renamed), never half-way.
  signal?.throwIfAborted();
  const tmp = temporaryNameFor(dbFile);
  let keptAs: string | null = null;
  try {
    await copyAndCompare(backup, tmp, expected.digests, dbFile);
    signal?.throwIfAborted();
    // The database being replaced stays held (its lock) until the copy has taken its name: no command can write
    // it, or start a log beside it, in between.
    const held = existsSync(dbFile) ? await settle(dbFile) : undefined;
    try {
      const wal = `${dbFile}.wal`;
      if (existsSync(dbFile) || existsSync(wal)) {
        keptAs = freeName(`${dbFile}.replaced-${stamp}`);
        if (existsSync(dbFile)) await keepAside(dbFile, keptAs);
        // What is left of a log (a database too damaged to open and checkpoint): kept with it, never replayed.
        if (existsSync(wal)) await fs.rename(wal, `${keptAs}.wal`);
      }
      await fs.rename(tmp, dbFile);
    } finally {
      held?.close();
    }
  } catch (error) {
    return await discardCopy(tmp, dbFile, error);
  }
  await syncFolder(path.dirname(dbFile));
  return { file: dbFile, schemaVersion: expected.version, submissions: expected.digests.get("submissions")?.rows ?? 0, tablesCompared: expected.digests.size, keptAs };
}

/** A backup read whole, read-only: every table's digest and its schema, refused if it is not one this PA1325 can use. */
async function readWhole(backup: string): Promise<{ digests: Map<string, TableDigest>; version: number }> {
  let db: Database;
  try {
    db = await openDatabase(backup, { readOnly: true });
  } catch (error) {
    throw inDatabaseWords(error, backup);
  }
  try {
    const version = await schemaVersion(db);
    if (version === 0) {
      throw new PipelineError(
        "RESTORE_NOT_A_BACKUP",
        { es: `${backup} no es una base de datos de PA1325: no se restauró nada.`, en: `${backup} is not a PA1325 database: nothing was restored.` },
        EXIT.fatal,
      );
    }
    if (version > SCHEMA_VERSION) {
      throw new PipelineError(
        "DATABASE_TOO_NEW",
        {
          es: `${backup} fue creada por una versión más nueva de PA1325 (esquema ${version}; esta versión conoce hasta ${SCHEMA_VERSION}): actualice PA1325 antes de restaurarla. No se restauró nada.`,
          en: `${backup} was made by a newer PA1325 (schema ${version}; this version knows up to ${SCHEMA_VERSION}): update PA1325 before restoring it. Nothing was restored.`,
        },
        EXIT.fatal,
      );
    }
    return { digests: await tableDigests(db), version };
  } catch (error) {
    throw inDatabaseWords(error, backup);
  } finally {
    db.close();
  }
}

/**
 * Holds the database being replaced (holdToCopy), so that no command is using it (refused as in use otherwise), with
 * its log folded into it so that it is kept whole in one file. One too damaged to open is replaced all the same (that
 * is what restoring is for): undefined then.
 */
async function settle(dbFile: string): Promise<Database | undefined> {
  const db = await openUnlessUnusable(dbFile, {});
  if (!db) return undefined;
  try {
    return await holdToCopy(db);
  } catch {
    // A database that opens but cannot be checkpointed (damaged further in) is kept as it is, log included.
    return openUnlessUnusable(dbFile, { readOnly: true });
  }
}

/** The database opened, or undefined when it is unusable (UNUSABLE); held by another command, refused as in use. */
async function openUnlessUnusable(dbFile: string, options: { readOnly?: boolean }): Promise<Database | undefined> {
  try {
    return await openDatabase(dbFile, options);
  } catch (error) {
    const code = error instanceof PipelineError ? error.code : databaseIoError(error)?.code;
    if (code !== undefined && UNUSABLE.has(code)) return undefined;
    throw error;
  }
}

/** Why a database cannot be opened that a restore replaces all the same. */
const UNUSABLE: ReadonlySet<string> = new Set(["DATABASE_DAMAGED", "DATABASE_UNREADABLE", "DATABASE_EMPTY_FILE", "DATABASE_LOG_MISMATCH"]);

/**
 * The database under a second name, the first still in place until the restored copy replaces it (a hard link;
 * a copy where the disk has none, as FAT32 drives and some shares).
 */
async function keepAside(dbFile: string, keptAs: string): Promise<void> {
  try {
    await fs.link(dbFile, keptAs);
  } catch {
    await fs.copyFile(dbFile, keptAs, constants.COPYFILE_EXCL);
    await syncFile(keptAs);
  }
}

/**
 * `name` + `extension`, or `name-2` + `extension`, `name-3`…, when taken, with or without its log (two backups or
 * restores in the same second).
 */
export function freeName(name: string, extension = ""): string {
  let candidate = `${name}${extension}`;
  for (let n = 2; existsSync(candidate) || existsSync(`${candidate}.wal`); n++) candidate = `${name}-${n}${extension}`;
  return candidate;
}
