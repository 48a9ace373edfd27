import { createHash } from "node:crypto";
import type { Stats } from "node:fs";
import type { Catalog } from "../../../core/src/catalog/Catalog";
import { findIndicator } from "../../../core/src/catalog/catalogQueries";
import type { Language, LocalizedText } from "../../../core/src/i18n/Language";
import { deepFreeze } from "../../../core/src/deepFreeze";
import { buildTemplateLayout } from "../../../core/src/layout/buildTemplateLayout";
import type { TemplateLayout } from "../../../core/src/layout/TemplateLayout";
import { buildContentDigestText } from "../../../core/src/validation/contentDigestText";
import type { ParsedEntries } from "../../../core/src/validation/ParsedEntries";
import { parseEntries } from "../../../core/src/validation/parseEntries";
import type { ValidationIssue } from "../../../core/src/validation/ValidationIssue";
import type { StoredIssue, StoredRosterEntry, StoredValue } from "../db/submissionStore";
import { identifyWorkbook, type Identification } from "./identifyWorkbook";
import { normalizeDate1904 } from "./normalizeDates";
import { keepBytes, readFileBytes, type FileBytes } from "../files/readFileBytes";
import { unreadableReason } from "../files/unreadableReason";
import { asFileRejection, type WorkbookReader } from "./WorkbookSource";

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };
export const ok = <T>(value: T): Settled<T> => ({ ok: true, value });
export const failed = (error: unknown): Settled<never> => ({ ok: false, error });

/** A bug met while checking a file ahead is thrown in that file's turn, as if it had been met then. */
export function unwrap<T>(settled: Settled<T>): T {
  if (!settled.ok) throw settled.error;
  return settled.value;
}

export interface Refusal {
  reason: StoredIssue;
  issues: StoredIssue[];
  identity: { institution: string; period: string } | null;
}

export interface CheckedFile {
  file: string;
  /** Size and modification time of the bytes read (0 and the epoch for a file that could not be read at all). */
  stat: Pick<Stats, "size" | "mtime">;
  /** SHA-256 of the very bytes the reader was given; null for a file refused before it was read (too large, unreadable). */
  sha256: string | null;
  /** `stored`: the bytes were already stored when the file's turn to be checked came, so it was not read. */
  verdict: Settled<{ refused: Refusal } | { accepted: CheckedContent } | { stored: true }>;
}

export interface CheckedContent {
  id: Extract<Identification, { ok: true }>;
  /**
   * What staging needs of the parsed entries besides values and roster: not the rest, so that raw service numbers
   * and the parse's own copies are not held while the file waits for its batch (up to ~110 files at a time).
   */
  parsed: Pick<ParsedEntries, "deliverables" | "preparedBy">;
  issues: StoredIssue[];
  values: StoredValue[];
  roster: StoredRosterEntry[];
  readyAt: string | null;
  readyStampValid: boolean | null;
  /** When the file was received (the run's clock, or the time an earlier database first recorded these bytes). */
  receivedAt: Date;
}

export interface CheckDependencies {
  /** The pseudonym of a service number (pseudonymise under the run's key). */
  pseudonymise: (serviceNumber: string) => string;
  catalogs: readonly Catalog[];
  layouts: LayoutBuilder;
  maxFileBytes: number;
  /** When the file with these bytes was received: now, or when an archive being replayed first received it. */
  receivedAt: (sha256: string | null) => Date;
  reader: WorkbookReader;
  /** Whether these bytes are stored already (then they are not read again). */
  isStored: (sha256: string) => boolean;
}

const refuse = (reason: StoredIssue, issues: StoredIssue[], identity: Refusal["identity"] = null) => ({ refused: { reason, issues, identity } });

/**
 * Everything about one file that does not depend on the database: its size, hash, reading, identity and checks.
 * The file is read once: the bytes hashed are the bytes handed to the reader, so a file replaced meanwhile can
 * never be stored under another file's SHA-256. It is read at once (blocking); `bytes` is how many were read
 * (what the caller holds until the check is done), and the checks go on in `checked`.
 */
export function startCheck(file: string, deps: CheckDependencies): { bytes: number; checked: Promise<CheckedFile> } {
  let read: FileBytes;
  try {
    read = readFileBytes(file, deps.maxFileBytes, { reuse: true });
  } catch (error) {
    // Gone since the folder was listed, or not readable: that file is refused, the others go on.
    const reason = unreadableReason(error, "file", file);
    if (!reason) return { bytes: 0, checked: Promise.reject(error) };
    const issue = fileIssue("FILE_UNREADABLE", {
      es: `No se pudo leer el archivo: ${reason.es}. Revise que siga en la carpeta y que se pueda abrir, y vuelva a cargarlo.`,
      en: `The file could not be read: ${reason.en}. Check that it is still in the folder and can be opened, and load it again.`,
    });
    return { bytes: 0, checked: Promise.resolve({ file, stat: { size: 0, mtime: new Date(0) }, sha256: null, verdict: ok(refuse(issue, [])) }) };
  }
  if ("tooLarge" in read) {
    const stat = { size: read.tooLarge, mtime: read.mtime };
    return { bytes: 0, checked: Promise.resolve({ file, stat, sha256: null, verdict: ok(refuse(fileIssue("FILE_TOO_LARGE", {
      es: `El archivo pesa ${formatMb(read.tooLarge)} y el máximo es ${formatMb(deps.maxFileBytes)}. Una plantilla llena pesa mucho menos: revise que sea el archivo correcto.`,
      en: `The file is ${formatMb(read.tooLarge)} and the limit is ${formatMb(deps.maxFileBytes)}. A filled template is far smaller: check that this is the right file.`,
    }), [])) }) };
  }
  const { mtime } = read;
  const stat = { size: read.bytes.byteLength, mtime };
  const sha256 = createHash("sha256").update(read.bytes).digest("hex");
  // Bytes already stored are not read again (their turn finds them stored too: see StoredIndex).
  if (deps.isStored(sha256)) return { bytes: 0, checked: Promise.resolve({ file, stat, sha256, verdict: ok({ stored: true as const }) }) };
  const checked = checkContent(file, keepBytes(read.bytes), sha256, deps).then(ok, failed).then((verdict) => ({ file, stat, sha256, verdict }));
  return { bytes: stat.size, checked };
}

async function checkContent(file: string, bytes: Uint8Array, sha256: string, deps: CheckDependencies): Promise<{ refused: Refusal } | { accepted: CheckedContent }> {
  let content;
  try {
    // The bytes are handed over (a worker may take them): nothing here uses them afterwards.
    content = await deps.reader.read(file, bytes);
  } catch (error) {
    const rejection = asFileRejection(error);
    if (!rejection) throw error;
    const issue = fileIssue(rejection.code, rejection.text, rejection.cell ?? rejection.part);
    if (rejection.sheet !== undefined) issue.sheet = rejection.sheet;
    return refuse(issue, []);
  }
  // The file is judged as of when it was received (a semester not yet over, say), whenever it is read.
  const receivedAt = deps.receivedAt(sha256);
  const id = identifyWorkbook(content, deps.catalogs, receivedAt, deps.layouts);
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
  // Each object built with its fields named, not spread from the parse's: a spread copies generically, and these
  // are the objects a file keeps while it waits for its batch.
  const values: StoredValue[] = parsed.values.map((v) => ({
    indicator: v.indicator,
    dims: v.dims,
    value: v.value,
    note: v.note,
    sheet: v.sheet,
    cell: v.cell,
    unit: findIndicator(id.catalog, v.indicator)!.indicator.measure,
  }));
  const roster: StoredRosterEntry[] = parsed.roster.map((r) => ({
    sheet: r.sheet,
    cell: r.cell,
    personId: deps.pseudonymise(r.serviceNumber),
    activity: r.activity,
    courseOrMission: r.courseOrMission,
    mission: r.mission,
    courseType: r.courseType,
    role: r.role,
    start: r.start,
    end: r.end,
    hours: r.hours,
    note: r.note,
  }));
  return { accepted: { id, parsed: { deliverables: parsed.deliverables, preparedBy: parsed.preparedBy }, issues, values, roster, readyAt, readyStampValid, receivedAt } };
}

export type LayoutBuilder = (catalog: Catalog, institution: string, period: string, language: Language) => TemplateLayout;

/**
 * buildTemplateLayout is pure (same arguments, same layout) and takes ~10 ms, more than reading a file: a folder
 * holds many files of the same institution, semester and language, so each layout is built once per run. Each
 * is frozen, so that no use can change what the next file is checked against.
 */
export function memoiseLayouts(): LayoutBuilder {
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

function toStoredIssue(i: ValidationIssue): StoredIssue {
  return { code: i.code, severity: i.severity, sheet: i.location.sheet, cell: i.location.cell, indicator: i.indicator ?? null, message: i.message };
}

export function fileIssue(code: string, message: LocalizedText, part?: string): StoredIssue {
  return { code, severity: "error", sheet: null, cell: part ?? null, indicator: null, message };
}

function formatMb(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}
