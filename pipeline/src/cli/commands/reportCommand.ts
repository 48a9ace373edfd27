import path from "node:path";
import { currentCatalog } from "../../../../core/src/catalog/builtInCatalogs";
import { formatSemester } from "../../../../core/src/period/Semester";
import type { ReportData } from "../../../../core/src/stats/ReportData";
import { readDatabase } from "../../db/readDatabase";
import { buildReportData } from "../../report/buildReportData";
import { writeReportPack } from "../../report/writeReportPack";
import { untilStopped, type CommandContext } from "../CommandContext";
import { requireExistingDatabase, resolveDatabaseFile } from "../databaseFile";
import { parseCommandArgs, periodOption, usageError, wholeNumberOption } from "../parseCommandArgs";
import { EXIT } from "../PipelineError";

const HELP = {
  es: `Uso: pa1325 report --period AAAA-S1|AAAA-S2 --out CARPETA [--db ARCHIVO] [--lang es|en] [--k 5] [--deadline-days 30] [--no-suppression]

Escribe el paquete del Comité para un semestre: committee-<semestre>.xlsx, report-<semestre>.html y data/ (Parquet,
Arrow y CSV de las tablas ordenadas). Los conteos de 1 a k−1 personas se ocultan (con supresión secundaria).
  --k N               umbral de supresión (por omisión 5)
  --deadline-days N   días tras el cierre del semestre antes de considerar tardío un envío (por omisión 30)
  --no-suppression    copia de trabajo INTERNA del Comité, sin supresión; cada archivo lo indica`,
  en: `Usage: pa1325 report --period YYYY-S1|YYYY-S2 --out FOLDER [--db FILE] [--lang es|en] [--k 5] [--deadline-days 30] [--no-suppression]

Writes the Committee pack for a semester: committee-<semester>.xlsx, report-<semester>.html and data/ (Parquet,
Arrow and CSV of the tidy tables). Counts of 1 to k−1 people are hidden (with secondary suppression).
  --k N               suppression threshold (default 5)
  --deadline-days N   days after a semester's end before a submission counts as late (default 30)
  --no-suppression    the Committee's INTERNAL working copy, without suppression; every file says so`,
};

/** `pa1325 report`: the Committee pack for one semester. */
export async function reportCommand(args: string[], ctx: CommandContext): Promise<number> {
  const { values } = parseCommandArgs("report", args, {
    period: { type: "string" },
    out: { type: "string" },
    db: { type: "string" },
    k: { type: "string" },
    "deadline-days": { type: "string" },
    "no-suppression": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  });
  const { stdout, stderr } = ctx.effects;
  const es = ctx.language === "es";
  if (values.help) {
    stdout(HELP[ctx.language]);
    return EXIT.ok;
  }
  const period = formatSemester(
    periodOption("report", values.period, { es: "Falta --period (el semestre del informe, p. ej. --period 2026-S1).", en: "--period is missing (the semester of the pack, e.g. --period 2026-S1)." }),
  );
  if (!values.out) throw usageError("report", { es: "Falta --out.", en: "--out is missing." });
  const k = wholeNumberOption("report", "--k", values.k, 5, 2, 100);
  const deadlineDays = wholeNumberOption("report", "--deadline-days", values["deadline-days"], currentCatalog().settings.reportingDeadlineDays, 0, 365);
  const dbFile = resolveDatabaseFile(values.db, ctx.effects.env);
  const outDir = path.resolve(values.out);
  const now = ctx.effects.now();

  requireExistingDatabase(dbFile);
  // Ctrl+C (or SIGTERM) stops between two steps and leaves the pack unwritten — an earlier pack in the folder stays
  // whole — instead of killing the process while it renames the new files into place, which left a mix of the
  // two packs. A second Ctrl+C quits at once.
  const run = await untilStopped(
    ctx.effects,
    {
      stopping: () =>
        stderr(
          es
            ? "Deteniendo: el paquete no se escribirá y los archivos que ya haya en la carpeta quedan como estaban. Pulse Ctrl+C otra vez para salir de inmediato."
            : "Stopping: the pack will not be written, and the files already in the folder stay as they were. Press Ctrl+C again to quit at once.",
        ),
      interrupted: () =>
        stderr(
          es
            ? `Interrumpido: no se escribió el paquete del Comité ${period}; ${outDir} queda como estaba.`
            : `Interrupted: the Committee pack ${period} was not written; ${outDir} is as it was.`,
        ),
      // Ctrl+C came while the files were being renamed into place: they were, and the pack is whole.
      completed: () =>
        stderr(es ? "El paquete ya se estaba colocando en la carpeta cuando llegó la interrupción: quedó completo." : "The pack was already being put in place when the interruption came: it is complete."),
    },
    async (signal) => {
      // Held like any writer (or read-only, which keeps writers out too), so it never reads a half-done ingestion.
      const data = await readDatabase(dbFile, (db) => buildReportData(db, { period, language: ctx.language, k, suppression: !values["no-suppression"], deadlineDays, now }));
      signal.throwIfAborted();
      for (const warning of dataWarnings(data)) stderr(`! ${warning[ctx.language]}`);
      return { data, files: await writeReportPack(data, outDir, { now, signal }) };
    },
  );
  if ("exitCode" in run) return run.exitCode;
  const { data, files } = run.value;
  const hidden = data.indicators.filter((s) => s.suppressed).length;
  stdout(es ? `Paquete del Comité ${data.period} escrito en ${outDir}:` : `Committee pack ${data.period} written to ${outDir}:`);
  for (const f of [files.workbook, files.html, ...files.data]) stdout(`  ${path.relative(process.cwd(), f) || f}`);
  stdout(
    es
      ? `${data.submissions.included.length} envío(s) incluidos, ${data.submissions.excluded.length} excluidos; ${data.suppression.applied ? `${hidden} celda(s) de indicadores ocultas (k = ${k})` : "SIN SUPRESIÓN: copia de uso interno, no difundir"}.`
      : `${data.submissions.included.length} submission(s) included, ${data.submissions.excluded.length} excluded; ${data.suppression.applied ? `${hidden} indicator cell(s) hidden (k = ${k})` : "NO SUPPRESSION: internal copy, do not circulate"}.`,
  );
  return EXIT.ok;
}

/** What the pack will lack, and how to get it. */
function dataWarnings(data: ReportData): Array<{ es: string; en: string }> {
  const out: Array<{ es: string; en: string }> = [];
  if (data.submissions.included.length === 0) {
    out.push({ es: `no hay envíos aceptados para ${data.period}: cargue los libros con «pa1325 ingest».`, en: `no accepted submission for ${data.period}: load the workbooks with "pa1325 ingest".` });
  }
  if (data.personnel.length === 0) {
    out.push({ es: "no hay datos de personal: cargue la exportación con «pa1325 load personnel ARCHIVO».", en: 'no personnel data: load the export with "pa1325 load personnel FILE".' });
  }
  if (data.parity.length === 0) {
    out.push({ es: "no hay despliegues en el semestre: cargue «pa1325 load deployments ARCHIVO».", en: 'no deployments in the semester: load them with "pa1325 load deployments FILE".' });
  } else if (data.parity.every((p) => p.targetPct === null)) {
    out.push({
      es: "no hay metas de paridad de la ONU para el año: cargue «pa1325 load un-targets pipeline/data/un-parity-targets.csv» (y complételo).",
      en: 'no UN parity target for the year: load "pa1325 load un-targets pipeline/data/un-parity-targets.csv" (and complete it).',
    });
  }
  return out;
}
