import path from "node:path";
import type { Catalog } from "../../../core/src/catalog/Catalog";
import { deliverableStatusKey } from "../../../core/src/layout/rowKeys";
import type { Database } from "../db/Database";
import { readSubmissionValues, valueKey, type IngestBatch, type StoredIssue, type SubmissionWrite } from "../db/submissionStore";
import { unwrap, type CheckedFile, type Refusal } from "./checkFile";
import { describeValueKey } from "./describeValueKey";
import type { FileResult, ValueChange } from "./IngestResult";
import type { IndexedSubmission, StoredIndex, ValueMap } from "./StoredIndex";

/** Whole files decided in file order and waiting for their one transaction; acknowledged only once it commits. */
export interface PendingBatch {
  writes: IngestBatch;
  /** Each file's result, in file order. */
  decided: Array<{ checked: CheckedFile; result: FileResult }>;
  /** Rows to store (values, deliverables, roster lines, issues): bounds a batch's memory. */
  rows: number;
  /** When its first file was decided (ms, performance clock). */
  startedAt: number;
  /** The batch's own submissions by id, for a resubmission within the batch. */
  byId: Map<bigint, SubmissionWrite>;
}

export function emptyBatch(startedAt: number): PendingBatch {
  return { writes: { submissions: [], superseded: [], refusedAgain: [], rejections: [], log: [] }, decided: [], rows: 0, startedAt, byId: new Map() };
}

/** Whether the batch stores anything (a batch of unchanged files needs no transaction). */
export const hasWrites = (b: PendingBatch) => b.writes.log.length > 0;

/**
 * Decides one checked file in its turn — unchanged, refused, accepted or replacing — against the index (which
 * sees the batch's earlier files), and adds what it stores to the batch. Nothing is staged when it throws: the
 * only await (the values a resubmission replaces, from an earlier run) comes before any change.
 */
export async function stageFile(
  db: Database,
  index: StoredIndex,
  batch: PendingBatch,
  checked: CheckedFile,
  receivedAt: (sha256: string | null) => Date,
): Promise<FileResult> {
  const { file, stat, sha256 } = checked;
  const fileName = path.basename(file);
  if (sha256 === null) {
    const { refused } = unwrap(checked.verdict) as { refused: Refusal };
    return stageRejection(index, batch, checked, null, refused, receivedAt(null));
  }
  const known = index.find(sha256);
  if (known) {
    const result: FileResult = { status: "unchanged", file, sha256, submissionId: Number(known.submissionId), institution: known.institution, period: known.period, version: known.version, issues: [] };
    batch.decided.push({ checked, result });
    return result;
  }
  const verdict = unwrap(checked.verdict);
  if ("stored" in verdict) throw new Error(`${fileName} was found stored when checked but not when stored`);
  if ("refused" in verdict) return stageRejection(index, batch, checked, sha256, verdict.refused, receivedAt(sha256));
  const { id, parsed, issues, values, roster, readyAt, readyStampValid, receivedAt: at } = verdict.accepted;
  const institution = id.layout.institution;
  const period = id.layout.period;
  const current = index.current(institution, period);
  const before = current ? (index.currentValues(institution, period) ?? (await readSubmissionValues(db, current.submissionId))) : undefined;

  const after: ValueMap = new Map();
  for (const v of values) after.set(valueKey(v.indicator, v.dims), { value: v.value, cell: v.cell });
  for (const d of parsed.deliverables) after.set(deliverableStatusKey(d.indicator, d.status), { value: 1, cell: d.cell });
  // Exactly what readSubmissionValues would read back once these values and deliverables are committed.
  const stamp = readyStampValid === true ? readyAt : null;
  const older = current ? olderThanCurrent(stamp, current) : undefined;
  // Not pushed onto `issues`: a batch rolled back stages its files again from the same verdicts.
  const warnings = older ? [...issues, older] : issues;
  const staged = index.stageSubmission({ institution, period, sha256, fileName, readyAt: stamp }, after);
  const write: SubmissionWrite = {
    record: {
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
      receivedAt: at,
      generatedBy: id.meta.get("generatedBy") ?? null,
      readyAt,
      readyStampValid,
      preparedBy: id.meta.get("preparedBy") ?? parsed.preparedBy,
    },
    submissionId: staged.submissionId,
    version: staged.version,
    supersededBy: null,
    content: { values, deliverables: parsed.deliverables, roster, warnings },
  };
  batch.writes.submissions.push(write);
  batch.byId.set(write.submissionId, write);
  if (current) {
    // Replaced within the batch: its row is written superseded; stored earlier: one UPDATE for the batch.
    const inBatch = batch.byId.get(current.submissionId);
    if (inBatch) inBatch.supersededBy = staged.submissionId;
    else batch.writes.superseded.push({ oldId: current.submissionId, newId: staged.submissionId });
  }
  const status = current ? "replaced" : "accepted";
  batch.writes.log.push({ fileName, sha256, status, submissionId: staged.submissionId, reasonCode: null, at, institution, period });
  batch.rows += values.length + parsed.deliverables.length + roster.length + warnings.length;
  const result: FileResult = {
    status,
    file,
    sha256,
    submissionId: Number(staged.submissionId),
    institution,
    period,
    version: staged.version,
    replacedVersion: current ? current.version : null,
    values: values.length,
    roster: roster.length,
    changes: before ? diffValues(before, after, id.catalog) : [],
    issues: warnings,
  };
  batch.decided.push({ checked, result });
  return result;
}

function stageRejection(index: StoredIndex, batch: PendingBatch, checked: CheckedFile, sha256: string | null, refused: Refusal, at: Date): FileResult {
  const { reason, issues, identity } = refused;
  const all = issues.length > 0 ? issues : [reason];
  const fileName = path.basename(checked.file);
  const digest = sha256 ?? `size-refused:${fileName}`;
  const { writes } = batch;
  // A refusal of the same bytes replaces the issues an earlier one recorded: in this batch, or stored before.
  const earlier = writes.rejections.findIndex((r) => r.sha256 === digest);
  if (earlier >= 0) batch.rows -= writes.rejections.splice(earlier, 1)[0]!.issues.length;
  else if (index.isRefusalStored(digest)) writes.refusedAgain.push(digest);
  index.stageRefusal(digest);
  writes.rejections.push({ fileName, sha256: digest, issues: all, at });
  writes.log.push({
    fileName,
    sha256: digest,
    status: "rejected",
    submissionId: null,
    reasonCode: reason.code,
    at,
    institution: identity?.institution ?? null,
    period: identity?.period ?? null,
  });
  batch.rows += all.length;
  const result: FileResult = { status: "rejected", file: checked.file, sha256, reason, issues: all };
  batch.decided.push({ checked, result });
  return result;
}

/**
 * A warning when a file marked "Ready to submit" replaces a version that was marked ready later: most likely an
 * older file sent or saved again after its correction (files are taken in path order, and "EP (corregido).xlsx"
 * sorts before "EP.xlsx"). It still becomes the current version, as every resubmission does; the analyst is told
 * which one the institution must confirm. Only valid stamps count (content unchanged since it was marked).
 */
export function olderThanCurrent(readyAt: string | null, current: IndexedSubmission): StoredIssue | undefined {
  if (readyAt === null || current.readyAt === null) return undefined;
  const mine = Date.parse(readyAt);
  const theirs = Date.parse(current.readyAt);
  if (!Number.isFinite(mine) || !Number.isFinite(theirs) || mine >= theirs) return undefined;
  const when = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
  return {
    code: "OLDER_THAN_CURRENT",
    severity: "warning",
    sheet: null,
    cell: null,
    indicator: null,
    message: {
      es: `Este archivo se marcó «Listo para enviar» el ${when(mine)}, antes que la versión ${current.version} que reemplaza (${current.fileName}, marcada el ${when(theirs)}). Quedó como versión vigente: confirme con la institución cuál es la final; si es la otra, pídale que la guarde de nuevo y la vuelva a enviar.`,
      en: `This file was marked "Ready to submit" on ${when(mine)}, before version ${current.version}, which it replaces (${current.fileName}, marked on ${when(theirs)}). It is now the current version: confirm with the institution which one is final; if it is the other, ask them to save it again and send it again.`,
    },
  };
}

function diffValues(before: ValueMap, after: ValueMap, catalog: Catalog): ValueChange[] {
  const changes: ValueChange[] = [];
  for (const [key, a] of after) {
    const b = before.get(key);
    if (!b || b.value !== a.value) changes.push({ key, label: describeValueKey(catalog, key), cell: a.cell, before: b ? b.value : null, after: a.value });
  }
  for (const [key, b] of before) if (!after.has(key)) changes.push({ key, label: describeValueKey(catalog, key), cell: b.cell, before: b.value, after: null });
  // In the keys' code-point order: the same on every machine (localeCompare follows the runtime's locale data), and
  // without loading ICU's collation for it (~2 MB more resident for the rest of the run).
  return changes.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}
