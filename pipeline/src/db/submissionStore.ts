import type { DuckDBConnection, DuckDBPreparedStatement, DuckDBValue } from "@duckdb/node-api";
import type { DeliverableEntry, IndicatorValueEntry, RosterEntry } from "../../../core/src/validation/ParsedEntries";
import { appendDoubleOrNull as appendNumber, appendRows, appendText } from "./appendRows";
import { type Database, execute, queryRows } from "./Database";
import { DIMENSION_COLUMNS, DIMENSION_NAMES, isDimensionName } from "./dimensionColumns";

export interface SubmissionRecord {
  institution: string;
  period: string;
  catalogId: string;
  catalogVersion: string;
  layoutVersion: string;
  language: string;
  fileName: string;
  sha256: string;
  fileBytes: number;
  fileModifiedAt: Date | null;
  receivedAt: Date;
  generatedBy: string | null;
  readyAt: string | null;
  readyStampValid: boolean | null;
  preparedBy: string | null;
}

export interface StoredValue extends IndicatorValueEntry {
  unit: string;
}

/** A roster line as stored: the service number replaced by its pseudonym. */
export type StoredRosterEntry = Omit<RosterEntry, "serviceNumber"> & { personId: string };

export interface StoredIssue {
  code: string;
  severity: "error" | "warning";
  sheet: string | null;
  cell: string | null;
  indicator: string | null;
  message: { es: string; en: string };
}

export interface CurrentSubmission {
  submission_id: bigint;
  version: number;
  sha256: string;
  file_name: string;
}

export async function findSubmissionBySha(db: Database, sha256: string) {
  const rows = await queryPrepared<{ submission_id: bigint; institution: string; period: string; version: number; status: string }>(
    db,
    `SELECT submission_id, institution, period, version, status FROM submissions WHERE sha256 = ?`,
    [sha256],
  );
  return rows[0];
}

export async function findCurrentSubmission(db: Database, institution: string, period: string): Promise<CurrentSubmission | undefined> {
  const rows = await queryPrepared<CurrentSubmission>(
    db,
    `SELECT submission_id, version, sha256, file_name FROM submissions WHERE institution = ? AND period = ? AND status = 'current'`,
    [institution, period],
  );
  return rows[0];
}

/** Values of a stored submission keyed like the new ones, to tell which changed on a resubmission. */
export async function readSubmissionValues(db: Database, submissionId: bigint): Promise<Map<string, { value: number; cell: string }>> {
  // Values and deliverables in one query (deliverables have no dimensions and a status).
  const dims = DIMENSION_NAMES.map((d) => DIMENSION_COLUMNS[d]).join(", ");
  const noDims = DIMENSION_NAMES.map(() => "NULL").join(", ");
  const rows = await queryPrepared<Record<string, unknown>>(
    db,
    `SELECT indicator_code, ${dims}, value, cell, NULL AS status FROM indicator_values WHERE submission_id = ?
     UNION ALL
     SELECT indicator_code, ${noDims}, 1, cell, status FROM deliverables WHERE submission_id = ?`,
    [submissionId, submissionId],
  );
  const out = new Map<string, { value: number; cell: string }>();
  for (const row of rows) {
    if (typeof row.status === "string") {
      out.set(`${String(row.indicator_code)}|*status=${row.status}`, { value: 1, cell: String(row.cell) });
      continue;
    }
    const d: Record<string, string> = {};
    for (const name of DIMENSION_NAMES) {
      const v = row[DIMENSION_COLUMNS[name]];
      if (typeof v === "string") d[name] = v;
    }
    out.set(valueKey(String(row.indicator_code), d), { value: Number(row.value), cell: String(row.cell) });
  }
  return out;
}

/** What ingestion indexes once per run: every stored submission's bytes, identity and status. */
export interface StoredSubmission {
  submission_id: bigint;
  institution: string;
  period: string;
  version: number;
  status: string;
  sha256: string;
  file_name: string;
}

export async function readStoredSubmissions(db: Database): Promise<StoredSubmission[]> {
  return queryRows<StoredSubmission>(db, `SELECT submission_id, institution, period, version, status, sha256, file_name FROM submissions`);
}

export function valueKey(indicator: string, dims: Record<string, string>): string {
  return `${indicator}|${Object.keys(dims)
    .sort()
    .map((k) => `${k}=${dims[k]}`)
    .join(";")}`;
}

/** Inserts one submission with all its rows; the caller holds the transaction. Returns the new id and version. */
export async function insertSubmission(
  db: Database,
  record: SubmissionRecord,
  content: { values: StoredValue[]; deliverables: DeliverableEntry[]; roster: StoredRosterEntry[]; warnings: StoredIssue[] },
): Promise<{ submissionId: bigint; version: number }> {
  // One statement for the new id, the next version of this institution and semester, and the row.
  const inserted = await queryPrepared<{ submission_id: bigint; version: number }>(
    db,
    `INSERT INTO submissions VALUES (nextval('submission_id_seq'), ?, ?,
       (SELECT coalesce(max(version), 0) + 1 FROM submissions WHERE institution = ? AND period = ?),
       ?, ?, ?, ?, ?, ?, ?, ?::TIMESTAMP, ?::TIMESTAMP, ?, ?, ?, ?, 'current', NULL, ?, ?, ?)
     RETURNING submission_id, version`,
    [
      record.institution,
      record.period,
      record.institution,
      record.period,
      record.catalogId,
      record.catalogVersion,
      record.layoutVersion,
      record.language,
      record.fileName,
      record.sha256,
      BigInt(record.fileBytes),
      record.fileModifiedAt ? record.fileModifiedAt.toISOString() : null,
      record.receivedAt.toISOString(),
      record.generatedBy,
      record.readyAt,
      record.readyStampValid,
      record.preparedBy,
      content.values.length,
      content.roster.length,
      content.warnings.length,
    ],
  );
  const id = inserted[0]!.submission_id;
  const version = Number(inserted[0]!.version);
  for (const v of content.values) {
    for (const name of Object.keys(v.dims)) {
      if (!isDimensionName(name)) throw new Error(`no column for dimension ${name}: add it to DIMENSION_COLUMNS and a migration`);
    }
  }
  await appendRows(db, "indicator_values", content.values, (a, v) => {
    a.appendBigInt(id);
    a.appendVarchar(v.indicator);
    for (const name of DIMENSION_NAMES) appendText(a, Object.hasOwn(v.dims, name) ? v.dims[name]! : null);
    a.appendDouble(v.value);
    a.appendVarchar(v.unit);
    appendText(a, v.note);
    a.appendVarchar(v.sheet);
    a.appendVarchar(v.cell);
  });
  await appendRows(db, "deliverables", content.deliverables, (a, d) => {
    a.appendBigInt(id);
    a.appendVarchar(d.indicator);
    a.appendVarchar(d.status);
    appendNumber(a, d.progress);
    appendText(a, d.approvalDate);
    appendText(a, d.reference);
    appendText(a, d.note);
    a.appendVarchar(d.sheet);
    a.appendVarchar(d.cell);
  });
  await appendRows(db, "roster_entries", content.roster, (a, r) => {
    a.appendBigInt(id);
    a.appendVarchar(r.personId);
    a.appendVarchar(r.activity);
    a.appendVarchar(r.courseOrMission);
    appendText(a, r.mission);
    appendText(a, r.courseType);
    appendText(a, r.role);
    a.appendVarchar(r.start);
    appendText(a, r.end);
    appendNumber(a, r.hours);
    appendText(a, r.note);
    a.appendVarchar(r.sheet);
    a.appendVarchar(r.cell);
  });
  await insertIssues(db, record.fileName, record.sha256, id, content.warnings, record.receivedAt);
  return { submissionId: id, version };
}

export async function supersede(db: Database, oldId: bigint, newId: bigint): Promise<void> {
  await executePrepared(db, `UPDATE submissions SET status = 'superseded', superseded_by = ? WHERE submission_id = ?`, [newId, oldId]);
}

/** Records why a file was refused, replacing what an earlier refusal of the same bytes recorded. */
export async function recordRejection(db: Database, fileName: string, sha256: string, issues: StoredIssue[], at: Date): Promise<void> {
  await executePrepared(db, `DELETE FROM ingest_issues WHERE sha256 = ? AND submission_id IS NULL`, [sha256]);
  await insertIssues(db, fileName, sha256, null, issues, at);
}

async function insertIssues(db: Database, fileName: string, sha256: string, submissionId: bigint | null, issues: StoredIssue[], at: Date): Promise<void> {
  await appendRows(db, "ingest_issues", issues, (a, i) => {
    a.appendVarchar(fileName);
    a.appendVarchar(sha256);
    if (submissionId === null) a.appendNull();
    else a.appendBigInt(submissionId);
    a.appendVarchar(i.code);
    a.appendVarchar(i.severity);
    appendText(a, i.sheet);
    appendText(a, i.cell);
    appendText(a, i.indicator);
    a.appendVarchar(i.message.es);
    a.appendVarchar(i.message.en);
    a.appendVarchar(at.toISOString());
  });
}

export async function startIngestRun(db: Database, at: Date): Promise<bigint> {
  const id = (await queryRows<{ id: bigint }>(db, `SELECT nextval('ingest_run_id_seq') AS id`))[0]!.id;
  await execute(db, `INSERT INTO ingest_runs VALUES (?, ?::TIMESTAMP, NULL, 0, 0, 0, 0, 0)`, [id, at.toISOString()]);
  return id;
}

export async function finishIngestRun(
  db: Database,
  runId: bigint,
  at: Date,
  counts: { files: number; accepted: number; replaced: number; unchanged: number; rejected: number },
): Promise<void> {
  await execute(
    db,
    `UPDATE ingest_runs SET finished_at = ?::TIMESTAMP, files = ?, accepted = ?, replaced = ?, unchanged = ?, rejected = ? WHERE run_id = ?`,
    [at.toISOString(), counts.files, counts.accepted, counts.replaced, counts.unchanged, counts.rejected, runId],
  );
}

export async function recordIngestFile(
  db: Database,
  row: {
    runId: bigint;
    fileName: string;
    sha256: string;
    status: string;
    submissionId: bigint | null;
    reasonCode: string | null;
    at: Date;
    institution: string | null;
    period: string | null;
  },
): Promise<void> {
  await executePrepared(
    db,
    `INSERT INTO ingest_files (run_id, file_name, sha256, status, submission_id, reason_code, recorded_at, institution, period)
     VALUES (?, ?, ?, ?, ?, ?, ?::TIMESTAMP, ?, ?)`,
    [row.runId, row.fileName, row.sha256, row.status, row.submissionId, row.reasonCode, row.at.toISOString(), row.institution, row.period],
  );
}

export async function readSetting(db: Database, key: string): Promise<string | undefined> {
  return (await queryRows<{ value: string }>(db, `SELECT value FROM settings WHERE key = ?`, [key]))[0]?.value;
}

export async function writeSetting(db: Database, key: string, value: string): Promise<void> {
  await execute(db, `INSERT OR REPLACE INTO settings VALUES (?, ?)`, [key, value]);
}

/**
 * Statements that ingestion runs for every file are prepared once per connection: `run(sql, params)` parses,
 * prepares, runs and destroys a statement each time (three round trips to DuckDB's threads instead of one). One
 * caller at a time, as with the connection itself: bind and run follow each other before the next bind.
 */
const preparedStatements = new WeakMap<DuckDBConnection, Map<string, DuckDBPreparedStatement>>();

async function prepare(db: Database, sql: string): Promise<DuckDBPreparedStatement> {
  let bySql = preparedStatements.get(db.connection);
  if (!bySql) preparedStatements.set(db.connection, (bySql = new Map()));
  let statement = bySql.get(sql);
  if (!statement) bySql.set(sql, (statement = await db.connection.prepare(sql)));
  return statement;
}

async function queryPrepared<T>(db: Database, sql: string, params: DuckDBValue[]): Promise<T[]> {
  const statement = await prepare(db, sql);
  statement.bind(params);
  return (await statement.runAndReadAll()).getRowObjectsJS() as T[];
}

async function executePrepared(db: Database, sql: string, params: DuckDBValue[]): Promise<void> {
  const statement = await prepare(db, sql);
  statement.bind(params);
  await statement.run();
}
