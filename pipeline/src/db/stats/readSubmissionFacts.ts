import { parseCellAddress } from "../../../../core/src/layout/cellAddress";
import { type Database, queryRows } from "../Database";

export interface SubmissionFact {
  institution: string;
  period: string;
  version: number;
  status: string;
  file_name: string;
  sha256: string;
  received_at: string;
  first_received_at: string;
  warning_count: number;
}

/** Every stored submission with the time its institution first sent a file for that semester. */
export async function readSubmissionFacts(db: Database): Promise<SubmissionFact[]> {
  return queryRows<SubmissionFact>(
    db,
    `SELECT institution, period, version, status, file_name, sha256,
            strftime(received_at, '%Y-%m-%dT%H:%M:%SZ') AS received_at,
            strftime(min(received_at) OVER (PARTITION BY institution, period), '%Y-%m-%dT%H:%M:%SZ') AS first_received_at,
            warning_count
     FROM submissions ORDER BY period, institution, version`,
  );
}

export interface RefusedFact {
  institution: string | null;
  period: string | null;
  file_name: string;
  sha256: string;
  reason_code: string | null;
  recorded_at: string;
  message_es: string | null;
  message_en: string | null;
}

/** Refused files that were never accepted later with the same bytes, with their first error. */
export async function readRefusedFacts(db: Database): Promise<RefusedFact[]> {
  return queryRows<RefusedFact>(
    db,
    `WITH last AS (
       SELECT *, row_number() OVER (PARTITION BY sha256 ORDER BY recorded_at DESC) AS n FROM ingest_files WHERE status = 'rejected'
     )
     SELECT l.institution, l.period, l.file_name, l.sha256, l.reason_code, strftime(l.recorded_at, '%Y-%m-%dT%H:%M:%SZ') AS recorded_at,
            (SELECT i.message_es FROM ingest_issues i WHERE i.sha256 = l.sha256 AND i.submission_id IS NULL AND i.severity = 'error' ORDER BY i.sheet, i.cell LIMIT 1) AS message_es,
            (SELECT i.message_en FROM ingest_issues i WHERE i.sha256 = l.sha256 AND i.submission_id IS NULL AND i.severity = 'error' ORDER BY i.sheet, i.cell LIMIT 1) AS message_en
     FROM last l
     WHERE l.n = 1 AND l.sha256 NOT IN (SELECT sha256 FROM submissions)
     ORDER BY l.recorded_at, l.file_name`,
  );
}

/** Which indicators each current submission reports (any value or a deliverable status), in today's codes. */
export async function readReportedIndicators(db: Database): Promise<Array<{ institution: string; period: string; indicator_code: string }>> {
  return queryRows(
    db,
    `SELECT DISTINCT s.institution, s.period, m.new_code AS indicator_code
     FROM submissions s
     JOIN (SELECT submission_id, indicator_code FROM indicator_values UNION SELECT submission_id, indicator_code FROM deliverables) x USING (submission_id)
     JOIN code_map m ON m.catalog_version = s.catalog_version AND m.old_code = x.indicator_code
     WHERE s.status = 'current'
     ORDER BY ALL`,
  );
}

/** The last time anything entered the database (a submission or a master-data load). */
export async function readDataAsOf(db: Database): Promise<string | null> {
  const rows = await queryRows<{ at: string | null }>(
    db,
    `SELECT strftime(greatest((SELECT max(received_at) FROM submissions), (SELECT max(loaded_at) FROM master_loads WHERE status = 'loaded')), '%Y-%m-%dT%H:%M:%SZ') AS at`,
  );
  return rows[0]?.at ?? null;
}

export interface FileIssueFact {
  severity: "error" | "warning";
  code: string;
  sheet: string | null;
  cell: string | null;
  message_es: string;
  message_en: string;
}

/**
 * The issues recorded for a file's bytes — a stored submission's warnings, or a refused file's errors and warnings
 * — errors first, then sheet by sheet (in the order ingestion listed the sheets) and cell by cell, row-wise.
 */
export async function readFileIssues(db: Database, sha256: string, of: "stored" | "refused"): Promise<FileIssueFact[]> {
  const issues = await queryRows<FileIssueFact>(
    db,
    `SELECT severity, code, sheet, cell, message_es, message_en FROM ingest_issues
      WHERE sha256 = ? AND submission_id IS ${of === "stored" ? "NOT NULL" : "NULL"}
      ORDER BY rowid`,
    [sha256],
  );
  const sheets = [...new Set(issues.map((i) => i.sheet))];
  const position = (cell: string | null) => (cell === null ? undefined : parseCellAddress(cell));
  const byPosition = (a: string | null, b: string | null) => {
    const p = position(a);
    const q = position(b);
    if (!p || !q) return p ? 1 : q ? -1 : 0; // the file as a whole (no cell) first
    return p.row - q.row || p.column - q.column;
  };
  return issues.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1) || sheets.indexOf(a.sheet) - sheets.indexOf(b.sheet) || byPosition(a.cell, b.cell));
}
