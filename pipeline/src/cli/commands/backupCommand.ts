import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { backupDatabase, fileStamp, freeName } from "../../db/backupDatabase";
import { inDatabaseWords } from "../../db/databaseIoError";
import { makeFolder, removeEmptyFolders } from "../../files/makeFolder";
import { removeStaleTemporaries } from "../../files/writeFileAtomic";
import { untilStopped, type CommandContext } from "../CommandContext";
import { requireExistingDatabase, resolveDatabaseFile } from "../databaseFile";
import { parseCommandArgs, usageError } from "../parseCommandArgs";
import { EXIT } from "../PipelineError";

const HELP = {
  es: `Uso: pa1325 backup --to ARCHIVO|CARPETA [--db ARCHIVO] [--force] [--lang es|en]

Copia la base de datos entera mientras la retiene (ninguna otra orden de pa1325 la modifica entretanto), vuelve a
leer la copia y la compara tabla por tabla con la base. Con una CARPETA (que exista, o escrita con / al final),
la copia se llama <base>-AAAAMMDD-HHMMSS.duckdb dentro de ella (UTC; -2, -3… detrás si ya existe). Con Ctrl+C
antes de que la copia ocupe su nombre, no se escribe nada. La clave de seudonimización no se copia: guarde su
copia en otro lugar que la de la base (juntas permiten revertir los seudónimos).
  --force   reemplaza ARCHIVO si ya existe`,
  en: `Usage: pa1325 backup --to FILE|FOLDER [--db FILE] [--force] [--lang es|en]

Copies the whole database while holding it (no other pa1325 command changes it meanwhile), reads the copy back and
compares it with the database table by table. With a FOLDER (one that exists, or written with a final /), the copy
is named <database>-YYYYMMDD-HHMMSS.duckdb inside it (UTC; -2, -3… after it when taken). Ctrl+C before the copy
takes its name writes nothing. The pseudonymisation key is not copied: keep its copy somewhere other than the
database's (together they make the pseudonyms reversible).
  --force   replace FILE if it exists`,
};

/** `pa1325 backup`: a verified copy of the database. */
export async function backupCommand(args: string[], ctx: CommandContext): Promise<number> {
  const { values } = parseCommandArgs("backup", args, {
    to: { type: "string" },
    db: { type: "string" },
    force: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  });
  const { stdout } = ctx.effects;
  const es = ctx.language === "es";
  if (values.help) {
    stdout(HELP[ctx.language]);
    return EXIT.ok;
  }
  if (!values.to) throw usageError("backup", { es: "Falta --to (el archivo o la carpeta de la copia).", en: "--to is missing (the file or folder of the copy)." });
  const dbFile = resolveDatabaseFile(values.db, ctx.effects.env);
  requireExistingDatabase(dbFile);
  const target = backupTarget(values.to, dbFile, ctx.effects.now());
  if (target === dbFile || target === `${dbFile}.wal`) {
    throw usageError("backup", { es: `--to es la propia base de datos (${dbFile}): indique otro archivo.`, en: `--to is the database itself (${dbFile}): give another file.` });
  }
  if (existsSync(target) && !values.force) {
    throw usageError("backup", {
      es: `${target} ya existe: no se reemplaza sin --force (o indique una carpeta y la copia llevará la fecha en el nombre).`,
      en: `${target} already exists: it is not replaced without --force (or give a folder, and the copy's name will carry the date).`,
    });
  }
  const made = await makeFolder(path.dirname(target));
  // What a backup that was killed half-way left (its temporary copy), when its process is gone.
  await removeStaleTemporaries(path.dirname(target));
  const replacing = existsSync(target);
  // A backup refused (the database in use, a full disk) or stopped leaves no empty folder of its own behind.
  const removeMadeFolders = async () => {
    if (made !== undefined) await removeEmptyFolders(path.dirname(target), made);
  };
  // Ctrl+C (or SIGTERM) while the database is checkpointed, read, copied and compared: no copy is written (its
  // temporary copy is removed), and the analyst is told so. Once the copy is being renamed into place, it finishes.
  let run;
  try {
    run = await untilStopped(
      ctx.effects,
      {
        stopping: () =>
          ctx.effects.stderr(
            es
              ? "Deteniendo: no se escribirá la copia, salvo que ya se esté poniendo en su lugar. Pulse Ctrl+C otra vez para salir de inmediato."
              : "Stopping: the backup will not be written unless it is already being put in place. Press Ctrl+C again to quit at once.",
          ),
        interrupted: () =>
          ctx.effects.stderr(
            es
              ? `Interrumpido: no se escribió la copia ${target}${replacing ? " (la que ya había queda como estaba)" : ""}; la base de datos no cambió.`
              : `Interrupted: the backup ${target} was not written${replacing ? " (the one already there is as it was)" : ""}; the database is unchanged.`,
          ),
        completed: () =>
          ctx.effects.stderr(
            es
              ? "La copia ya se estaba poniendo en su lugar cuando llegó la interrupción: quedó completa."
              : "The backup was already being put in place when the interruption came: it is complete.",
          ),
      },
      async (signal) => {
        try {
          return await backupDatabase(dbFile, target, signal);
        } catch (error) {
          // The stop's own reason comes through unchanged (it is no failure of the disk).
          throw inDatabaseWords(error, dbFile);
        }
      },
    );
  } catch (error) {
    await removeMadeFolders();
    throw error;
  }
  if ("exitCode" in run) {
    await removeMadeFolders();
    return run.exitCode;
  }
  const result = run.value;
  const mb = (result.bytes / 1_048_576).toFixed(1);
  stdout(
    es
      ? `Copia escrita: ${result.file} (${mb} MB, esquema ${result.schemaVersion}, ${result.submissions} envío(s)); leída de nuevo e igual a la base en sus ${result.tablesCompared} tablas.`
      : `Backup written: ${result.file} (${mb} MB, schema ${result.schemaVersion}, ${result.submissions} submission(s)); read back and equal to the database in all ${result.tablesCompared} tables.`,
  );
  stdout(
    es
      ? "La clave de seudonimización no está en la copia: guarde la suya en otro lugar que esta copia."
      : "The pseudonymisation key is not in the copy: keep its copy somewhere other than this one.",
  );
  return EXIT.ok;
}

/**
 * `--to` as a file, or, for a folder (one that exists, or any path written with a final slash), a dated name inside
 * it (UTC, so that the names sort by time), with -2, -3… after the time for a second backup in the same second.
 */
function backupTarget(given: string, dbFile: string, now: Date): string {
  const to = path.resolve(given);
  const folder = /[\\/]$/.test(given) || (existsSync(to) && statSync(to).isDirectory());
  if (!folder) return to;
  return freeName(path.join(to, `${path.basename(dbFile, ".duckdb")}-${fileStamp(now)}`), ".duckdb");
}
