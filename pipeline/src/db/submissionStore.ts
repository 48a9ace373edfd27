import { listValue, type DuckDBAppender, type DuckDBConnection, type DuckDBPreparedStatement, type DuckDBValue } from "./duckdb";
import { deliverableStatusKey } from "../../../core/src/layout/rowKeys";
import type { DeliverableEntry, IndicatorValueEntry, RosterEntry } from "../../../core/src/validation/ParsedEntries";
import { appendBigIntOrNull, appendBooleanOrNull, appendDoubleOrNull as appendNumber, appendText } from "./appendRows";
import { type Database, execute, forEachChunk, queryRows } from "./Database";
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
      out.set(deliverableStatusKey(String(row.indicator_code), String(row.status)), { value: 1, cell: String(row.cell) });
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

/**
 * What ingestion indexes once per run: every stored submission's bytes, identity and status; its file name and
 * "Ready to submit" stamp only while it is current (a resubmission is compared with the current one alone).
 */
export interface StoredSubmission {
  submission_id: bigint;
  institution: string;
  period: string;
  version: number;
  status: string;
  sha256: string;
  file_name: string | null;
  ready_at: string | null;
  ready_stamp_valid: boolean | null;
}

/**
 * Every stored submission, one at a time (a database holds every version ever sent: see forEachChunk). The file
 * name and stamp of superseded versions are not read: at 90,000 submissions they were ~4 MB more for DuckDB to
 * hand over at the start of every run, for nothing.
 */
export async function forEachStoredSubmission(db: Database, visit: (row: StoredSubmission) => void): Promise<void> {
  const sql = `SELECT submission_id, institution, period, version, status, sha256,
      CASE WHEN status = 'current' THEN file_name END, CASE WHEN status = 'current' THEN ready_at END,
      CASE WHEN status = 'current' THEN ready_stamp_valid END
    FROM submissions`;
  await forEachChunk(db, sql, ([id, institution, period, version, status, sha256, fileName, readyAt, readyStampValid], rows) => {
    for (let i = 0; i < rows; i++) {
      visit({
        submission_id: id!.getItem(i) as bigint,
        institution: institution!.getItem(i) as string,
        period: period!.getItem(i) as string,
        version: version!.getItem(i) as number,
        status: status!.getItem(i) as string,
        sha256: sha256!.getItem(i) as string,
        file_name: fileName!.getItem(i) as string | null,
        ready_at: readyAt!.getItem(i) as string | null,
        ready_stamp_valid: readyStampValid!.getItem(i) as boolean | null,
      });
    }
  });
}

/** The dimension names in the order valueKey lists them (sorted, as `Object.keys(…).sort()` would). */
const SORTED_DIMENSIONS: readonly string[] = [...DIMENSION_NAMES].sort();

/**
 * `INDICATOR|dim=value;dim=value`, dimensions in name order: the same key for the same breakdown however its
 * object was built. Made without sorting or arrays (twice per value of every resubmission: it was a tenth of what
 * the ingest thread allocated); a dimension outside the table's columns takes the general way.
 */
export function valueKey(indicator: string, dims: Record<string, string>): string {
  let key = `${indicator}|`;
  let listed = 0;
  for (const name of SORTED_DIMENSIONS) {
    const value = dims[name];
    if (value === undefined) continue;
    key += listed++ === 0 ? `${name}=${value}` : `;${name}=${value}`;
  }
  let own = 0;
  for (const name in dims) if (Object.hasOwn(dims, name)) own++;
  if (own === listed) return key;
  return `${indicator}|${Object.keys(dims)
    .sort()
    .map((k) => `${k}=${dims[k]}`)
    .join(";")}`;
}

/** A submission as a batch stores it: ids and versions are given by ingestion (this process is the only writer). */
export interface SubmissionWrite {
  record: SubmissionRecord;
  submissionId: bigint;
  version: number;
  /** The submission of the same batch that replaces this one, when a later file of the batch does. */
  supersededBy: bigint | null;
  content: { values: StoredValue[]; deliverables: DeliverableEntry[]; roster: StoredRosterEntry[]; warnings: StoredIssue[] };
}

/** The issues recorded for a refused file. */
export interface RejectionWrite {
  fileName: string;
  sha256: string;
  issues: StoredIssue[];
  at: Date;
}

/** One `ingest_files` row: what was decided for a file in this run. */
export interface IngestFileWrite {
  fileName: string;
  sha256: string;
  status: "accepted" | "replaced" | "rejected";
  submissionId: bigint | null;
  reasonCode: string | null;
  at: Date;
  institution: string | null;
  period: string | null;
}

/** Everything a group of whole files stores, written in one transaction by writeIngestBatch. */
export interface IngestBatch {
  /** In id order (ids given by ingestion: see readNextSubmissionId). */
  submissions: SubmissionWrite[];
  /** Submissions stored before this batch that one of its files replaces. */
  superseded: Array<{ oldId: bigint; newId: bigint }>;
  /** Refused bytes whose earlier refusal records (their issues) this batch replaces. */
  refusedAgain: string[];
  rejections: RejectionWrite[];
  log: IngestFileWrite[];
}

/**
 * Writes a batch of whole files in one transaction: all of it or nothing. Submission rows, values, deliverables,
 * roster lines, issues and log rows go through one typed appender per table, flushed before the COMMIT; a few
 * statements cover the whole batch (the run's row when `runId` is undefined, the sequence, earlier refusals, the
 * versions it replaces). On any error the appenders are cleared, the transaction is rolled back and the error
 * rethrown (a COMMIT after an error would silently roll back). Returns the run's id.
 */
export async function writeIngestBatch(db: Database, batch: IngestBatch, run: { id: bigint | undefined; startedAt: Date }): Promise<bigint> {
  await db.connection.run("BEGIN TRANSACTION");
  const appenders: DuckDBAppender[] = [];
  let runId = run.id;
  try {
    runId ??= await startIngestRun(db, run.startedAt);
    await advanceSubmissionIds(db, batch.submissions);
    if (batch.refusedAgain.length > 0) {
      await executePrepared(db, `DELETE FROM ingest_issues WHERE submission_id IS NULL AND list_contains(?::VARCHAR[], sha256)`, [
        listValue(batch.refusedAgain),
      ]);
    }
    if (batch.superseded.length > 0) {
      await executePrepared(
        db,
        `UPDATE submissions SET status = 'superseded', superseded_by = m.new_id
         FROM (SELECT unnest(?::BIGINT[]) AS old_id, unnest(?::BIGINT[]) AS new_id) AS m
         WHERE submissions.submission_id = m.old_id`,
        [listValue(batch.superseded.map((s) => s.oldId)), listValue(batch.superseded.map((s) => s.newId))],
      );
    }
    const open = async (table: string) => {
      const appender = await db.connection.createAppender(table);
      appenders.push(appender);
      return appender;
    };
    await appendSubmissions(open, batch.submissions);
    await appendIssues(open, [
      ...batch.submissions.flatMap((s) =>
        s.content.warnings.map((issue) => ({ issue, fileName: s.record.fileName, sha256: s.record.sha256, submissionId: s.submissionId, at: s.record.receivedAt })),
      ),
      ...batch.rejections.flatMap((r) => r.issues.map((issue) => ({ issue, fileName: r.fileName, sha256: r.sha256, submissionId: null, at: r.at }))),
    ]);
    await appendLog(open, runId, batch.log);
    for (const appender of appenders) appender.flushSync();
    while (appenders.length > 0) {
      appenders[0]!.closeSync();
      appenders.shift();
    }
    await db.connection.run("COMMIT");
  } catch (error) {
    for (const appender of appenders) {
      // Rows still buffered must never be flushed by closing: cleared first. The error that counts is the first.
      try {
        appender.clear();
        appender.closeSync();
      } catch {
        /* the transaction is rolled back below */
      }
    }
    try {
      await db.connection.run("ROLLBACK");
    } catch {
      /* a COMMIT that failed has already ended the transaction */
    }
    throw error;
  }
  return runId;
}

/**
 * The next submission id: one past the largest stored. Ingestion gives ids in memory (this process is the only
 * writer) and the batch keeps `submission_id_seq` at or past them, for any other writer of submissions.
 */
export async function readNextSubmissionId(db: Database): Promise<bigint> {
  const rows = await queryRows<{ top: bigint | null }>(db, `SELECT max(submission_id) AS top FROM submissions`);
  return (rows[0]!.top ?? 0n) + 1n;
}

/**
 * Moves the submission sequence past the batch's ids (one statement; a second one only if the sequence was behind).
 * The sequence is not transactional: after a rollback it stays ahead, which leaves it past every id all the same.
 */
async function advanceSubmissionIds(db: Database, submissions: readonly SubmissionWrite[]): Promise<void> {
  if (submissions.length === 0) return;
  const last = submissions[submissions.length - 1]!.submissionId;
  const sql = `SELECT max(nextval('submission_id_seq')) AS reached FROM range(?)`;
  const reached = (await queryPrepared<{ reached: bigint }>(db, sql, [submissions.length]))[0]!.reached;
  if (reached < last) await queryPrepared(db, sql, [Number(last - reached)]);
}

type OpenAppender = (table: string) => Promise<DuckDBAppender>;

async function appendAll<T>(open: OpenAppender, table: string, rows: readonly T[], append: (a: DuckDBAppender, row: T) => void): Promise<void> {
  if (rows.length === 0) return;
  const a = await open(table);
  for (const row of rows) {
    append(a, row);
    a.endRow();
  }
}

/**
 * Every submission's rows of one table, each appended after its submission's id: walked in place (a wrapper object
 * per row, ~62 a file, was garbage the ingest thread made for nothing).
 */
async function appendEach<T>(
  open: OpenAppender,
  table: string,
  submissions: readonly SubmissionWrite[],
  pick: (s: SubmissionWrite) => readonly T[],
  append: (a: DuckDBAppender, submissionId: bigint, row: T) => void,
): Promise<void> {
  if (!submissions.some((s) => pick(s).length > 0)) return;
  const a = await open(table);
  for (const s of submissions) {
    for (const row of pick(s)) {
      append(a, s.submissionId, row);
      a.endRow();
    }
  }
}

async function appendSubmissions(open: OpenAppender, submissions: readonly SubmissionWrite[]): Promise<void> {
  for (const s of submissions) {
    for (const v of s.content.values) {
      for (const name of Object.keys(v.dims)) {
        if (!isDimensionName(name)) throw new Error(`no column for dimension ${name}: add it to DIMENSION_COLUMNS and a migration`);
      }
    }
  }
  await appendAll(open, "submissions", submissions, (a, s) => {
    const r = s.record;
    a.appendBigInt(s.submissionId);
    a.appendVarchar(r.institution);
    a.appendVarchar(r.period);
    a.appendInteger(s.version);
    a.appendVarchar(r.catalogId);
    a.appendVarchar(r.catalogVersion);
    a.appendVarchar(r.layoutVersion);
    a.appendVarchar(r.language);
    a.appendVarchar(r.fileName);
    a.appendVarchar(r.sha256);
    a.appendBigInt(BigInt(r.fileBytes));
    appendText(a, r.fileModifiedAt ? r.fileModifiedAt.toISOString() : null);
    a.appendVarchar(r.receivedAt.toISOString());
    appendText(a, r.generatedBy);
    appendText(a, r.readyAt);
    appendBooleanOrNull(a, r.readyStampValid);
    appendText(a, r.preparedBy);
    a.appendVarchar(s.supersededBy === null ? "current" : "superseded");
    appendBigIntOrNull(a, s.supersededBy);
    a.appendInteger(s.content.values.length);
    a.appendInteger(s.content.roster.length);
    a.appendInteger(s.content.warnings.length);
  });
  await appendEach(open, "indicator_values", submissions, (s) => s.content.values, (a, id, v) => {
    a.appendBigInt(id);
    a.appendVarchar(v.indicator);
    for (let i = 0; i < DIMENSION_NAMES.length; i++) {
      const name = DIMENSION_NAMES[i]!;
      appendText(a, Object.hasOwn(v.dims, name) ? v.dims[name]! : null);
    }
    a.appendDouble(v.value);
    a.appendVarchar(v.unit);
    appendText(a, v.note);
    a.appendVarchar(v.sheet);
    a.appendVarchar(v.cell);
  });
  await appendEach(open, "deliverables", submissions, (s) => s.content.deliverables, (a, id, d) => {
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
  await appendEach(open, "roster_entries", submissions, (s) => s.content.roster, (a, id, r) => {
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
}

interface IssueRow {
  issue: StoredIssue;
  fileName: string;
  sha256: string;
  submissionId: bigint | null;
  at: Date;
}

async function appendIssues(open: OpenAppender, rows: readonly IssueRow[]): Promise<void> {
  await appendAll(open, "ingest_issues", rows, (a, { issue: i, fileName, sha256, submissionId, at }) => {
    a.appendVarchar(fileName);
    a.appendVarchar(sha256);
    appendBigIntOrNull(a, submissionId);
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

async function appendLog(open: OpenAppender, runId: bigint, rows: readonly IngestFileWrite[]): Promise<void> {
  // Columns in table order: run_id, file_name, sha256, status, submission_id, reason_code, recorded_at, then
  // institution and period (added by migration 3).
  await appendAll(open, "ingest_files", rows, (a, r) => {
    a.appendBigInt(runId);
    a.appendVarchar(r.fileName);
    a.appendVarchar(r.sha256);
    a.appendVarchar(r.status);
    appendBigIntOrNull(a, r.submissionId);
    appendText(a, r.reasonCode);
    a.appendVarchar(r.at.toISOString());
    appendText(a, r.institution);
    appendText(a, r.period);
  });
}

/** The bytes whose refusal is recorded (issues a refusal of the same bytes again replaces), one at a time. */
export async function forEachRefusedSha(db: Database, visit: (sha256: string) => void): Promise<void> {
  await forEachChunk(db, `SELECT DISTINCT sha256 FROM ingest_issues WHERE submission_id IS NULL`, ([sha256], rows) => {
    for (let i = 0; i < rows; i++) visit(sha256!.getItem(i) as string);
  });
}

/**
 * When each file (by its bytes' SHA-256) was first received: the earliest time any run recorded it, stored or
 * refused (milliseconds since the epoch, UTC as stored). For replaying an archive into a new database.
 */
export async function readArrivalTimes(db: Database): Promise<Map<string, number>> {
  const times = new Map<string, number>();
  await forEachChunk(
    db,
    `SELECT sha256, epoch_ms(min(seen)) AS first_seen FROM (
       SELECT sha256, received_at AS seen FROM submissions UNION ALL SELECT sha256, recorded_at AS seen FROM ingest_files
     ) GROUP BY sha256`,
    ([sha256, firstSeen], rows) => {
      for (let i = 0; i < rows; i++) times.set(sha256!.getItem(i) as string, Number(firstSeen!.getItem(i) as bigint));
    },
  );
  return times;
}

async function startIngestRun(db: Database, at: Date): Promise<bigint> {
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
