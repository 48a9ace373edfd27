import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { fileStamp, restoreDatabase } from "../../db/backupDatabase";
import { inDatabaseWords } from "../../db/databaseIoError";
import { makeFolder } from "../../files/makeFolder";
import { removeStaleTemporaries } from "../../files/writeFileAtomic";
import { untilStopped, type CommandContext } from "../CommandContext";
import { resolveDatabaseFile } from "../databaseFile";
import { parseCommandArgs, usageError } from "../parseCommandArgs";
import { EXIT, PipelineError } from "../PipelineError";

const HELP = {
  es: `Uso: pa1325 restore --from COPIA [--db ARCHIVO] [--lang es|en]

Pone una copia de seguridad en el lugar de la base de datos. Lee la copia entera (se rechaza si está dañada o si la
hizo una versión más nueva de PA1325), la copia junto a la base y la compara tabla por tabla antes de ponerla en su
lugar. La base que reemplaza no se borra: queda como <base>.replaced-AAAAMMDD-HHMMSS (con su .wal, si lo tenía).
No se puede restaurar mientras otra orden de pa1325 usa la base. Use la clave de seudonimización con la que se hizo
la copia. Ctrl+C antes de que la copia ocupe el lugar de la base no restaura nada (código de salida 130).`,
  en: `Usage: pa1325 restore --from BACKUP [--db FILE] [--lang es|en]

Puts a backup in the database's place. Reads the backup whole (refused if it is damaged or a newer PA1325 made it),
copies it beside the database and compares it table by table before putting it in place. The database it replaces
is not deleted: it is kept as <database>.replaced-YYYYMMDD-HHMMSS (with its .wal, if it had one). It cannot restore
while another pa1325 command is using the database. Use the pseudonymisation key the backup was made with.
Ctrl+C before the copy takes the database's place restores nothing (exit code 130).`,
};

/** `pa1325 restore`: a backup back in the database's place, the database it replaces kept aside. */
export async function restoreCommand(args: string[], ctx: CommandContext): Promise<number> {
  const { values } = parseCommandArgs("restore", args, { from: { type: "string" }, db: { type: "string" }, help: { type: "boolean", default: false } });
  const { stdout } = ctx.effects;
  const es = ctx.language === "es";
  if (values.help) {
    stdout(HELP[ctx.language]);
    return EXIT.ok;
  }
  if (!values.from) throw usageError("restore", { es: "Falta --from (la copia de seguridad que restaurar).", en: "--from is missing (the backup to restore)." });
  const backup = path.resolve(values.from);
  const dbFile = resolveDatabaseFile(values.db, ctx.effects.env);
  if (!existsSync(backup) || statSync(backup).isDirectory()) {
    const folder = existsSync(backup);
    throw new PipelineError(
      "RESTORE_BACKUP_NOT_FOUND",
      {
        es: `${folder ? `${backup} es una carpeta, no una copia` : `no existe la copia ${backup}`}. Indique con --from el archivo .duckdb que escribió pa1325 backup.`,
        en: `${folder ? `${backup} is a folder, not a backup` : `there is no backup ${backup}`}. Give --from the .duckdb file that pa1325 backup wrote.`,
      },
      EXIT.fatal,
    );
  }
  if (backup === dbFile) {
    throw usageError("restore", { es: `--from es la propia base de datos (${dbFile}): indique la copia.`, en: `--from is the database itself (${dbFile}): give the backup.` });
  }
  await makeFolder(path.dirname(dbFile));
  // What a restore that was killed half-way left (its temporary copy), when its process is gone.
  await removeStaleTemporaries(path.dirname(dbFile));
  // Ctrl+C (or SIGTERM) while the backup is read, copied and compared: nothing is restored, its copy is removed, and
  // the analyst is told so. Once the copy is being put in place (the old database kept aside, the copy renamed),
  // the restore finishes.
  const run = await untilStopped(
    ctx.effects,
    {
      stopping: () =>
        ctx.effects.stderr(
          es
            ? "Deteniendo: no se restaurará nada, salvo que la copia ya se esté poniendo en el lugar de la base. Pulse Ctrl+C otra vez para salir de inmediato."
            : "Stopping: nothing will be restored unless the copy is already being put in the database's place. Press Ctrl+C again to quit at once.",
        ),
      interrupted: () => ctx.effects.stderr(es ? `Interrumpido: no se restauró nada; ${dbFile} queda como estaba.` : `Interrupted: nothing was restored; ${dbFile} is as it was.`),
      completed: () =>
        ctx.effects.stderr(
          es
            ? "La copia ya se estaba poniendo en el lugar de la base cuando llegó la interrupción: la restauración quedó completa."
            : "The copy was already being put in the database's place when the interruption came: the restore is complete.",
        ),
    },
    async (signal) => {
      try {
        return await restoreDatabase(backup, dbFile, fileStamp(ctx.effects.now()), signal);
      } catch (error) {
        // The stop's own reason comes through unchanged (it is no failure of the disk).
        throw inDatabaseWords(error, dbFile);
      }
    },
  );
  if ("exitCode" in run) return run.exitCode;
  const result = run.value;
  stdout(
    es
      ? `Restaurada ${result.file} desde ${backup} (esquema ${result.schemaVersion}, ${result.submissions} envío(s)); leída de nuevo e igual a la copia en sus ${result.tablesCompared} tablas.`
      : `Restored ${result.file} from ${backup} (schema ${result.schemaVersion}, ${result.submissions} submission(s)); read back and equal to the backup in all ${result.tablesCompared} tables.`,
  );
  if (result.keptAs !== null) {
    stdout(
      es
        ? `La base que reemplazó queda como ${result.keptAs}: bórrela cuando haya comprobado la restaurada.`
        : `The database it replaced is kept as ${result.keptAs}: delete it once you have checked the restored one.`,
    );
  }
  stdout(
    es
      ? "Los libros cargados después de la copia no están en ella: vuelva a cargarlos con pa1325 ingest (los ya presentes no cambian nada)."
      : "Workbooks loaded after the backup was made are not in it: load them again with pa1325 ingest (those already in it change nothing).",
  );
  return EXIT.ok;
}
