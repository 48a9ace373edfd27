import path from "node:path";
import type { Language } from "../../../../core/src/i18n/Language";
import { asPipelineError } from "../../db/databaseIoError";
import { configureDuckDbAllocatorForRun, SHORT_RUN_FILES } from "../../db/duckdbAllocator";
import { collectFiles, looksLikeSpreadsheet } from "../../ingest/collectFiles";
import { deliverableStatusLabel, deliverableStatusOf } from "../../ingest/describeValueKey";
import { ingestInWorker } from "../../ingest/ingestInWorker";
import type { FileResult, IngestSummary, ValueChange } from "../../ingest/IngestResult";
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

/** Issues listed under a refused file before "and N more". */
const SHOWN_ISSUES = 12;

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
          onFile: (r) => {
            if (values.json) {
              if (held !== undefined) stdout(`${held},`);
              held = indent(JSON.stringify(fileJson(r, lang), null, 2), 4);
              return;
            }
            bar.done();
            for (const line of describeFile(r, lang)) stdout(line);
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

export function describeFile(r: FileResult, lang: Language): string[] {
  const name = path.basename(r.file);
  const es = lang === "es";
  switch (r.status) {
    case "accepted":
    case "replaced": {
      const warnings = r.issues.filter((i) => i.severity === "warning").length;
      const changed = changeLines(r.changes, lang);
      const head =
        r.status === "accepted"
          ? es
            ? `aceptado     ${name}: ${r.institution} ${r.period} versión ${r.version}; ${count(r.values, "valor", "valores")}, ${r.roster} en el registro, ${warnings} aviso(s)`
            : `accepted     ${name}: ${r.institution} ${r.period} version ${r.version}; ${count(r.values, "value", "values")}, ${r.roster} on the roster, ${warnings} warning(s)`
          : es
            ? `reemplazado  ${name}: ${r.institution} ${r.period} versión ${r.version} reemplaza a la ${r.replacedVersion}; ${changed.length} valor(es) cambiado(s), ${warnings} aviso(s)`
            : `replaced     ${name}: ${r.institution} ${r.period} version ${r.version} replaces ${r.replacedVersion}; ${changed.length} value(s) changed, ${warnings} warning(s)`;
      const warningLines = r.issues
        .filter((i) => i.severity === "warning")
        .slice(0, SHOWN_ISSUES)
        .map((i) => `    ${i.sheet ? `${i.sheet}!${i.cell}` : ""} ${i.code}: ${i.message[lang]}`);
      const changes = changed.slice(0, SHOWN_ISSUES).map((line) => `    ${line}`);
      const more = changed.length > SHOWN_ISSUES ? [es ? `    … y ${changed.length - SHOWN_ISSUES} cambio(s) más (vea --json)` : `    … and ${changed.length - SHOWN_ISSUES} more change(s) (see --json)`] : [];
      return [head, ...changes, ...more, ...warningLines];
    }
    case "unchanged":
      return [
        es
          ? `sin cambios  ${name}: ya estaba cargado (${r.institution} ${r.period} versión ${r.version}, envío ${r.submissionId})`
          : `unchanged    ${name}: already loaded (${r.institution} ${r.period} version ${r.version}, submission ${r.submissionId})`,
      ];
    case "rejected": {
      const head = es ? `RECHAZADO    ${name}: ${r.reason.message.es}` : `REFUSED      ${name}: ${r.reason.message.en}`;
      const errors = r.issues.filter((i) => i.severity === "error");
      const listed = errors.length > 1 || (errors.length === 1 && errors[0]!.code !== r.reason.code) ? errors : [];
      const lines = listed.slice(0, SHOWN_ISSUES).map((i) => `    ${i.sheet ? `${i.sheet}!${i.cell}` : i.cell ?? ""} ${i.code}: ${i.message[lang]}`);
      const more = listed.length > SHOWN_ISSUES ? [es ? `    … y ${listed.length - SHOWN_ISSUES} problema(s) más (vea --json o la tabla ingest_issues)` : `    … and ${listed.length - SHOWN_ISSUES} more problem(s) (see --json or the ingest_issues table)`] : [];
      return [head, ...lines, ...more];
    }
  }
}

/**
 * What a resubmission changed, one line each, in words: "E19 PREV-2.1 · Oficiales · Mujeres: 5 → 7". A
 * deliverable whose status changed is stored as one status gone and another new (two changes in `--json`); it is
 * one line here: "E5 PREV-3.1 · estado: En elaboración → Aprobado".
 */
export function changeLines(changes: readonly ValueChange[], lang: Language): string[] {
  const lines: string[] = [];
  const statuses = new Map<string, { cell: string | null; before?: string; after?: string; line: number }>();
  for (const c of changes) {
    const deliverable = deliverableStatusOf(c.key);
    if (!deliverable) {
      lines.push(`${c.cell ?? ""} ${c.label[lang]}: ${c.before ?? "—"} → ${c.after ?? "—"}`);
      continue;
    }
    let entry = statuses.get(deliverable.indicator);
    if (!entry) statuses.set(deliverable.indicator, (entry = { cell: c.cell, line: lines.push("") - 1 }));
    const label = deliverableStatusLabel(deliverable.status)[lang];
    if (c.after === null) entry.before = label;
    else entry.after = label;
  }
  for (const [indicator, e] of statuses) {
    lines[e.line] = `${e.cell ?? ""} ${indicator} · ${lang === "es" ? "estado" : "status"}: ${e.before ?? "—"} → ${e.after ?? "—"}`;
  }
  return lines;
}

/** "1 valor", "14 valores": a count with its noun in the right number. */
function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
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

function fileJson(r: FileResult, lang: Language) {
  return {
    file: r.file,
    status: r.status,
    sha256: r.sha256,
    submissionId: r.status === "rejected" ? null : r.submissionId,
    institution: r.status === "rejected" ? null : r.institution,
    period: r.status === "rejected" ? null : r.period,
    version: r.status === "rejected" ? null : r.version,
    replacedVersion: r.status === "replaced" ? r.replacedVersion : null,
    reason: r.status === "rejected" ? { code: r.reason.code, message: r.reason.message[lang] } : null,
    changes: r.status === "accepted" || r.status === "replaced" ? r.changes.map((c) => ({ key: c.key, label: c.label[lang], cell: c.cell, before: c.before, after: c.after })) : [],
    issues: r.issues.map((i) => ({ code: i.code, severity: i.severity, sheet: i.sheet, cell: i.cell, indicator: i.indicator, message: i.message[lang] })),
  };
}

/** `text` with every line indented by `spaces` (one pass: an array of lines per file made the main thread's young generation grow). */
function indent(text: string, spaces: number): string {
  const pad = " ".repeat(spaces);
  return pad + text.replace(/\n/g, `\n${pad}`);
}
