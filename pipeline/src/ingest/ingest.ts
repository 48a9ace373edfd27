import { createHash } from "node:crypto";
import { existsSync, promises as fs, type Stats } from "node:fs";
import os from "node:os";
import path from "node:path";
import { builtInCatalogs } from "../../../core/src/catalog/builtInCatalogs";
import type { Catalog } from "../../../core/src/catalog/Catalog";
import { findIndicator } from "../../../core/src/catalog/catalogQueries";
import type { Language, LocalizedText } from "../../../core/src/i18n/Language";
import { buildTemplateLayout } from "../../../core/src/layout/buildTemplateLayout";
import type { TemplateLayout } from "../../../core/src/layout/TemplateLayout";
import { buildContentDigestText } from "../../../core/src/validation/contentDigestText";
import type { ParsedEntries } from "../../../core/src/validation/ParsedEntries";
import { parseEntries } from "../../../core/src/validation/parseEntries";
import type { ValidationIssue } from "../../../core/src/validation/ValidationIssue";
import { type Database, inTransaction, openDatabase } from "../db/Database";
import { migrate } from "../db/migrate";
import {
  finishIngestRun,
  insertSubmission,
  readStoredSubmissions,
  readSubmissionValues,
  recordIngestFile,
  recordRejection,
  startIngestRun,
  supersede,
  valueKey,
  type CurrentSubmission,
  type StoredIssue,
  type StoredSubmission,
  type StoredRosterEntry,
  type StoredValue,
} from "../db/submissionStore";
import { checkKeyFingerprint } from "../privacy/checkKeyFingerprint";
import { loadPseudonymKey, pseudonymise, type PseudonymKey } from "../privacy/pseudonymKey";
import { collectFiles } from "./collectFiles";
import { identifyWorkbook, type Identification } from "./identifyWorkbook";
import type { FileResult, IngestCounts, IngestSummary, ValueChange } from "./IngestResult";
import { normalizeDate1904 } from "./normalizeDates";
import { asFileRejection, type WorkbookReader } from "./WorkbookSource";

export interface IngestOptions {
  dbFile: string;
  dryRun: boolean;
  /** Largest file read at all (the reader enforces its own caps too). */
  maxFileBytes: number;
  /**
   * Keep every file's result for the returned summary (the default). The CLI streams results through
   * `effects.onFile` instead, so memory stays flat however many files a folder holds.
   */
  keepResults?: boolean;
}

export interface IngestEffects {
  now: () => Date;
  env: NodeJS.ProcessEnv;
  warn: (text: LocalizedText) => void;
  progress?: (done: number, total: number, file: string) => void;
  /** Reports each file as soon as it is decided (the CLI prints one line per file). */
  onFile?: (result: FileResult) => void;
  createReader: () => WorkbookReader;
  catalogs?: readonly Catalog[];
}

/**
 * Ingests files and folders into the database. Each file is stored in one transaction — all of its values or
 * none; a file with any error is refused with every issue listed; a resubmission becomes a new version that
 * supersedes the old one; the same bytes again change nothing. A dry run does all of it on a private copy of the
 * database and deletes the copy, so the real file stays byte for byte unchanged.
 */
export async function ingest(paths: readonly string[], options: IngestOptions, effects: IngestEffects): Promise<IngestSummary> {
  const { files, skipped } = await collectFiles(paths);
  const key = loadPseudonymKey(effects.env, effects.warn, { create: !options.dryRun });
  const work = options.dryRun ? await prepareDryRunCopy(options.dbFile) : { file: options.dbFile, cleanup: async () => {} };
  try {
    const db = await openDatabase(work.file);
    try {
      await migrate(db);
      await checkKeyFingerprint(db, key);
      const { results, counts } = await ingestFiles(db, files, key, options, effects);
      return { dryRun: options.dryRun, database: options.dbFile, counts, files: results, skipped };
    } finally {
      db.close();
    }
  } finally {
    await work.cleanup();
  }
}

async function ingestFiles(
  db: Database,
  files: readonly string[],
  key: PseudonymKey,
  options: IngestOptions,
  effects: IngestEffects,
): Promise<{ results: FileResult[]; counts: IngestCounts }> {
  const catalogs = effects.catalogs ?? builtInCatalogs();
  const layouts = memoiseLayouts();
  const reader = effects.createReader();
  const results: FileResult[] = [];
  const counts: IngestCounts = { files: 0, accepted: 0, replaced: 0, unchanged: 0, rejected: 0 };
  let runId: bigint | undefined;
  const index = indexStored(await readStoredSubmissions(db));
  const isStored = (sha256: string) => index.bySha.has(sha256);
  const check = (file: string) => checkFile(file, key, { catalogs, layouts }, options, effects, reader, isStored).then(ok, failed);
  const ahead = files.slice(0, CHECK_AHEAD).map(check);
  try {
    for (const [i, file] of files.entries()) {
      effects.progress?.(i, files.length, file);
      if (i + CHECK_AHEAD < files.length) ahead.push(check(files[i + CHECK_AHEAD]!));
      const checked = unwrap(await ahead.shift()!);
      const result = await storeFile(db, index, checked, effects, async () => (runId ??= await startIngestRun(db, effects.now())));
      counts.files++;
      counts[result.status]++;
      if (options.keepResults !== false) results.push(result);
      effects.onFile?.(result);
    }
    effects.progress?.(files.length, files.length, "");
  } finally {
    await reader.close();
  }
  if (runId !== undefined) await finishIngestRun(db, runId, effects.now(), counts);
  return { results, counts };
}

/**
 * Files read and checked ahead of the one being stored, so that reading (in the reader's worker threads) and
 * checking overlap the database's work on earlier files. Checking never touches the database: whether a file is
 * unchanged, which version it becomes and what it replaces are decided in file order, one transaction per file.
 * A file already stored is read ahead too, and what was read is dropped.
 */
const CHECK_AHEAD = 4;

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };
const ok = <T>(value: T): Settled<T> => ({ ok: true, value });
const failed = (error: unknown): Settled<never> => ({ ok: false, error });

/** A bug met while checking a file ahead is thrown in that file's turn, as if it had been met then. */
function unwrap<T>(settled: Settled<T>): T {
  if (!settled.ok) throw settled.error;
  return settled.value;
}

interface Refusal {
  reason: StoredIssue;
  issues: StoredIssue[];
  identity: { institution: string; period: string } | null;
}

interface CheckedFile {
  file: string;
  stat: Stats;
  /** null for a file refused before it was read (too large). */
  sha256: string | null;
  /** `stored`: the bytes were already stored when the file's turn to be checked came, so it was not read. */
  verdict: Settled<{ refused: Refusal } | { accepted: CheckedContent } | { stored: true }>;
}

interface CheckedContent {
  id: Extract<Identification, { ok: true }>;
  parsed: ParsedEntries;
  issues: StoredIssue[];
  values: StoredValue[];
  roster: StoredRosterEntry[];
  readyAt: string | null;
  readyStampValid: boolean | null;
  now: Date;
}

const refuse = (reason: StoredIssue, issues: StoredIssue[], identity: Refusal["identity"] = null) => ({ refused: { reason, issues, identity } });

/** Everything about one file that does not depend on the database: its size, hash, reading, identity and checks. */
async function checkFile(
  file: string,
  key: PseudonymKey,
  templates: { catalogs: readonly Catalog[]; layouts: LayoutBuilder },
  options: IngestOptions,
  effects: IngestEffects,
  reader: WorkbookReader,
  isStored: (sha256: string) => boolean,
): Promise<CheckedFile> {
  const stat = await fs.stat(file);
  if (stat.size > options.maxFileBytes) {
    return { file, stat, sha256: null, verdict: ok(refuse(fileIssue("FILE_TOO_LARGE", {
      es: `El archivo pesa ${formatMb(stat.size)} y el máximo es ${formatMb(options.maxFileBytes)}. Una plantilla llena pesa mucho menos: revise que sea el archivo correcto.`,
      en: `The file is ${formatMb(stat.size)} and the limit is ${formatMb(options.maxFileBytes)}. A filled template is far smaller: check that this is the right file.`,
    }), [])) };
  }
  const bytes = await fs.readFile(file);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  // Bytes already stored are not read again (the index only grows, so the file's turn finds them stored too).
  if (isStored(sha256)) return { file, stat, sha256, verdict: ok({ stored: true as const }) };
  const verdict = await checkContent(file, key, templates, effects, reader).then(ok, failed);
  return { file, stat, sha256, verdict };
}

async function checkContent(
  file: string,
  key: PseudonymKey,
  { catalogs, layouts }: { catalogs: readonly Catalog[]; layouts: LayoutBuilder },
  effects: IngestEffects,
  reader: WorkbookReader,
): Promise<{ refused: Refusal } | { accepted: CheckedContent }> {
  let content;
  try {
    content = await reader.read(file);
  } catch (error) {
    const rejection = asFileRejection(error);
    if (!rejection) throw error;
    const issue = fileIssue(rejection.code, rejection.text, rejection.cell ?? rejection.part);
    if (rejection.sheet !== undefined) issue.sheet = rejection.sheet;
    return refuse(issue, []);
  }
  const now = effects.now();
  const id = identifyWorkbook(content, catalogs, now, layouts);
  if (!id.ok) return refuse(id.issue, []);
  const sheets = normalizeDate1904(id.layout, content.sheets, content.date1904);
  const parsed = parseEntries(id.catalog, id.layout, sheets);
  const issues: StoredIssue[] = parsed.issues.map(toStoredIssue);
  const readyAt = id.meta.get("readyAt") ?? null;
  const stampedHash = id.meta.get("contentHash") ?? null;
  let readyStampValid: boolean | null = null;
  if (readyAt !== null || stampedHash !== null) {
    const actual = createHash("sha256").update(buildContentDigestText(id.layout, sheets), "utf8").digest("hex");
    readyStampValid = stampedHash === actual;
    if (!readyStampValid) {
      issues.push({
        code: "CHANGED_AFTER_READY",
        severity: "warning",
        sheet: null,
        cell: null,
        indicator: null,
        message: {
          es: "El archivo se modificó después de marcarlo «Listo para enviar». Confirme con la institución que esta es la versión final.",
          en: 'The file was changed after it was marked "Ready to submit". Confirm with the institution that this is the final version.',
        },
      });
    }
  }
  const errors = issues.filter((i) => i.severity === "error");
  if (errors.length > 0) {
    const first = errors[0]!;
    const reason: StoredIssue = {
      ...first,
      code: "VALIDATION_ERRORS",
      message: {
        es: errors.length === 1 ? `1 error en los valores, en ${first.sheet}!${first.cell}; no se guardó nada:` : `${errors.length} errores en los valores; no se guardó nada:`,
        en: errors.length === 1 ? `1 error in the values, in ${first.sheet}!${first.cell}; nothing was stored:` : `${errors.length} errors in the values; nothing was stored:`,
      },
    };
    return refuse(reason, issues, { institution: id.layout.institution, period: id.layout.period });
  }

  if (parsed.values.length === 0 && parsed.deliverables.length === 0 && parsed.roster.length === 0) {
    // A blank template must never replace a real report.
    return refuse(fileIssue("EMPTY_SUBMISSION", {
      es: "El libro no tiene ningún valor reportado (es una plantilla en blanco). Llénelo antes de enviarlo.",
      en: "The workbook has no reported value at all (it is a blank template). Fill it in before sending it.",
    }), issues, { institution: id.layout.institution, period: id.layout.period });
  }
  const values = parsed.values.map((v) => ({ ...v, unit: findIndicator(id.catalog, v.indicator)!.indicator.measure }));
  const roster = parsed.roster.map(({ serviceNumber, ...rest }) => ({ ...rest, personId: pseudonymise(key, serviceNumber) }));
  return { accepted: { id, parsed, issues, values, roster, readyAt, readyStampValid, now } };
}

/**
 * Which bytes are stored, and each institution and semester's current submission: read once per run and kept up
 * to date after each commit, instead of two queries per file. Sound because this process holds the database's
 * only read-write connection (DuckDB locks the file against a second writer), so nothing else changes it meanwhile.
 */
interface StoredIndex {
  bySha: Map<string, StoredSubmission>;
  current: Map<string, CurrentSubmission>;
  /** The values of current submissions stored by this run (as written), for the next resubmission's changes. */
  currentValues: Map<string, Map<string, { value: number; cell: string }>>;
}

const slot = (institution: string, period: string) => `${institution}\u0000${period}`;

function indexStored(rows: readonly StoredSubmission[]): StoredIndex {
  const index: StoredIndex = { bySha: new Map(), current: new Map(), currentValues: new Map() };
  for (const row of rows) {
    index.bySha.set(row.sha256, row);
    if (row.status === "current") index.current.set(slot(row.institution, row.period), row);
  }
  return index;
}

/** Stores one checked file in its turn: unchanged, refused, or one transaction holding all of its values. */
async function storeFile(db: Database, index: StoredIndex, checked: CheckedFile, effects: IngestEffects, run: () => Promise<bigint>): Promise<FileResult> {
  const { file, stat, sha256 } = checked;
  const fileName = path.basename(file);
  if (sha256 === null) {
    const { refused } = unwrap(checked.verdict) as { refused: Refusal };
    return reject(db, run, effects, file, null, refused.reason, refused.issues);
  }
  const known = index.bySha.get(sha256);
  if (known) {
    return { status: "unchanged", file, sha256, submissionId: Number(known.submission_id), institution: known.institution, period: known.period, version: known.version, issues: [] };
  }
  const verdict = unwrap(checked.verdict);
  if ("stored" in verdict) throw new Error(`${fileName} was found stored when checked but not when stored`);
  if ("refused" in verdict) return reject(db, run, effects, file, sha256, verdict.refused.reason, verdict.refused.issues, verdict.refused.identity);
  const { id, parsed, issues, values, roster, readyAt, readyStampValid, now } = verdict.accepted;
  const institution = id.layout.institution;
  const period = id.layout.period;
  const current = index.current.get(slot(institution, period));
  const before = current ? (index.currentValues.get(slot(institution, period)) ?? (await readSubmissionValues(db, current.submission_id))) : undefined;
  const stored = await inTransaction(db, async () => {
    const inserted = await insertSubmission(
      db,
      {
        institution,
        period,
        catalogId: id.catalog.catalogId,
        catalogVersion: id.catalog.version,
        layoutVersion: id.layout.layoutVersion,
        language: id.layout.language,
        fileName,
        sha256,
        fileBytes: stat.size,
        fileModifiedAt: stat.mtime,
        receivedAt: now,
        generatedBy: id.meta.get("generatedBy") ?? null,
        readyAt,
        readyStampValid,
        preparedBy: id.meta.get("preparedBy") ?? parsed.preparedBy,
      },
      { values, deliverables: parsed.deliverables, roster, warnings: issues },
    );
    if (current) await supersede(db, current.submission_id, inserted.submissionId);
    await recordIngestFile(db, {
      runId: await run(),
      fileName,
      sha256,
      status: current ? "replaced" : "accepted",
      submissionId: inserted.submissionId,
      reasonCode: null,
      at: now,
      institution,
      period,
    });
    return inserted;
  });
  // Committed: the index follows the database.
  const replaced = current ? index.bySha.get(current.sha256) : undefined;
  if (replaced) replaced.status = "superseded";
  const row: StoredSubmission = { submission_id: stored.submissionId, institution, period, version: stored.version, status: "current", sha256, file_name: fileName };
  index.bySha.set(sha256, row);
  index.current.set(slot(institution, period), row);
  const after = new Map<string, { value: number; cell: string }>();
  for (const v of values) after.set(valueKey(v.indicator, v.dims), { value: v.value, cell: v.cell });
  for (const d of parsed.deliverables) after.set(`${d.indicator}|*status=${d.status}`, { value: 1, cell: d.cell });
  // Exactly what readSubmissionValues would read back: these values and deliverables, just committed.
  index.currentValues.set(slot(institution, period), after);
  return {
    status: current ? "replaced" : "accepted",
    file,
    sha256,
    submissionId: Number(stored.submissionId),
    institution,
    period,
    version: stored.version,
    replacedVersion: current ? current.version : null,
    values: values.length,
    roster: roster.length,
    changes: before ? diffValues(before, after) : [],
    issues,
  };
}

async function reject(
  db: Database,
  run: () => Promise<bigint>,
  effects: IngestEffects,
  file: string,
  sha256: string | null,
  reason: StoredIssue,
  issues: StoredIssue[],
  identity: { institution: string; period: string } | null = null,
): Promise<FileResult> {
  const all = issues.length > 0 ? issues : [reason];
  const fileName = path.basename(file);
  const digest = sha256 ?? `size-refused:${fileName}`;
  const at = effects.now();
  await inTransaction(db, async () => {
    await recordRejection(db, fileName, digest, all, at);
    await recordIngestFile(db, {
      runId: await run(),
      fileName,
      sha256: digest,
      status: "rejected",
      submissionId: null,
      reasonCode: reason.code,
      at,
      institution: identity?.institution ?? null,
      period: identity?.period ?? null,
    });
  });
  return { status: "rejected", file, sha256, reason, issues: all };
}

type LayoutBuilder = (catalog: Catalog, institution: string, period: string, language: Language) => TemplateLayout;

/**
 * buildTemplateLayout is pure (same arguments, same layout) and takes ~10 ms, more than reading a file: a folder
 * holds many files of the same institution, semester and language, so each layout is built once per run. Each
 * is frozen, so that no use can change what the next file is checked against.
 */
function memoiseLayouts(): LayoutBuilder {
  const built = new Map<Catalog, Map<string, TemplateLayout>>();
  return (catalog, institution, period, language) => {
    let byKey = built.get(catalog);
    if (!byKey) built.set(catalog, (byKey = new Map()));
    const key = `${institution}\u0000${period}\u0000${language}`;
    let layout = byKey.get(key);
    if (!layout) byKey.set(key, (layout = deepFreeze(buildTemplateLayout(catalog, institution, period, language))));
    return layout;
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function diffValues(before: Map<string, { value: number; cell: string }>, after: Map<string, { value: number; cell: string }>): ValueChange[] {
  const changes: ValueChange[] = [];
  for (const [key, a] of after) {
    const b = before.get(key);
    if (!b || b.value !== a.value) changes.push({ key, cell: a.cell, before: b ? b.value : null, after: a.value });
  }
  for (const [key, b] of before) if (!after.has(key)) changes.push({ key, cell: b.cell, before: b.value, after: null });
  return changes.sort((x, y) => x.key.localeCompare(y.key));
}

function toStoredIssue(i: ValidationIssue): StoredIssue {
  return { code: i.code, severity: i.severity, sheet: i.location.sheet, cell: i.location.cell, indicator: i.indicator ?? null, message: i.message };
}

function fileIssue(code: string, message: LocalizedText, part?: string): StoredIssue {
  return { code, severity: "error", sheet: null, cell: part ?? null, indicator: null, message };
}

function formatMb(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

/**
 * A dry run works on a private copy: the original is first opened read-only (so a running writer is noticed,
 * and nothing is written to it), copied with its WAL, and the copy is deleted afterwards.
 */
async function prepareDryRunCopy(dbFile: string): Promise<{ file: string; cleanup: () => Promise<void> }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "pa1325-dry-run-"));
  await fs.chmod(dir, 0o700);
  const copy = path.join(dir, "dry-run.duckdb");
  if (existsSync(dbFile)) {
    const original = await openDatabase(dbFile, { readOnly: true });
    try {
      await fs.copyFile(dbFile, copy);
      if (existsSync(`${dbFile}.wal`)) await fs.copyFile(`${dbFile}.wal`, `${copy}.wal`);
    } finally {
      original.close();
    }
  }
  return { file: copy, cleanup: () => fs.rm(dir, { recursive: true, force: true }) };
}
