import { builtInCatalogs, currentCatalog } from "../../../../core/src/catalog/builtInCatalogs";
import { reportingInstitutions } from "../../../../core/src/catalog/catalogQueries";
import type { Language } from "../../../../core/src/i18n/Language";
import { formatSemester, previousSemester, semesterOfDate } from "../../../../core/src/period/Semester";
import { readDatabase } from "../../db/readDatabase";
import { type FileIssueFact, readFileIssues, readRefusedFacts, readReportedIndicators, readSubmissionFacts } from "../../db/stats/readSubmissionFacts";
import { createStatsHelperTables } from "../../db/stats/statsTables";
import { catalogInForce } from "../../report/data/buildCompleteness";
import { CatalogLabels } from "../../report/data/catalogLabels";
import { buildSemesterStatus, type InstitutionStatus, type RefusedFile, type SemesterStatus } from "../../report/data/buildSemesterStatus";
import type { CommandContext } from "../CommandContext";
import { requireExistingDatabase, resolveDatabaseFile } from "../databaseFile";
import { parseCommandArgs, periodOption, usageError, wholeNumberOption } from "../parseCommandArgs";
import { EXIT } from "../PipelineError";

const HELP = {
  es: `Uso: pa1325 status [--period AAAA-S1|AAAA-S2] [--institution CÓDIGO] [--db ARCHIVO] [--deadline-days 30] [--json] [--lang es|en]

Dice cómo va el informe de un semestre, institución por institución: la versión aceptada (y si llegó fuera de
plazo), los indicadores esperados que deja sin responder, los archivos rechazados que esperan uno corregido, y
quién no ha enviado nada. Las mismas reglas que la matriz de completitud del paquete del Comité. No cambia ningún dato.
  --period SEMESTRE     por omisión, el último semestre terminado (el que las instituciones están informando)
  --institution CÓDIGO  solo esa institución, con el detalle para escribirle: cada aviso guardado con su versión
                        vigente (valores que conviene confirmar) y cada problema de cada archivo rechazado, con su
                        hoja y celda`,
  en: `Usage: pa1325 status [--period YYYY-S1|YYYY-S2] [--institution CODE] [--db FILE] [--deadline-days 30] [--json] [--lang es|en]

Says where a semester's reporting stands, institution by institution: the accepted version (and whether it came
late), the expected indicators it leaves unanswered, the refused files waiting for a corrected one, and who has
sent nothing. The same rules as the completeness matrix of the Committee pack. Changes no data.
  --period SEMESTER     by default, the semester last ended (the one the institutions are reporting on)
  --institution CODE    that institution only, with what to write to it: each warning stored with its current
                        version (values worth confirming) and each problem of each refused file, with its sheet
                        and cell`,
};

/** `pa1325 status`: where a semester's reporting stands, for the analyst chasing the institutions. */
export async function statusCommand(args: string[], ctx: CommandContext): Promise<number> {
  const { values } = parseCommandArgs("status", args, {
    period: { type: "string" },
    institution: { type: "string" },
    db: { type: "string" },
    "deadline-days": { type: "string" },
    json: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  });
  const { stdout } = ctx.effects;
  const lang = ctx.language;
  if (values.help) {
    stdout(HELP[lang]);
    return EXIT.ok;
  }
  // Without --period: the semester last ended, the one the institutions are reporting on (or were, last).
  const semester =
    values.period === undefined
      ? previousSemester(semesterOfDate(ctx.effects.now().toISOString().slice(0, 10)))
      : periodOption("status", values.period, { es: "Falta --period (el semestre, p. ej. --period 2026-S1).", en: "--period is missing (the semester, e.g. --period 2026-S1)." });
  const deadlineDays = wholeNumberOption("status", "--deadline-days", values["deadline-days"], currentCatalog().settings.reportingDeadlineDays, 0, 365);
  const catalogs = builtInCatalogs();
  const inForce = catalogInForce(catalogs, formatSemester(semester));
  if (!inForce) {
    const first = [...catalogs].map((c) => c.effectiveFrom).sort()[0]!;
    throw usageError("status", {
      es: `ningún catálogo del plan rige en ${formatSemester(semester)}: el primero rige desde ${first}.`,
      en: `no catalog of the plan is in force in ${formatSemester(semester)}: the first is in force from ${first}.`,
    });
  }
  const institution = values.institution?.toUpperCase();
  const reporting = reportingInstitutions(inForce).map((i) => i.code);
  if (institution !== undefined && !reporting.includes(institution)) {
    throw usageError("status", {
      es: `--institution ${values.institution} no es una institución que informe en ${formatSemester(semester)}. Use una de: ${reporting.join(", ")}.`,
      en: `--institution ${values.institution} is not an institution that reports in ${formatSemester(semester)}. Use one of: ${reporting.join(", ")}.`,
    });
  }
  const dbFile = resolveDatabaseFile(values.db, ctx.effects.env);
  requireExistingDatabase(dbFile);
  const { status, details } = await readDatabase(dbFile, async (db) => {
    await createStatsHelperTables(db, catalogs, currentCatalog());
    const all = buildSemesterStatus(catalogs, formatSemester(semester), deadlineDays, await readSubmissionFacts(db), await readRefusedFacts(db), await readReportedIndicators(db));
    if (institution === undefined) return { status: all, details: undefined };
    // One institution, and what to write to it: the issues of its current version and of each file refused since.
    const mine = all.institutions.find((i) => i.institution === institution)!;
    // One query at a time: they share the database's one connection.
    const refused: FileIssueFact[][] = [];
    for (const r of mine.refused) refused.push(await readFileIssues(db, r.sha256, "refused"));
    const details: InstitutionDetails = { warnings: mine.current ? await readFileIssues(db, mine.current.sha256, "stored") : [], refused };
    return { status: { ...all, institutions: [mine] }, details };
  });
  const today = ctx.effects.now().toISOString().slice(0, 10);
  if (values.json) {
    const institutions = status.institutions.map((i) => ({
      ...i,
      refused: i.refused.map((r, n) => ({ ...refusedJson(r, lang), ...(details && { issues: details.refused[n]!.map((x) => issueJson(x, lang)) }) })),
      ...(details && { warnings: details.warnings.map((x) => issueJson(x, lang)) }),
    }));
    stdout(JSON.stringify({ database: dbFile, today, ...status, institutions, unidentified: status.unidentified.map((r) => refusedJson(r, lang)) }, null, 2));
  } else {
    const labels = new CatalogLabels(inForce, catalogs, lang);
    const detailed = details && ((i: InstitutionStatus) => describeDetails(i, details, lang));
    for (const line of describeStatus(status, today, lang, (code) => labels.indicatorText(code), detailed)) stdout(line);
  }
  return EXIT.ok;
}

function refusedJson(r: RefusedFile, lang: Language) {
  return { fileName: r.fileName, sha256: r.sha256, recordedAt: r.recordedAt, reasonCode: r.reasonCode, message: r.message?.[lang] ?? null };
}

/** With --institution: the issues behind that institution's line (readFileIssues), refused files in its order. */
interface InstitutionDetails {
  warnings: FileIssueFact[];
  refused: FileIssueFact[][];
}

function issueJson(i: FileIssueFact, lang: Language) {
  return { severity: i.severity, code: i.code, sheet: i.sheet, cell: i.cell, message: lang === "es" ? i.message_es : i.message_en };
}

function issueLine(i: FileIssueFact, lang: Language): string {
  const where = i.sheet && i.cell ? `${i.sheet}!${i.cell} ` : i.cell ? `${i.cell} ` : "";
  const severity = i.severity === "error" ? "" : lang === "es" ? "aviso " : "warning ";
  return `    ${where}${severity}${i.code}: ${lang === "es" ? i.message_es : i.message_en}`;
}

/** What to write to one institution: its current version's warnings to confirm, each refused file's problems to fix. */
function describeDetails(i: InstitutionStatus, d: InstitutionDetails, lang: Language): string[] {
  const es = lang === "es";
  const lines: string[] = [];
  if (i.current) {
    lines.push(
      d.warnings.length === 0
        ? es
          ? `Versión ${i.current.version} (${i.current.fileName}): sin avisos.`
          : `Version ${i.current.version} (${i.current.fileName}): no warnings.`
        : es
          ? `Versión ${i.current.version} (${i.current.fileName}): ${d.warnings.length} aviso(s), valores aceptados que conviene confirmar con la institución:`
          : `Version ${i.current.version} (${i.current.fileName}): ${d.warnings.length} warning(s), accepted values worth confirming with the institution:`,
    );
    lines.push(...d.warnings.map((w) => issueLine(w, lang)));
  }
  i.refused.forEach((r, n) => {
    const issues = d.refused[n]!;
    const errors = issues.filter((x) => x.severity === "error").length;
    lines.push(
      es
        ? `${r.fileName}, rechazado ${r.recordedAt.slice(0, 10)}: ${errors} error(es) que corregir antes de reenviarlo:`
        : `${r.fileName}, refused ${r.recordedAt.slice(0, 10)}: ${errors} error(s) to fix before sending it again:`,
    );
    lines.push(...issues.map((x) => issueLine(x, lang)));
  });
  return lines;
}

/**
 * The text lines of `status`; `indicatorText` names an indicator (its wording in the catalog in force); `details`,
 * lines to print below an institution's own.
 */
export function describeStatus(s: SemesterStatus, today: string, lang: Language, indicatorText: (code: string) => string, details?: (i: InstitutionStatus) => string[]): string[] {
  const es = lang === "es";
  const days = dayDifference(s.deadline, today);
  const when =
    days > 0
      ? es ? `vence en ${days} día(s)` : `in ${days} day(s)`
      : days === 0
        ? es ? "vence hoy" : "today"
        : es ? `venció hace ${-days} día(s)` : `passed ${-days} day(s) ago`;
  const count = (state: InstitutionStatus["state"]) => s.institutions.filter((i) => i.state === state).length;
  const late = s.institutions.filter((i) => i.current?.late).length;
  const lines = [
    es
      ? `${s.period}: plazo ${s.deadline} (${when}). ${count("received")} de ${s.institutions.length} instituciones con informe aceptado (${late} fuera de plazo), ${count("refused")} solo con archivos rechazados, ${count("missing")} sin nada recibido.`
      : `${s.period}: deadline ${s.deadline} (${when}). ${count("received")} of ${s.institutions.length} institutions have an accepted report (${late} late), ${count("refused")} only refused files, ${count("missing")} nothing received.`,
  ];
  for (const i of s.institutions) {
    const code = i.institution.padEnd(8);
    if (i.current) {
      const c = i.current;
      const answered = i.expected - i.notReported.length;
      // Lateness is the first version's: a correction sent after the deadline does not make a report late.
      const received = c.receivedAt.slice(0, 10);
      const first = c.firstReceivedAt.slice(0, 10);
      const lateBy = dayDifference(first, s.deadline);
      const dates = es
        ? `recibido ${received}${first !== received ? ` (primera versión ${first})` : ""}${c.late ? `, FUERA DE PLAZO por ${lateBy} día(s)` : ""}`
        : `received ${received}${first !== received ? ` (first version ${first})` : ""}${c.late ? `, LATE by ${lateBy} day(s)` : ""}`;
      lines.push(
        es
          ? `${code} aceptado    versión ${c.version}, ${c.fileName}, ${dates}; ${answered} de ${i.expected} indicadores respondidos`
          : `${code} accepted    version ${c.version}, ${c.fileName}, ${dates}; ${answered} of ${i.expected} indicators answered`,
      );
      // Named, not only coded: the analyst asks the institution for them in words it recognises.
      for (const code of i.notReported) lines.push(`${" ".repeat(21)}${es ? "sin respuesta" : "unanswered"} ${code}: ${indicatorText(code)}`);
    } else if (i.state === "refused") {
      lines.push(es ? `${code} RECHAZADO   solo archivos rechazados: pida uno corregido` : `${code} REFUSED     only refused files: ask for a corrected one`);
    } else {
      lines.push(es ? `${code} FALTA       nada recibido` : `${code} MISSING     nothing received`);
    }
    for (const r of i.refused) lines.push(`${" ".repeat(21)}${refusedLine(r, lang)}`);
    if (details) lines.push(...details(i));
  }
  if (s.unidentified.length > 0) {
    lines.push(es ? "Archivos rechazados que no dicen de qué institución son:" : "Refused files that do not say which institution they are from:");
    for (const r of s.unidentified) lines.push(`${" ".repeat(21)}${refusedLine(r, lang)}`);
  }
  return lines;
}

function refusedLine(r: RefusedFile, lang: Language): string {
  const es = lang === "es";
  const why = r.message?.[lang] ?? r.reasonCode ?? "";
  return es ? `rechazado ${r.recordedAt.slice(0, 10)}: ${r.fileName}${why ? ` (${why})` : ""}` : `refused ${r.recordedAt.slice(0, 10)}: ${r.fileName}${why ? ` (${why})` : ""}`;
}

/** Whole days from the ISO date `b` to the ISO date `a` (YYYY-MM-DD): a − b. */
function dayDifference(a: string, b: string): number {
  return Math.round((Date.parse(a) - Date.parse(b)) / 86_400_000);
}
