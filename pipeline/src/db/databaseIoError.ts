import path from "node:path";
import type { LocalizedText } from "../../../core/src/i18n/Language";
import { EXIT, PipelineError } from "../cli/PipelineError";

/*
 * The operating system refusing DuckDB a read or write of the database's own files: the disk full or read-only,
 * a quota or the largest file size reached, a failing disk; and DuckDB out of memory (OUT_OF_MEMORY below).
 * DuckDB's errors carry no code, only its message with the system's own words (node-api 1.5.6, seen on a full and
 * a read-only file system, and under `ulimit -f`):
 *   TransactionContext Error: Failed to commit: Could not write file "/x/pa1325.duckdb.wal": No space left on device
 *   IO Error: Could not write file "/x/new.duckdb": No space left on device
 *   IO Error: Cannot open file "/x/pa1325.duckdb": Read-only file system
 * and, with the database's folder deleted under a running ingest (its spill file then could not be made):
 *   Failed to append: Cannot open file "/x/pa1325.duckdb.tmp/duckdb_temp_storage_DEFAULT-0.tmp": No such file or directory
 * This module does not load DuckDB (the CLI's own thread uses it before DuckDB's allocator is chosen).
 */

export type DatabaseIoCode =
  | "DATABASE_DISK_FULL"
  | "DATABASE_QUOTA_EXCEEDED"
  | "DATABASE_FILE_TOO_LARGE"
  | "DATABASE_READ_ONLY"
  | "DATABASE_NOT_PERMITTED"
  | "DATABASE_IO_ERROR"
  | "DATABASE_UNREACHABLE"
  | "DATABASE_DAMAGED"
  | "DATABASE_OUT_OF_MEMORY";

export interface DatabaseIoError {
  code: DatabaseIoCode;
  /**
   * The database as the analyst named it: without DuckDB's `.wal` or the `.tmp` spill folder beside it; null when
   * DuckDB's message names no file and the caller knew none.
   */
  database: string | null;
}

/** The system's words (strerror, as glibc writes them; Windows' below), the system's code for them, and what each means for a database. */
const SYSTEM_WORDS: ReadonlyArray<[RegExp, string, DatabaseIoCode]> = [
  [/No space left on device/i, "ENOSPC", "DATABASE_DISK_FULL"],
  [/Disk quota exceeded/i, "EDQUOT", "DATABASE_QUOTA_EXCEEDED"],
  [/File too large/i, "EFBIG", "DATABASE_FILE_TOO_LARGE"],
  [/Read-only file system/i, "EROFS", "DATABASE_READ_ONLY"],
  [/Permission denied/i, "EACCES", "DATABASE_NOT_PERMITTED"],
  [/Operation not permitted/i, "EPERM", "DATABASE_NOT_PERMITTED"],
  [/Input\/output error/i, "EIO", "DATABASE_IO_ERROR"],
  // A network drive or a USB stick gone while in use (SMB, NFS, FUSE mounts say it in these words).
  [/Transport endpoint is not connected/i, "ENOTCONN", "DATABASE_UNREACHABLE"],
  [/Stale file handle/i, "ESTALE", "DATABASE_UNREACHABLE"],
  [/Host is down/i, "EHOSTDOWN", "DATABASE_UNREACHABLE"],
  [/No such device or address/i, "ENXIO", "DATABASE_UNREACHABLE"],
  [/No such device/i, "ENODEV", "DATABASE_UNREACHABLE"],
  // Only of a file DuckDB makes beside the database as it works (its log, its spill folder): the folder has gone.
  // Of the database itself it is a database that is not there, which the commands say before DuckDB opens it.
  [/No such file or directory/i, "ENOENT", "DATABASE_UNREACHABLE"],
  // Windows says the same things in its own words, in the system's language (FormatMessage's text, English and
  // Spanish as Windows words them; not tried here: no Windows on this machine), under the same system codes.
  [/not enough space on the disk|The disk is full|espacio suficiente en el disco|El disco está lleno/i, "ENOSPC", "DATABASE_DISK_FULL"],
  [/file size exceeds the limit|tamaño del archivo supera el límite/i, "EFBIG", "DATABASE_FILE_TOO_LARGE"],
  [/media is write protected|protegido contra escritura/i, "EROFS", "DATABASE_READ_ONLY"],
  [/Access is denied|Acceso denegado/i, "EACCES", "DATABASE_NOT_PERMITTED"],
  [/I\/O device error|dispositivo de E\/S|cyclic redundancy check|redundancia cíclica/i, "EIO", "DATABASE_IO_ERROR"],
  [/network name is no longer available|network resource or device is no longer available/i, "ENOTCONN", "DATABASE_UNREACHABLE"],
  [/nombre de red especificado ya no está disponible|dispositivo especificado ya no está disponible/i, "ENOTCONN", "DATABASE_UNREACHABLE"],
  [/cannot find the path specified|no puede encontrar la ruta especificada/i, "ENOENT", "DATABASE_UNREACHABLE"],
];

/** Not the system's words but DuckDB's, on a file shorter than its own blocks say (a copy cut short). */
const SHORT_READ = /attempted to read \d+ bytes/i;

/** A block whose checksum does not match: DuckDB names the block's position, not the file. */
const CORRUPT = /Corrupt database file/i;

/**
 * DuckDB out of memory: its buffer pool at its limit with nothing it could write out to its spill folder beside the
 * database (that disk nearly full: DuckDB's `max_temp_directory_size` is 90% of what is free there), or more pinned
 * at once than the limit. Its words (node-api 1.5.6, seen here): "Out of Memory Error: failed to pin block of size
 * 256.0 KiB (15.2 MiB/15.2 MiB used)", "… could not allocate block of size …", and inside a checkpoint "Failed to
 * create checkpoint because of error: could not allocate block …", which also invalidates the database ("FATAL
 * Error: … database has been invalidated …", the first error quoted in it).
 */
const OUT_OF_MEMORY = /Out of Memory Error|could not allocate block of size|failed to (?:pin|offload data) block/i;

/** `file "PATH": reason` or `directory "PATH": reason`, as DuckDB words a failed system call on a file. */
const ON_FILE = /(?:file|directory) "([^"]+)": ([^\n]*)/;

/** The messages of `error` and of the errors it wraps (`cause`), read without instanceof (DuckDB's native errors may come from another realm: jest's, a vm context). */
function* messagesOf(error: unknown): Generator<string> {
  for (let e = error, depth = 0; e !== undefined && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (typeof e === "string") yield e;
    else if (typeof e === "object" && typeof (e as { message?: unknown }).message === "string") yield (e as Error).message;
  }
}

/** A DuckDB failure on a file, whatever the file: the system's code for it and the path DuckDB names. */
export function duckDbSystemError(error: unknown): { code: string; path: string; asDatabase: DatabaseIoCode } | undefined {
  for (const message of messagesOf(error)) {
    const m = ON_FILE.exec(message);
    const words = m ? SYSTEM_WORDS.find(([w]) => w.test(m[2]!)) : undefined;
    if (words) return { code: words[1], path: m![1]!, asDatabase: words[2] };
  }
  return undefined;
}

/**
 * What `error` (or an error it wraps, through `cause`) says of the database's files; undefined for anything else.
 * `database`: the file being opened or used, for a message that names none.
 */
export function databaseIoError(error: unknown, database: string | null = null): DatabaseIoError | undefined {
  const system = duckDbSystemError(error);
  if (system && !(system.code === "ENOENT" && databaseNamed(system.path) === system.path)) {
    return { code: system.asDatabase, database: databaseNamed(system.path) };
  }
  for (const message of messagesOf(error)) {
    const m = ON_FILE.exec(message);
    if (m && SHORT_READ.test(m[2]!)) return { code: "DATABASE_DAMAGED", database: databaseNamed(m[1]!) };
    if (CORRUPT.test(message)) return { code: "DATABASE_DAMAGED", database };
    if (OUT_OF_MEMORY.test(message)) return { code: "DATABASE_OUT_OF_MEMORY", database };
  }
  return undefined;
}

/** The database file a path of DuckDB's belongs to: `x.duckdb.wal` and `x.duckdb.tmp/duckdb_temp_…` are `x.duckdb`. */
function databaseNamed(file: string): string {
  const spill = /^(.*)\.tmp$/.exec(path.dirname(file));
  if (spill && /^duckdb_temp_/.test(path.basename(file))) return spill[1]!;
  return file.endsWith(".wal") ? file.slice(0, -".wal".length) : file;
}

/** What happened and what to do, in the analyst's words. */
export function databaseIoText({ code, database }: DatabaseIoError): LocalizedText {
  if (code === "DATABASE_DAMAGED") {
    const named = database === null ? "" : ` ${database}`;
    return {
      es: `la base de datos${named} está dañada o incompleta (una copia que no terminó, un disco que falló). Restáurela desde su copia de seguridad; si no la hay, los libros recibidos se pueden cargar de nuevo en una base nueva con pa1325 ingest, y los datos maestros con pa1325 load.`,
      en: `the database${named} is damaged or incomplete (a copy that did not finish, a failing disk). Restore it from its backup; without one, the workbooks received can be loaded again into a new database with pa1325 ingest, and the master data with pa1325 load.`,
    };
  }
  if (code === "DATABASE_OUT_OF_MEMORY") {
    const named = database === null ? "" : ` ${database}`;
    return {
      es: `DuckDB no pudo reservar más memoria para trabajar con la base de datos${named}. Lo que no cabe en memoria lo escribe por un momento en el disco, junto a la base: o ese disco está casi lleno, o la orden necesitó más memoria de la que había libre. Libere espacio en ese disco o cierre otros programas, y vuelva a ejecutar la orden; si se repite, envíe a quien mantiene PA1325 lo que muestra la orden con --debug.`,
      en: `DuckDB could not get more memory to work with the database${named}. What does not fit in memory it writes for a while to the disk beside the database: either that disk is nearly full, or the command needed more memory than was free. Free some space on that disk or close other programs, and run the command again; if it happens again, send whoever maintains PA1325 what the command shows with --debug.`,
    };
  }
  const folder = path.dirname(path.resolve(database ?? "."));
  switch (code) {
    case "DATABASE_DISK_FULL":
      return {
        es: `no queda espacio en el disco donde está la base de datos ${database}. Libere espacio en ese disco y vuelva a ejecutar la orden.`,
        en: `the disk that holds the database ${database} is full. Free some space on it and run the command again.`,
      };
    case "DATABASE_QUOTA_EXCEEDED":
      return {
        es: `se agotó su cuota de disco en ${folder}, donde está la base de datos ${database}. Libere espacio o pida más cuota, y vuelva a ejecutar la orden.`,
        en: `your disk quota in ${folder}, which holds the database ${database}, is used up. Free some space or ask for a larger quota, and run the command again.`,
      };
    case "DATABASE_FILE_TOO_LARGE":
      return {
        es: `la base de datos ${database} llegó al tamaño de archivo más grande que permite su disco o su cuenta (4 GB en una memoria USB con FAT32). Muévala a un disco sin ese límite, indíquela con --db y vuelva a ejecutar la orden.`,
        en: `the database ${database} has reached the largest file its disk or account allows (4 GB on a FAT32 USB drive). Move it to a disk without that limit, point --db at it and run the command again.`,
      };
    case "DATABASE_READ_ONLY":
      return {
        es: `la base de datos ${database} está en un disco de solo lectura y PA1325 necesita escribir en ella (o crearla). Indique con --db un archivo en una carpeta donde pueda escribir; si la base ya existe, cópiela allí primero.`,
        en: `the database ${database} is on a read-only disk, and PA1325 needs to write to it (or create it). Point --db at a file in a folder you can write to; if the database already exists, copy it there first.`,
      };
    case "DATABASE_NOT_PERMITTED":
      return {
        es: `no tiene permiso para escribir en la base de datos ${database} (o en ${folder}). Use una carpeta propia con --db, o pida acceso a esa.`,
        en: `you do not have permission to write to the database ${database} (or in ${folder}). Use a folder of your own with --db, or ask for access to that one.`,
      };
    case "DATABASE_UNREACHABLE":
      return {
        es: `la base de datos ${database} dejó de estar al alcance mientras se usaba: su disco o su carpeta ya no responde o ya no está (una unidad de red o una memoria USB que se desconectó, o la carpeta movida o borrada). Vuelva a conectar la unidad, o devuelva la carpeta a su lugar, y ejecute la orden otra vez; si la carpeta se borró, restaure la base desde su copia de seguridad.`,
        en: `the database ${database} went out of reach while in use: its disk or folder no longer answers or is gone (a network drive or USB stick disconnected, or the folder moved or deleted). Reconnect the drive, or put the folder back, and run the command again; if the folder was deleted, restore the database from its backup.`,
      };
    case "DATABASE_IO_ERROR":
      return {
        es: `el disco donde está la base de datos ${database} falló al leer o escribir (error de entrada/salida). Revise el disco y vuelva a intentarlo; si se repite, restaure la base desde su copia de seguridad.`,
        en: `the disk that holds the database ${database} failed to read or write (an input/output error). Check the disk and try again; if it happens again, restore the database from its backup.`,
      };
  }
}

/**
 * The PipelineError for such a failure, `after` appended to its text (what the failure means for the command's own
 * work); undefined when `error` is not one.
 */
export function databaseIoPipelineError(error: unknown, after: LocalizedText = { es: "", en: "" }, database: string | null = null): PipelineError | undefined {
  const io = databaseIoError(error, database);
  return io ? inWords(io, after, error) : undefined;
}

/** A writer's database no longer where it was opened (its folder deleted, moved or unmounted), `after` appended. */
export function databaseGonePipelineError(database: string, after: LocalizedText): PipelineError {
  return inWords({ code: "DATABASE_UNREACHABLE", database }, after);
}

function inWords(io: DatabaseIoError, after: LocalizedText, cause?: unknown): PipelineError {
  const text = databaseIoText(io);
  const join = (a: string, b: string) => (b ? `${a} ${b}` : a);
  return new PipelineError(io.code, { es: join(text.es, after.es), en: join(text.en, after.en) }, EXIT.fatal, cause);
}

/** `error` thrown while using `database`: a failure of its disk or file in words, naming it; anything else as it is. */
export function inDatabaseWords(error: unknown, database: string): unknown {
  return error instanceof PipelineError ? error : (databaseIoPipelineError(error, undefined, database) ?? error);
}

/** `error` as the CLI reports it: a PipelineError as it is, a failure of the database's disk in words; else undefined. */
export function asPipelineError(error: unknown): PipelineError | undefined {
  return error instanceof PipelineError ? error : databaseIoPipelineError(error);
}
