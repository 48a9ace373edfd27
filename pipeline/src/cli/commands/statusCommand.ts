import { builtInCatalogs, currentCatalog } from "../../../../core/src/catalog/builtInCatalogs";
import type { Language } from "../../../../core/src/i18n/Language";
import { formatSemester } from "../../../../core/src/period/Semester";
import { readDatabase } from "../../db/readDatabase";
import { readRefusedFacts, readReportedIndicators, readSubmissionFacts } from "../../db/stats/readSubmissionFacts";
import { createStatsHelperTables } from "../../db/stats/statsTables";
import { catalogInForce } from "../../report/data/buildCompleteness";
import { CatalogLabels } from "../../report/data/catalogLabels";
import { buildSemesterStatus, type InstitutionStatus, type RefusedFile, type SemesterStatus } from "../../report/data/buildSemesterStatus";
import type { CommandContext } from "../CommandContext";
import { requireExistingDatabase, resolveDatabaseFile } from "../databaseFile";
import { parseCommandArgs, periodOption, usageError, wholeNumberOption } from "../parseCommandArgs";
import { EXIT } from "../PipelineError";

const HELP = {
  es: `Uso: pa1325 status --period AAAA-S1|AAAA-S2 [--db ARCHIVO] [--deadline-days 30] [--json] [--lang es|en]

Dice cómo va el informe de un semestre, institución por institución: la versión aceptada (y si llegó fuera de
plazo), los indicadores esperados que deja sin responder, los archivos rechazados que esperan uno corregido, y
quién no ha enviado nada. Las mismas reglas que la matriz de completitud del paquete del Comité. No cambia ningún dato.`,
  en: `Usage: pa1325 status --period YYYY-S1|YYYY-S2 [--db FILE] [--deadline-days 30] [--json] [--lang es|en]

Says where a semester's reporting stands, institution by institution: the accepted version (and whether it came
late), the expected indicators it leaves unanswered, the refused files waiting for a corrected one, and who has
sent nothing. The same rules as the completeness matrix of the Committee pack. Changes no data.`,
};

/** `pa1325 status`: where a semester's reporting stands, for the analyst chasing the institutions. */
export async function statusCommand(args: string[], ctx: CommandContext): Promise<number> {
  const { values } = parseCommandArgs("status", args, {
    period: { type: "string" },
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
  const semester = periodOption("status", values.period, { es: "Falta --period (el semestre, p. ej. --period 2026-S1).", en: "--period is missing (the semester, e.g. --period 2026-S1)." });
  const deadlineDays = wholeNumberOption("status", "--deadline-days", values["deadline-days"], currentCatalog().settings.reportingDeadlineDays, 0, 365);
  const catalogs = builtInCatalogs();
  if (!catalogInForce(catalogs, formatSemester(semester))) {
    const first = [...catalogs].map((c) => c.effectiveFrom).sort()[0]!;
    throw usageError("status", {
      es: `ningún catálogo del plan rige en ${formatSemester(semester)}: el primero rige desde ${first}.`,
      en: `no catalog of the plan is in force in ${formatSemester(semester)}: the first is in force from ${first}.`,
    });
  }
  const dbFile = resolveDatabaseFile(values.db, ctx.effects.env);
  requireExistingDatabase(dbFile);
  const status = await readDatabase(dbFile, async (db) => {
    await createStatsHelperTables(db, catalogs, currentCatalog());
    return buildSemesterStatus(catalogs, formatSemester(semester), deadlineDays, await readSubmissionFacts(db), await readRefusedFacts(db), await readReportedIndicators(db));
  });
  const today = ctx.effects.now().toISOString().slice(0, 10);
  if (values.json) {
    stdout(JSON.stringify({ database: dbFile, today, ...status, institutions: status.institutions.map((i) => ({ ...i, refused: i.refused.map((r) => refusedJson(r, lang)) })), unidentified: status.unidentified.map((r) => refusedJson(r, lang)) }, null, 2));
  } else {
    const labels = new CatalogLabels(catalogInForce(catalogs, status.period)!, catalogs, lang);
    for (const line of describeStatus(status, today, lang, (code) => labels.indicatorText(code))) stdout(line);
  }
  return EXIT.ok;
}

function refusedJson(r: RefusedFile, lang: Language) {
  return { fileName: r.fileName, recordedAt: r.recordedAt, reasonCode: r.reasonCode, message: r.message?.[lang] ?? null };
}

/** The text lines of `status`; `indicatorText` names an indicator (its wording in the catalog in force). */
export function describeStatus(s: SemesterStatus, today: string, lang: Language, indicatorText: (code: string) => string): string[] {
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
