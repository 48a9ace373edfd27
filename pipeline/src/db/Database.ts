import { existsSync, readdirSync, realpathSync, rmdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue, type DuckDBVector } from "./duckdb";
import { EXIT, PipelineError } from "../cli/PipelineError";
import { databaseIoError, databaseIoPipelineError } from "./databaseIoError";

/** An open DuckDB database with its one connection. All SQL in the pipeline goes through pipeline/src/db/. */
export interface Database {
  readonly file: string;
  /** The database as the analyst named it, for messages: `file`, or the real one when `file` is a dry run's copy. */
  readonly name: string;
  readonly readOnly: boolean;
  readonly connection: DuckDBConnection;
  close(): void;
}

export interface OpenOptions {
  readOnly?: boolean;
  /** What messages call the database, when `file` is not the one the analyst named (a dry run's private copy). */
  name?: string;
  /** Folders the connection may write to (report outputs); everything else outside the database is refused. */
  allowedDirectories?: readonly string[];
  /**
   * DuckDB's `memory_limit` (such as "64MB"): its buffer manager keeps what it has read or written up to this
   * much, then evicts, or spills to a temporary folder beside the database that it removes on closing. DuckDB's
   * default, 80% of the machine's memory, lets a long ingestion keep every block it touched (INGEST_MEMORY_LIMIT).
   */
  memoryLimit?: string;
  /** Compression methods DuckDB may not choose when it checkpoints (`disabled_compression_methods`; see INGEST_DISABLED_COMPRESSION). */
  disabledCompression?: readonly string[];
}

/**
 * Opens (or creates) a database and locks the connection down before any other statement runs: no reading or
 * writing of files other than the database (and `allowedDirectories`), no extension installs or loads, and a
 * locked configuration. A database another process is writing gives a clear "in use" error.
 */
export async function openDatabase(file: string, options: OpenOptions = {}): Promise<Database> {
  if (file === ":memory:") return openOnce(file, options, () => {});
  const key = identity(file);
  if (openHere.has(key)) {
    // A bug, not a user's mistake: see openHere.
    throw new Error(`${file} is already open in this thread: close it before opening it again (two DuckDB instances of one file in one process lose its lock)`);
  }
  openHere.add(key);
  try {
    return await openOnce(file, options, () => openHere.delete(key));
  } catch (error) {
    openHere.delete(key);
    throw error;
  }
}

/**
 * Opens an existing database for a command that only reads it (report, status, check, backup). As a writer when it
 * can: a writer holds the file alone, so no ingestion is half-done under it, and it can bring an older schema up to
 * date. Otherwise read-only, which DuckDB's shared lock allows only while no writer holds the file: a database the
 * analyst cannot write (kept on a read-only disk or share, a copy without write permission), or one that another
 * reader has open (an analyst's own read-only queries, another report). Held by a writer, it is still "in use".
 */
export async function openToRead(file: string, options: OpenOptions = {}): Promise<Database> {
  try {
    return await openDatabase(file, options);
  } catch (error) {
    if (error instanceof PipelineError && CANNOT_WRITE.has(error.code)) return openDatabase(file, { ...options, readOnly: true });
    throw error;
  }
}

/** Why a writer could not open a database that a reader may still: the file cannot be written, or readers hold it. */
const CANNOT_WRITE: ReadonlySet<string> = new Set(["DATABASE_READ_ONLY", "DATABASE_NOT_PERMITTED", "DATABASE_IN_USE"]);

/**
 * The database files this thread has open. DuckDB's lock on a file is a POSIX `fcntl` lock, which belongs to the
 * process: a second instance of the same file in the same process opens without complaint, and closing either one
 * drops the lock for both, so another process could then write the file under the other (tried with node-api
 * 1.5.6). Every open in the pipeline is one after the other; this makes a second one at once fail loudly.
 */
const openHere = new Set<string>();

/** The file's identity as far as the path can tell (symbolic links resolved when it exists). */
function identity(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

async function openOnce(file: string, options: OpenOptions, onClose: () => void): Promise<Database> {
  let instance: DuckDBInstance;
  const existed = file === ":memory:" || existsSync(file);
  try {
    instance = await DuckDBInstance.create(file, {
      access_mode: options.readOnly ? "READ_ONLY" : "READ_WRITE",
      autoinstall_known_extensions: "false",
      autoload_known_extensions: "false",
      ...(options.memoryLimit ? { memory_limit: options.memoryLimit } : {}),
    });
  } catch (error) {
    if (!existed && databaseIoError(error)) removeIfEmpty(file);
    throw translateOpenError(file, error);
  }
  const connection = await instance.connect();
  try {
    if (options.allowedDirectories && options.allowedDirectories.length > 0) {
      // SET takes no bound parameters: the folders are quoted here (they come from the analyst's own --out flag).
      const list = options.allowedDirectories.map((d) => `'${d.replace(/'/g, "''")}'`).join(", ");
      await connection.run(`SET allowed_directories = [${list}]`);
    }
    if (options.disabledCompression && options.disabledCompression.length > 0) {
      // Names from the code itself, never from input; SET takes no bound parameters.
      await connection.run(`SET disabled_compression_methods = '${options.disabledCompression.join(",")}'`);
    }
    await connection.run("SET enable_external_access = false");
    await connection.run("SET lock_configuration = true");
  } catch (error) {
    connection.closeSync();
    instance.closeSync();
    throw error;
  }
  // Only a writer holds the file alone (DuckDB's lock keeps readers out too), so only then is a spill left there stale.
  const spill = options.readOnly ? undefined : spillFolder(file);
  if (spill) removeStaleSpill(spill);
  let closed = false;
  const db: Database = {
    file,
    name: options.name ?? file,
    readOnly: options.readOnly ?? false,
    connection,
    close() {
      if (closed) return;
      closed = true;
      try {
        connection.closeSync();
        instance.closeSync();
        if (spill) removeEmptyFolder(spill);
      } finally {
        onClose();
      }
    },
  };
  // Not a file opened under another name (a dry run's private copy): a message about it would name the wrong one.
  const opened = (options.name ?? file) === file ? fileIdentity(file) : undefined;
  if (opened) openedAs.set(db, opened);
  return db;
}

/** The file a database was opened from, as the system identifies it (device and inode), to notice it gone. */
const openedAs = new WeakMap<Database, string>();

function fileIdentity(file: string): string | undefined {
  if (file === ":memory:") return undefined;
  try {
    const s = statSync(file, { bigint: true });
    // Some file systems (network shares on Windows among them) give no inode: nothing to compare then.
    return s.ino === 0n ? undefined : `${s.dev}:${s.ino}`;
  } catch {
    return undefined;
  }
}

/**
 * Whether `db`'s name still leads to the file it was opened from. An open file goes on being written after its
 * folder is deleted, moved or unmounted (on Linux and macOS): every commit would succeed into a file no one can
 * reach any more, and only the next file DuckDB makes beside it (its log after a checkpoint, a spill) would fail.
 * A writer asks before each transaction, so it stops at once, saying so. Always true for a database opened under
 * another name (a dry run's copy, the command's own in the temporary folder) or where the system gives no inode.
 */
export function databaseInPlace(db: Database): boolean {
  const opened = openedAs.get(db);
  return opened === undefined || fileIdentity(db.file) === opened;
}

/**
 * DuckDB creates a new database's file before writing its first block: on a full disk it leaves an empty file
 * behind, which every later open refuses ("not a valid DuckDB database"). Removed when this open made it and
 * nothing was written into it.
 */
function removeIfEmpty(file: string): void {
  try {
    if (statSync(file).size === 0) rmSync(file);
  } catch {
    // Not there, or not ours to remove: the error being reported says what to do.
  }
}

/**
 * Where DuckDB spills what exceeds its `memory_limit`: its default temporary folder for a database file,
 * `<file>.tmp` beside it (the pipeline never sets another). None for an in-memory database.
 */
function spillFolder(file: string): string | undefined {
  return file === ":memory:" ? undefined : `${file}.tmp`;
}

/** DuckDB's own spill files, by their names (`duckdb_temp_storage_S192K-0.tmp`, `duckdb_temp_block-…`). */
const SPILL_FILE = /^duckdb_temp_(storage|block)/;

/**
 * A process killed while spilling leaves its files in the folder (seen: SIGKILL during a 3,000,000-group
 * aggregate), and DuckDB neither reuses nor removes them at the next open: blocks of the database's data, so of
 * its pseudonyms and values, lying beside it. The writer that opened the file after it removes them; only
 * DuckDB's own files are touched.
 */
function removeStaleSpill(folder: string): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return; // no folder: nothing was ever spilled, or it was cleaned up
  }
  for (const name of names) if (SPILL_FILE.test(name)) rmSync(path.join(folder, name), { force: true });
}

/**
 * DuckDB removes the spill folder on closing only if it created it in that run; one left by a killed run stays,
 * empty, for good. Removed once empty (a folder holding anything else is left alone).
 */
function removeEmptyFolder(folder: string): void {
  try {
    rmdirSync(folder);
  } catch {
    // absent, or not empty: left as it is
  }
}

/**
 * Another process holding the database, as DuckDB says it: on Linux and macOS its lock's words; on Windows the
 * system's own sentence, in the system's language, and (DuckDB 1.5, when Windows can tell) "File is already open in
 * PROGRAM (PID n)" after it: as reported in duckdb/duckdb#5481 and #15641 and, for 1.5.2, t8y2/dbx#557; not tried
 * here (no Windows on this machine).
 */
const HELD_BY_ANOTHER_PROCESS = [
  /Could not set lock|Conflicting lock/i,
  /File is already open in/i,
  /being used by another process/i,
  /siendo utilizado por otro proceso/i,
];

/** A failure to open `file` in the analyst's words (exported for its tests); anything not recognised as it came. */
export function translateOpenError(file: string, error: unknown): unknown {
  const message = error instanceof Error ? error.message : String(error);
  const pid = /PID (\d+)/.exec(message)?.[1];
  if (HELD_BY_ANOTHER_PROCESS.some((words) => words.test(message))) {
    return new PipelineError(
      "DATABASE_IN_USE",
      {
        es: `la base de datos ${file} está en uso por otro proceso${pid ? ` (PID ${pid})` : ""}. Espere a que termine y vuelva a intentarlo; no se modificó nada.`,
        en: `the database ${file} is in use by another process${pid ? ` (PID ${pid})` : ""}. Wait for it to finish and try again; nothing was changed.`,
      },
      EXIT.fatal,
    );
  }
  // Where the path itself is wrong (a mistyped --db, a folder that is not there), said in the analyst's words.
  const folder = path.dirname(path.resolve(file));
  if (/Cannot open file.*(No such file or directory|Not a directory|cannot find the path specified|no puede encontrar la ruta especificada)/i.test(message)) {
    return new PipelineError(
      "DATABASE_FOLDER_MISSING",
      {
        es: `no se puede crear ni abrir la base de datos ${file}: la carpeta ${folder} no existe (o no es una carpeta). Revise la ruta de --db (o de PA1325_DB), o cree la carpeta.`,
        en: `cannot create or open the database ${file}: the folder ${folder} does not exist (or is not a folder). Check the --db path (or PA1325_DB), or create the folder.`,
      },
      EXIT.fatal,
    );
  }
  if (/Is a directory/i.test(message)) {
    return new PipelineError(
      "DATABASE_IS_A_FOLDER",
      {
        es: `${file} es una carpeta, no una base de datos. Indique con --db el archivo .duckdb, por ejemplo ${path.join(file, "pa1325.duckdb")}.`,
        en: `${file} is a folder, not a database. Give --db the .duckdb file, for example ${path.join(file, "pa1325.duckdb")}.`,
      },
      EXIT.fatal,
    );
  }
  if (/Permission denied|Access is denied|Acceso denegado/i.test(message)) {
    return new PipelineError(
      "DATABASE_NOT_PERMITTED",
      {
        es: `no tiene permiso para abrir la base de datos ${file} (o para escribir en ${folder}). Use una carpeta propia con --db, o pida acceso a esa.`,
        en: `you do not have permission to open the database ${file} (or to write in ${folder}). Use a folder of your own with --db, or ask for access to that one.`,
      },
      EXIT.fatal,
    );
  }
  // A log that does not fit the file beside it: most often a backup copied by hand over the database while the
  // log of the database it replaced was left there (DuckDB replays it onto the wrong file: "Could not find node in
  // column segment tree", tried with node-api 1.5.6). The file and the log are each whole; they do not belong together.
  if (/Failure while replaying WAL file/i.test(message)) {
    return new PipelineError(
      "DATABASE_LOG_MISMATCH",
      {
        es: `no se puede abrir ${file}: su registro de escritura (${file}.wal) no corresponde a ella, por ejemplo porque se copió encima una copia de seguridad y quedó el registro de la base anterior. No borre nada: mueva ${file}.wal a otra carpeta y vuelva a intentarlo; para restaurar una copia use pa1325 restore, que aparta la base y su registro.`,
        en: `${file} cannot be opened: its write-ahead log (${file}.wal) does not belong to it, for example because a backup was copied over it and the previous database's log was left. Delete nothing: move ${file}.wal to another folder and try again; to restore a backup use pa1325 restore, which sets the database and its log aside.`,
      },
      EXIT.fatal,
      error,
    );
  }
  // A full or read-only disk, a quota used up, a failing disk: where the database is, not what it is.
  const disk = databaseIoPipelineError(error, undefined, file);
  if (disk) return disk;
  if (/not a valid DuckDB database/i.test(message) && sizeOf(file) === 0) {
    return new PipelineError(
      "DATABASE_EMPTY_FILE",
      {
        es: `${file} es un archivo vacío (0 bytes), no una base de datos: quizá quedó de un intento de crearla que no terminó (un disco lleno). Bórrelo y vuelva a ejecutar la orden para crearla, o indique otra con --db.`,
        en: `${file} is an empty file (0 bytes), not a database: perhaps left by an attempt to create it that did not finish (a full disk). Delete it and run the command again to create it, or point --db at another one.`,
      },
      EXIT.fatal,
    );
  }
  if (/not a valid DuckDB database|database file.*invalid|Corrupt/i.test(message)) {
    return new PipelineError(
      "DATABASE_UNREADABLE",
      {
        es: `${file} no es una base de datos de PA1325 legible (${message}). Indique otra con --db.`,
        en: `${file} is not a readable PA1325 database (${message}). Point --db at another one.`,
      },
      EXIT.fatal,
    );
  }
  return error;
}

function sizeOf(file: string): number | undefined {
  try {
    return statSync(file).size;
  } catch {
    return undefined;
  }
}

/**
 * Runs `work` inside BEGIN/COMMIT; on any error rolls back and rethrows `work`'s error (a COMMIT after an error would
 * silently roll back). A database DuckDB invalidated after a fatal error (out of memory, a disk failing in a
 * checkpoint) refuses the ROLLBACK too, with a message that only says so: `work`'s error is still the one thrown.
 */
export async function inTransaction<T>(db: Database, work: () => Promise<T>): Promise<T> {
  await db.connection.run("BEGIN TRANSACTION");
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await db.connection.run("ROLLBACK").catch(() => undefined);
    throw error;
  }
  await db.connection.run("COMMIT");
  return result;
}

/** One statement, bound parameters, rows as plain JS objects. */
export async function queryRows<T = Record<string, unknown>>(db: Database, sql: string, params: DuckDBValue[] = []): Promise<T[]> {
  const reader = await db.connection.runAndReadAll(sql, params);
  return reader.getRowObjectsJS() as T[];
}

/**
 * One statement's result a chunk (~2,048 rows) at a time, as DuckDB's column vectors: for results that grow with
 * the database, where only a few values of each row are wanted. queryRows holds the whole result and converts every
 * value of every row into an object: building the index of a database of 36,000 stored submissions that way grew
 * the process by 62 MB, a chunk at a time by vectors 30 MB.
 */
export async function forEachChunk(db: Database, sql: string, visit: (columns: DuckDBVector[], rows: number) => void, params: DuckDBValue[] = []): Promise<void> {
  const result = await db.connection.stream(sql, params);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) return;
    const columns: DuckDBVector[] = [];
    for (let c = 0; c < chunk.columnCount; c++) columns.push(chunk.getColumnVector(c));
    visit(columns, chunk.rowCount);
  }
}

export async function execute(db: Database, sql: string, params: DuckDBValue[] = []): Promise<void> {
  await db.connection.run(sql, params);
}
