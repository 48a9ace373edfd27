import { existsSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { currentCatalog } from "../../../core/src/catalog/builtInCatalogs";
import type { Language, LocalizedText } from "../../../core/src/i18n/Language";
import { addSemesters, formatSemester, semesterBounds, semesterOfDate, previousSemester, requireSemester } from "../../../core/src/period/Semester";
import type { ReportData } from "../../../core/src/stats/ReportData";
import { EXIT, PipelineError } from "../cli/PipelineError";
import { openDatabase } from "../db/Database";
import { makeFolderSync } from "../files/makeFolder";
import { migrate } from "../db/migrate";
import { createWorkbookReader } from "../ingest/createWorkbookReader";
import { createReaderPool } from "../xlsx/readWorkbook";
import { MASTER_XLSX_LIMITS } from "../masterdata/readXlsxTable";
import { ingest } from "../ingest/ingest";
import type { FileResult } from "../ingest/IngestResult";
import { loadMasterData } from "../masterdata/loadMasterData";
import type { MasterDataset } from "../masterdata/MasterDataset";
import { buildReportData } from "../report/buildReportData";
import { buildDemoActivities } from "./demoActivities";
import { buildDemoPersonnel } from "./demoPersonnel";
import { buildDemoUnGender } from "./demoUnGender";
import { buildDemoWorkbooks } from "./buildDemoWorkbooks";
import { Random } from "./Random";
import { writeDemoMasterFiles } from "./writeDemoMasterFiles";
import { shippedParityTargetsFile } from "./shippedData";
import { writeDemoParityTargets } from "./demoParityTargets";

export interface DemoOptions {
  outDir: string;
  personnel: number;
  /** Extra resubmissions beyond the story's own files (benchmarks use hundreds). */
  extraVersions: number;
  seed: number;
  language: Language;
  k: number;
  deadlineDays: number;
}

export interface DemoEffects {
  now: () => Date;
  env: NodeJS.ProcessEnv;
  say: (line: string) => void;
  warn: (text: LocalizedText) => void;
  /** Renders the Committee pack; returns the files written. */
  writePack: (data: ReportData, outDir: string) => Promise<string[]>;
}

export interface DemoResult {
  database: string;
  period: string;
  stages: Array<{ name: string; ms: number }>;
  files: string[];
  ingested: { accepted: number; replaced: number; unchanged: number; rejected: number };
}

const MARKER = ".pa1325-demo";

/**
 * The main job on synthetic data: two years of semesters for every institution — personnel, training and
 * deployment exports, the UN's monthly file, the institutions' workbooks with mistakes and a resubmission —
 * then ingestion (batch by batch, as files arrive), master-data loads, and the Committee pack for the last
 * complete semester. Everything goes into `outDir` (its own database included); real data is never touched.
 */
export async function runDemo(options: DemoOptions, effects: DemoEffects): Promise<DemoResult> {
  const es = options.language === "es";
  const say = effects.say;
  prepareOutDir(options.outDir);
  const catalog = currentCatalog();
  const now = effects.now();
  const last = formatSemester(lastCompleteSemester(now));
  const semesters = [-3, -2, -1, 0].map((d) => formatSemester(addSemesters(requireSemester(last), d)));
  const env: NodeJS.ProcessEnv = { ...effects.env };
  if (!env.PA1325_KEY) env.PA1325_KEY_FILE ??= path.join(env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), ".config"), "pa1325", "demo-pseudonymisation.key");
  const database = path.join(options.outDir, "pa1325-demo.duckdb");
  const stages: DemoResult["stages"] = [];
  const stage = async <T>(name: string, work: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now();
    const result = await work();
    stages.push({ name, ms: Math.round(performance.now() - t0) });
    return result;
  };

  say(es ? `PA1325 demo: datos sintéticos de ${semesters[0]} a ${last} en ${options.outDir}` : `PA1325 demo: synthetic data from ${semesters[0]} to ${last} in ${options.outDir}`);
  const rng = new Random(options.seed);
  const data = await stage("synthesise", () => {
    const people = buildDemoPersonnel(catalog, options.personnel, now.toISOString().slice(0, 10), rng);
    const activity = buildDemoActivities(people, semesters, now.toISOString().slice(0, 10), rng);
    const months = semesters.flatMap((s) => {
      const { start } = semesterBounds(requireSemester(s));
      return [0, 1, 2, 3, 4, 5].map((m) => `${start.slice(0, 4)}-${String(Number(start.slice(5, 7)) + m).padStart(2, "0")}`);
    });
    return { people, ...activity, unGender: buildDemoUnGender(months, activity.deployments, people, rng) };
  });
  const masterFiles = await stage("write master-data files", () => writeDemoMasterFiles(path.join(options.outDir, "master"), data));
  const batches = await stage("write workbooks", () =>
    buildDemoWorkbooks(catalog, path.join(options.outDir, "inbox"), semesters, data, { seed: options.seed, extraVersions: options.extraVersions, deadlineDays: options.deadlineDays }),
  );
  const workbooks = batches.reduce((n, b) => n + b.files, 0);
  say(
    es
      ? `  ${data.people.length.toLocaleString("es-PE")} personas, ${data.training.length} capacitaciones, ${data.deployments.length} despliegues, ${workbooks} libros de ${batches.length} entregas`
      : `  ${data.people.length.toLocaleString("en-GB")} people, ${data.training.length} training records, ${data.deployments.length} deployments, ${workbooks} workbooks in ${batches.length} deliveries`,
  );

  const totals = { accepted: 0, replaced: 0, unchanged: 0, rejected: 0 };
  await stage("ingest workbooks", async () => {
    for (const batch of batches) {
      const summary = await ingest([batch.folder], { dbFile: database, dryRun: false, maxFileBytes: 50 * 1_048_576 }, {
        now: () => batch.arrivedAt,
        env,
        warn: effects.warn,
        createReader: () => createWorkbookReader(),
      });
      for (const k of ["accepted", "replaced", "unchanged", "rejected"] as const) totals[k] += summary.counts[k];
      say(
        es
          ? `  ingesta ${path.relative(options.outDir, batch.folder)} (llegada ${batch.arrivedAt.toISOString().slice(0, 10)}): aceptados ${summary.counts.accepted}, reemplazos ${summary.counts.replaced}, rechazados ${summary.counts.rejected}`
          : `  ingest ${path.relative(options.outDir, batch.folder)} (arrived ${batch.arrivedAt.toISOString().slice(0, 10)}): accepted ${summary.counts.accepted}, replaced ${summary.counts.replaced}, refused ${summary.counts.rejected}`,
      );
      for (const r of summary.files.filter((f): f is Extract<FileResult, { status: "rejected" }> => f.status === "rejected")) {
        say(`    ${es ? "rechazado" : "refused"} ${path.basename(r.file)}: ${r.issues.filter((i) => i.severity === "error").map((i) => `${i.sheet ?? ""}!${i.cell ?? ""} ${i.code}`).join(", ")}`);
      }
    }
  });

  const demoTargets = path.join(options.outDir, "master", "un-parity-targets-demo.csv");
  writeDemoParityTargets(shippedParityTargetsFile(), demoTargets);
  await stage("load master data", async () => {
    const loads: Array<[MasterDataset, string]> = [
      ["personnel", masterFiles.personnel],
      ["training", masterFiles.training],
      ["deployments", masterFiles.deployments],
      ["un-gender", masterFiles["un-gender"]],
      ["un-targets", demoTargets],
    ];
    for (const [dataset, file] of loads) {
      const result = await loadMasterData({ dataset, file, dbFile: database }, { now: () => now, env, warn: effects.warn, createReader: () => createReaderPool({ size: 1, limits: MASTER_XLSX_LIMITS }) });
      if (result.status !== "loaded") {
        const first = result.issues.slice(0, 5).map((i) => `row ${i.row ?? "-"} ${i.column ?? ""} ${i.code}: ${i.message.en}`).join("; ");
        throw new PipelineError("DEMO_FAILED", { es: `la carga de ${dataset} de la demo fue rechazada: ${first}`, en: `the demo's ${dataset} load was refused: ${first}` }, EXIT.fatal);
      }
      say(es ? `  cargado ${dataset}: ${result.rows} filas` : `  loaded ${dataset}: ${result.rows} rows`);
    }
  });

  const reportDir = path.join(options.outDir, "report");
  const files = await stage("report", async () => {
    const db = await openDatabase(database, { allowedDirectories: [path.resolve(options.outDir)] });
    let reportData: ReportData;
    try {
      await migrate(db);
      reportData = await buildReportData(db, { period: last, language: options.language, k: options.k, suppression: true, deadlineDays: options.deadlineDays, now });
    } finally {
      db.close();
    }
    return effects.writePack(reportData, reportDir);
  });
  say(es ? `Paquete del Comité para ${last}:` : `Committee pack for ${last}:`);
  for (const f of files) say(`  ${f}`);
  return { database, period: last, stages, files, ingested: totals };
}

/** The newest semester that has ended by `now`. */
export function lastCompleteSemester(now: Date) {
  const current = semesterOfDate(now.toISOString().slice(0, 10));
  return semesterBounds(current).end < now.toISOString().slice(0, 10) ? current : previousSemester(current);
}

/** The demo owns its folder: it refuses a folder with other content, and starts afresh in its own. */
function prepareOutDir(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0 && !existsSync(path.join(dir, MARKER))) {
    throw new PipelineError(
      "DEMO_DIR_NOT_EMPTY",
      {
        es: `${dir} ya existe y no es una carpeta de la demo: elija otra con --out.`,
        en: `${dir} exists and is not a demo folder: choose another with --out.`,
      },
      EXIT.fatal,
    );
  }
  rmSync(dir, { recursive: true, force: true });
  makeFolderSync(dir);
  writeFileSync(path.join(dir, MARKER), "Folder made by `pa1325 demo`; it is deleted and rebuilt on each run.\n");
}
