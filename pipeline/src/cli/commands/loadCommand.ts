import path from "node:path";
import type { Language } from "../../../../core/src/i18n/Language";
import type { MasterLoad } from "../../db/masterDataStore";
import { loadMasterData } from "../../masterdata/loadMasterData";
import { isMasterDataset, MASTER_DATASETS } from "../../masterdata/MasterDataset";
import type { MasterIssue } from "../../masterdata/MasterIssue";
import type { MasterLoadResult } from "../../masterdata/MasterLoadResult";
import { MASTER_XLSX_LIMITS } from "../../masterdata/readXlsxTable";
import { createReaderPool } from "../../xlsx/readWorkbook";
import { untilStopped, type CommandContext } from "../CommandContext";
import { resolveDatabaseFile } from "../databaseFile";
import { arrivalTimesOption, parseCommandArgs, usageError } from "../parseCommandArgs";
import { EXIT } from "../PipelineError";
import { createProgressBar } from "../progressBar";

const HELP = {
  es: `Uso: pa1325 load CONJUNTO ARCHIVO [--db ARCHIVO] [--json] [--arrival-times-from BASE_ANTERIOR]

Carga un archivo de datos maestros (.csv UTF-8 o .xlsx) y reemplaza entero el contenido anterior de ese conjunto.
  personnel     personal: una fila por persona (número de servicio, institución, sexo, grado, categoría, estado…)
  training      capacitación: una fila por persona y curso
  deployments   despliegues en misiones de la ONU: una fila por persona y despliegue
  un-gender     archivo mensual público de la ONU «contributions by gender»
  un-targets    metas de la Estrategia de Paridad de Género de la ONU (p. ej. pipeline/data/un-parity-targets.csv)
Las columnas y reglas de cada conjunto están en docs/data-model.md («Datos maestros»). Cualquier error rechaza el
archivo entero (se listan todos, con fila y columna) y los datos vigentes no cambian. Los números de servicio se
guardan seudonimizados con la misma clave que los registros de las plantillas. Parquet no se acepta: expórtelo a CSV.
  --db ARCHIVO   base de datos (por omisión ./pa1325.duckdb o la variable PA1325_DB)
  --json         imprime un resumen legible por máquina, con todos los problemas
  --arrival-times-from BASE_ANTERIOR
                 para rehacer la base desde los archivos guardados (clave nueva, base perdida): si esa base ya
                 había cargado este mismo archivo, la carga lleva la fecha de entonces («datos al» del informe)
Código de salida: 0 cargado, 1 archivo rechazado, 2 error de uso o fatal, 130 detenido con Ctrl+C (no se cargó nada).`,
  en: `Usage: pa1325 load DATASET FILE [--db FILE] [--json] [--arrival-times-from EARLIER_DB]

Loads a master-data file (UTF-8 .csv or .xlsx) and replaces that dataset's previous content whole.
  personnel     personnel: one row per person (service number, institution, sex, rank, category, status…)
  training      training: one row per person and course
  deployments   deployments to UN missions: one row per person and deployment
  un-gender     the UN's public monthly "contributions by gender" file
  un-targets    UN Uniformed Gender Parity Strategy targets (e.g. pipeline/data/un-parity-targets.csv)
Each dataset's columns and rules are in docs/data-model.md ("Master data"). Any error refuses the whole file (all
are listed, with row and column) and the current data stay as they were. Service numbers are stored pseudonymised
with the same key as template rosters. Parquet is not accepted: export it to CSV.
  --db FILE      database (default ./pa1325.duckdb or the PA1325_DB variable)
  --json         prints a machine-readable summary, with every issue
  --arrival-times-from EARLIER_DB
                 to remake a database from the files kept (a new key, a lost database): if that database had
                 loaded this same file, the load is dated then (the report's "data as of")
Exit code: 0 loaded, 1 file refused, 2 usage or fatal error, 130 stopped with Ctrl+C (nothing was loaded).`,
};

/** Issues printed before "and N more" (--json and master_load_issues have them all). */
const SHOWN_ISSUES = 20;

export async function loadCommand(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    "load",
    args,
    { db: { type: "string" }, json: { type: "boolean", default: false }, "arrival-times-from": { type: "string" }, help: { type: "boolean", default: false } },
    true,
  );
  const { stdout, stderr } = ctx.effects;
  if (values.help) {
    stdout(HELP[ctx.language]);
    return EXIT.ok;
  }
  const [dataset, file, ...extra] = positionals;
  const list = MASTER_DATASETS.join(", ");
  if (dataset === undefined || file === undefined || extra.length > 0) {
    throw usageError("load", { es: `Indique un conjunto (${list}) y un archivo.`, en: `Give a dataset (${list}) and one file.` });
  }
  if (!isMasterDataset(dataset)) {
    throw usageError("load", { es: `Conjunto desconocido: ${dataset}. Use uno de: ${list}.`, en: `Unknown dataset: ${dataset}. Use one of: ${list}.` });
  }
  const lang = ctx.language;
  const bar = createProgressBar((t) => process.stderr.write(t), ctx.effects.isTTY && !values.json);
  const dbFile = resolveDatabaseFile(values.db, ctx.effects.env);
  const arrivalTimesFrom = arrivalTimesOption("load", values["arrival-times-from"], dbFile);
  const es = lang === "es";
  // Ctrl+C (or SIGTERM) while the file is read and checked: nothing is stored, and the analyst is told so. Once
  // storing has begun it finishes (one transaction), and the result says the load is complete.
  const run = await untilStopped(
    ctx.effects,
    {
      stopping: () => {
        bar.done();
        stderr(
          es
            ? "Deteniendo: no se cargará nada si aún no se está guardando, y la base queda como estaba. Pulse Ctrl+C otra vez para salir de inmediato."
            : "Stopping: nothing will be loaded unless storing has begun, and the database stays as it was. Press Ctrl+C again to quit at once.",
        );
      },
      interrupted: () => {
        bar.done();
        stderr(es ? `Interrumpido: no se cargó nada de ${path.basename(file)}; ${dbFile} queda como estaba.` : `Interrupted: nothing of ${path.basename(file)} was loaded; ${dbFile} is as it was.`);
      },
      // Ctrl+C came while the rows were being stored: they were, whole.
      completed: () =>
        stderr(es ? "La carga ya se estaba guardando cuando llegó la interrupción: quedó completa." : "The load was already being stored when the interruption came: it is complete."),
    },
    (signal) =>
      loadMasterData(
        { dataset, file, dbFile, ...(arrivalTimesFrom !== undefined && { arrivalTimesFrom }) },
        {
          now: ctx.effects.now,
          env: ctx.effects.env,
          warn: (t) => stderr(`! ${t[lang]}`),
          progress: (done, total) => bar.update(done, total, es ? "filas revisadas" : "rows checked"),
          createReader: () => createReaderPool({ size: 1, limits: MASTER_XLSX_LIMITS }),
          signal,
        },
      ),
  );
  bar.done();
  if ("exitCode" in run) return run.exitCode;
  const result = run.value;
  if (values.json) stdout(JSON.stringify(toJson(result, lang), null, 2));
  else for (const line of describeLoad(result, lang)) stdout(line);
  return result.status === "loaded" ? EXIT.ok : EXIT.rejected;
}

export function describeLoad(r: MasterLoadResult, lang: Language): string[] {
  const es = lang === "es";
  const name = path.basename(r.file);
  const errors = r.issues.filter((i) => i.severity === "error");
  const warnings = r.issues.filter((i) => i.severity === "warning");
  const lines: string[] = [];
  if (r.status === "loaded") {
    const replaced = r.previous
      ? es
        ? `; reemplaza la carga ${r.previous.loadId} (${rowCount(r.previous.rowCount, lang)}, ${stamp(r.previous.loadedAt)}${r.sameFileAsPrevious ? ", el mismo archivo" : ""})`
        : `; replaces load ${r.previous.loadId} (${rowCount(r.previous.rowCount, lang)}, ${stamp(r.previous.loadedAt)}${r.sameFileAsPrevious ? ", the same file" : ""})`
      : es
        ? "; primera carga de este conjunto"
        : "; first load of this dataset";
    lines.push(
      es
        ? `cargado    ${r.dataset}: ${rowCount(r.rows, lang)} de ${name} (carga ${r.loadId})${replaced}; ${warnings.length} aviso(s).`
        : `loaded     ${r.dataset}: ${rowCount(r.rows, lang)} from ${name} (load ${r.loadId})${replaced}; ${warnings.length} warning(s).`,
    );
    lines.push(...arrivalLines(r, lang));
    lines.push(...warnings.map((i) => `  ! ${describeIssue(i, lang)}`));
    return lines;
  }
  const kept = r.previous
    ? es
      ? `sigue vigente la carga ${r.previous.loadId} (${rowCount(r.previous.rowCount, lang)}, ${stamp(r.previous.loadedAt)})`
      : `load ${r.previous.loadId} stays current (${rowCount(r.previous.rowCount, lang)}, ${stamp(r.previous.loadedAt)})`
    : es
      ? "el conjunto sigue vacío"
      : "the dataset stays empty";
  lines.push(
    es
      ? `RECHAZADO  ${r.dataset}: ${name} tiene ${errors.length} error(es); no se cargó nada y ${kept}. Rechazo registrado como carga ${r.loadId}.`
      : `REFUSED    ${r.dataset}: ${name} has ${errors.length} error(s); nothing was loaded and ${kept}. Refusal recorded as load ${r.loadId}.`,
  );
  lines.push(...arrivalLines(r, lang));
  const listed = [...errors, ...warnings];
  lines.push(...listed.slice(0, SHOWN_ISSUES).map((i) => `    ${describeIssue(i, lang)}`));
  if (listed.length > SHOWN_ISSUES) {
    const more = listed.length - SHOWN_ISSUES;
    lines.push(
      es
        ? `    … y ${more} más; vea master_load_issues (load_id ${r.loadId}) o --json`
        : `    … and ${more} more; see master_load_issues (load_id ${r.loadId}) or --json`,
    );
  }
  lines.push(
    es
      ? "Corrija lo indicado en el archivo y vuelva a cargarlo."
      : "Fix what is listed in the file and load it again.",
  );
  return lines;
}

/** With --arrival-times-from: when the load is dated, and why. */
function arrivalLines(r: MasterLoadResult, lang: Language): string[] {
  if (!r.arrival) return [];
  const from = path.basename(r.arrival.from);
  if (r.arrival.known) return [lang === "es" ? `  fechada ${stamp(r.loadedAt)}: cuando ${from} cargó este mismo archivo por primera vez` : `  dated ${stamp(r.loadedAt)}: when ${from} first loaded this same file`];
  return [lang === "es" ? `  fechada ahora (${stamp(r.loadedAt)}): ${from} no había cargado este archivo` : `  dated now (${stamp(r.loadedAt)}): ${from} had not loaded this file`];
}

function describeIssue(i: MasterIssue, lang: Language): string {
  const es = lang === "es";
  const where = [
    i.row === null ? null : es ? `fila ${i.row}` : `row ${i.row}`,
    i.column === null ? null : es ? `columna «${i.column}»` : `column "${i.column}"`,
  ].filter((x) => x !== null);
  return `${where.length > 0 ? `${where.join(", ")}: ` : ""}${i.code}: ${i.message[lang]}`;
}

function rowCount(n: number, lang: Language): string {
  return lang === "es" ? `${n} ${n === 1 ? "fila" : "filas"}` : `${n} ${n === 1 ? "row" : "rows"}`;
}

/** A load's time as the analyst reads it (UTC, as stored). */
function stamp(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

function loadJson(l: MasterLoad | null) {
  return l ? { loadId: l.loadId, fileName: l.fileName, sha256: l.sha256, loadedAt: l.loadedAt.toISOString(), rows: l.rowCount } : null;
}

function toJson(r: MasterLoadResult, lang: Language) {
  return {
    dataset: r.dataset,
    file: r.file,
    sha256: r.sha256,
    database: r.database,
    status: r.status,
    loadId: r.loadId,
    loadedAt: r.loadedAt.toISOString(),
    ...(r.arrival && { arrivals: { from: r.arrival.from, known: r.arrival.known } }),
    rows: r.rows,
    // The snapshot that was current before this command: replaced when loaded, still current when refused.
    previous: loadJson(r.previous),
    sameFileAsPrevious: r.sameFileAsPrevious,
    counts: { errors: r.issues.filter((i) => i.severity === "error").length, warnings: r.issues.filter((i) => i.severity === "warning").length },
    issues: r.issues.map((i) => ({ code: i.code, severity: i.severity, row: i.row, column: i.column, message: i.message[lang] })),
  };
}
