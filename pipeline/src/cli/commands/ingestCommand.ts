import path from "node:path";
import type { Language } from "../../../../core/src/i18n/Language";
import { asPipelineError } from "../../db/databaseIoError";
import { configureDuckDbAllocatorForRun, SHORT_RUN_FILES } from "../../db/duckdbAllocator";
import { collectFiles, looksLikeSpreadsheet } from "../../ingest/collectFiles";
import { ingestInWorker } from "../../ingest/ingestInWorker";
import type { IngestSummary } from "../../ingest/IngestResult";
import { interruptedExitCode, stopRequests, type CommandContext } from "../CommandContext";
import { resolveDatabaseFile } from "../databaseFile";
import { arrivalTimesOption, parseCommandArgs, usageError } from "../parseCommandArgs";
import { EXIT } from "../PipelineError";
import { createProgressBar } from "../progressBar";

const HELP = {
  es: `Uso: pa1325 ingest RUTA... [--db ARCHIVO] [--dry-run] [--json] [--arrival-times-from BASE_ANTERIOR]

Carga los libros .xlsx indicados (y los de las carpetas, recursivamente) en la base de datos.
Cada archivo se acepta entero o se rechaza con todos sus problemas; un reenvío de la misma institución y
semestre reemplaza al anterior (que queda como historial); el mismo archivo otra vez no cambia nada.
  --db ARCHIVO   base de datos (por omisión ./pa1325.duckdb o la variable PA1325_DB)
  --dry-run      muestra lo que pasaría sin modificar la base de datos
  --json         imprime un resumen legible por máquina
  --arrival-times-from BASE_ANTERIOR
                 para rehacer la base desde el archivo de libros recibidos (clave nueva, base perdida): los
                 archivos que esa base conocía se cargan en el orden en que llegaron y con su fecha de recepción
Código de salida: 0 todo aceptado; 1 algún archivo rechazado, o alguna carpeta que no se pudo abrir o enlace a
carpeta que no se siguió (lo demás se guardó); 2 error de uso o fatal; 130 detenido con Ctrl+C (lo ya informado
quedó guardado; el mismo comando otra vez carga el resto).`,
  en: `Usage: pa1325 ingest PATH... [--db FILE] [--dry-run] [--json] [--arrival-times-from EARLIER_DB]

Loads the given .xlsx workbooks (and those in folders, recursively) into the database.
Each file is accepted whole or refused with all its problems; a resubmission by the same institution for the
same semester replaces the earlier one (kept as history); the same file again changes nothing.
  --db FILE      database (default ./pa1325.duckdb or the PA1325_DB variable)
  --dry-run      shows what would happen without changing the database
  --json         prints a machine-readable summary
  --arrival-times-from EARLIER_DB
                 to remake the database from the archive of workbooks received (a new key, a lost database):
                 files that database knew are loaded in the order they arrived and dated when they were received
Exit code: 0 all accepted; 1 some file refused, or some folder could not be opened or link to a folder was not
followed (the rest was stored); 2 usage or fatal error; 130 stopped with Ctrl+C (what was reported is stored; the
same command again loads the rest).`,
};

export async function ingestCommand(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    "ingest",
    args,
    {
      db: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      "arrival-times-from": { type: "string" },
      help: { type: "boolean", default: false },
    },
    true,
  );
  const { stdout, stderr } = ctx.effects;
  if (values.help) {
    stdout(HELP[ctx.language]);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw usageError("ingest", { es: "Indique al menos un archivo o carpeta.", en: "Give at least one file or folder." });
  const dbFile = resolveDatabaseFile(values.db, ctx.effects.env);
  const arrivalTimesFrom = arrivalTimesOption("ingest", values["arrival-times-from"], dbFile);
  const lang = ctx.language;
  const bar = createProgressBar((t) => process.stderr.write(t), ctx.effects.isTTY && !values.json);
  // Results are printed as each file is decided and not kept, so memory stays flat whatever the folder's size;
  // --json streams the same way (a "files" array first, the counts after it).
  // Each file's object is printed when the next one comes (with its comma) or at the end: one held at a time.
  let held: string | undefined;
  if (values.json) stdout(`{\n  "files": [`);
  /** The last file's object, then `members` after the files, at their depth (JSON.stringify indents them by 2 already). */
  const endJson = (members: Record<string, unknown>) => {
    if (held !== undefined) stdout(held);
    stdout(`  ],\n${JSON.stringify(members, null, 2).slice(2, -2)}\n}`);
  };
  // Ctrl+C: the files already checked are committed and reported, the database is closed cleanly, and the summary
  // says how far the run got (a second Ctrl+C quits at once).
  const stop = stopRequests(ctx.effects, () => {
    bar.done();
    stderr(
      lang === "es"
        ? "Deteniendo: se guardan los archivos ya revisados y se cierra la base de datos. Pulse Ctrl+C otra vez para salir de inmediato (los archivos ya informados quedan guardados)."
        : "Stopping: the files already checked are being stored and the database closed. Press Ctrl+C again to quit at once (the files already reported stay stored).",
    );
  });
  // In a worker thread with a capped heap (ingestInWorker): garbage cannot grow the ingest's heap past 128 MB. First,
  // in the command's own process (not a test's), DuckDB's allocator gets its options for a run of this length.
  const summary = await forThisRun(positionals, ctx.effects.env)
    .then(() =>
      ingestInWorker(
        positionals,
        { dbFile, dryRun: values["dry-run"], maxFileBytes: 50 * 1_048_576, keepResults: false, ...(arrivalTimesFrom !== undefined && { arrivalTimesFrom }) },
        {
          clock: ctx.effects.clock,
          env: ctx.effects.env,
          warn: (t) => stderr(`! ${t[lang]}`),
          progress: (done, total, file) => bar.update(done, total, path.basename(file)),
          // Each file's text is made in the ingest's thread (fileOutput.ts): this thread only prints it.
          output: {
            format: values.json ? "json" : "text",
            language: lang,
            write: (text) => {
              if (values.json) {
                if (held !== undefined) stdout(`${held},`);
                held = text;
                return;
              }
              bar.done();
              stdout(text);
            },
          },
          signal: stop.signal,
        },
      ),
    )
    .catch((error: unknown) => {
      // A run that fails still ends its JSON document, with the error in it (and on stderr, exit 2, as always): a
      // script reading --json gets what was stored before the failure, not a parse error.
      if (values.json) {
        const known = asPipelineError(error);
        const failure = known ? { code: known.code, message: known.text[lang] } : { code: "UNEXPECTED", message: error instanceof Error ? error.message : String(error) };
        endJson({ error: failure });
      }
      throw error;
    })
    .finally(() => stop.dispose());
  bar.done();
  if (values.json) {
    const { dryRun, database, counts, skipped, linkedFolders, found, interrupted, arrivals } = summary;
    const unreadable = summary.unreadable.map((u) => ({ path: u.path, message: u.reason[lang] }));
    endJson({ dryRun, database, counts, skipped, unreadable, linkedFolders, found, interrupted, ...(arrivals && { arrivals }) });
  } else for (const line of describeSummary(summary, lang)) stdout(line);
  if (summary.interrupted) return interruptedExitCode(stop.by ?? "SIGINT");
  // A folder not read, or a link to a folder not followed, may hold workbooks that were not loaded: not "everything accepted".
  return summary.counts.rejected > 0 || summary.unreadable.length > 0 || summary.linkedFolders.length > 0 ? EXIT.rejected : EXIT.ok;
}

/**
 * Counts the workbooks the paths hold, up to one more than a short run's, and sets DuckDB's allocator for a run of
 * that length (duckdbAllocator.ts), when the command runs in its own process: `env` is then this process's
 * environment, read by the allocator when the ingest's thread loads DuckDB. Listing a whole archive here would
 * grow this thread's heap for the rest of the run (27,000 files: +30 MB of young generation, kept); the ingest's
 * thread lists the folders again anyway.
 */
async function forThisRun(paths: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  if (env !== process.env) return;
  const { files } = await collectFiles(paths, { stopAfter: SHORT_RUN_FILES });
  configureDuckDbAllocatorForRun(files.length, env);
}

export function describeSummary(s: IngestSummary, lang: Language): string[] {
  const c = s.counts;
  const es = lang === "es";
  const lines = [
    "",
    es
      ? `${c.files} archivo(s): ${c.accepted} aceptado(s), ${c.replaced} reemplazo(s), ${c.unchanged} sin cambios, ${c.rejected} rechazado(s). Base de datos: ${s.database}`
      : `${c.files} file(s): ${c.accepted} accepted, ${c.replaced} replaced, ${c.unchanged} unchanged, ${c.rejected} refused. Database: ${s.database}`,
  ];
  if (s.found === 0) lines.push(es ? "No se encontró ningún libro .xlsx en las rutas indicadas." : "No .xlsx workbook was found in the paths given.");
  if (s.arrivals) {
    const others = s.found - s.arrivals.known;
    lines.push(
      es
        ? `${s.arrivals.known} de ${s.found} archivo(s) se cargaron en el orden y con la fecha en que ${s.arrivals.from} los recibió por primera vez${others > 0 ? `; los otros ${others} no estaban en ella y llevan la fecha de hoy` : ""}.`
        : `${s.arrivals.known} of ${s.found} file(s) were loaded in the order and with the date ${s.arrivals.from} first received them${others > 0 ? `; the other ${others} were not in it and are dated today` : ""}.`,
    );
  }
  // A spreadsheet in another format is most likely a submission saved wrongly: named, with what to ask for.
  const spreadsheets = s.skipped.filter(looksLikeSpreadsheet);
  if (spreadsheets.length > 0) {
    lines.push(
      es
        ? `${spreadsheets.length} archivo(s) parecen hojas de cálculo pero no son .xlsx y no se cargaron; pida a la institución que los guarde como «Libro de Excel (.xlsx)» y los envíe de nuevo:`
        : `${spreadsheets.length} file(s) look like spreadsheets but are not .xlsx and were not loaded; ask the institution to save them as "Excel Workbook (.xlsx)" and send them again:`,
      ...spreadsheets.map((f) => `    ${f}`),
    );
  }
  if (s.unreadable.length > 0) {
    lines.push(
      es
        ? `${s.unreadable.length} carpeta(s) no se pudieron abrir; los libros que contengan no se cargaron:`
        : `${s.unreadable.length} folder(s) could not be opened; any workbooks in them were not loaded:`,
      ...s.unreadable.map((u) => `    ${u.path}: ${u.reason[lang]}`),
      es
        ? "    Pida acceso (o copie los archivos a una carpeta suya) y ejecute el mismo comando otra vez: lo ya cargado no cambia."
        : "    Ask for access (or copy the files to a folder of your own) and run the same command again: what is already loaded does not change.",
    );
  }
  if (s.linkedFolders.length > 0) {
    lines.push(
      es
        ? `${s.linkedFolders.length} enlace(s) a carpetas fuera de las indicadas no se siguieron; los libros que contengan no se cargaron. Para cargarlos, indique esas carpetas en el comando:`
        : `${s.linkedFolders.length} link(s) to folders outside those given were not followed; any workbooks in them were not loaded. To load them, give those folders on the command line:`,
      ...s.linkedFolders.map((l) => `    ${l.path} → ${l.target}`),
    );
  }
  const others = s.skipped.length - spreadsheets.length;
  if (others > 0) lines.push(es ? `${others} archivo(s) que no son hojas de cálculo se dejaron de lado.` : `${others} file(s) that are not spreadsheets were left alone.`);
  if (s.dryRun) lines.push(es ? "Simulación (--dry-run): no se guardó nada." : "Dry run (--dry-run): nothing was stored.");
  if (s.interrupted) {
    lines.push(
      es
        ? `Interrumpido: se procesaron ${c.files} de ${s.found} archivo(s); los demás no se cargaron. Ejecute el mismo comando otra vez para cargar el resto (los archivos ya cargados no cambian nada).`
        : `Interrupted: ${c.files} of ${s.found} file(s) were processed; the rest were not loaded. Run the same command again to load them (files already loaded change nothing).`,
    );
  }
  if (c.rejected > 0) {
    lines.push(
      es
        ? "Los archivos rechazados no se guardaron: corrija lo indicado (o pida a la institución que lo haga) y vuelva a cargarlos."
        : "Refused files were not stored: fix what is listed (or ask the institution to) and load them again.",
    );
  }
  return lines;
}
