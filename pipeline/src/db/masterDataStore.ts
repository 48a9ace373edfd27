import type { DuckDBAppender } from "@duckdb/node-api";
import type { LocalizedText } from "../../../core/src/i18n/Language";
import type { MasterDataset } from "../masterdata/MasterDataset";
import { appendDoubleOrNull, appendIntegerOrNull, appendRows, appendText, type CountedRows } from "./appendRows";
import { type Database, execute, queryRows } from "./Database";

/** Rows as stored. Service numbers are already pseudonyms (person_id): the raw numbers never reach DuckDB. */
export interface PersonnelRow {
  personId: string;
  institution: string;
  sex: "F" | "M";
  rank: string;
  category: string;
  birthYear: number | null;
  entryDate: string | null;
  status: string;
}

export interface TrainingRow {
  personId: string;
  course: string;
  provider: string;
  courseType: string;
  startDate: string;
  endDate: string | null;
  hours: number | null;
}

export interface DeploymentRow {
  personId: string;
  mission: string;
  unPersonnelType: string;
  role: string | null;
  startDate: string;
  endDate: string | null;
}

export interface UnContributionRow {
  /** First day of the reporting month, YYYY-MM-01. */
  month: string;
  iso3: string;
  country: string;
  mission: string;
  personnelType: string;
  personnelTypeLabel: string;
  female: number;
  male: number;
}

export interface UnParityTargetRow {
  year: number;
  parityCategory: string;
  targetPct: number;
  source: string;
  certainty: string | null;
}

/** The rows of one dataset, tagged so that each goes to its own table. */
export type MasterRows =
  | { dataset: "personnel"; rows: CountedRows<PersonnelRow> }
  | { dataset: "training"; rows: CountedRows<TrainingRow> }
  | { dataset: "deployments"; rows: CountedRows<DeploymentRow> }
  | { dataset: "un-gender"; rows: CountedRows<UnContributionRow> }
  | { dataset: "un-targets"; rows: CountedRows<UnParityTargetRow> };

/** Each dataset's table (constants: no table name ever comes from input). */
export const MASTER_TABLE: Record<MasterDataset, string> = {
  personnel: "personnel",
  training: "training",
  deployments: "deployments",
  "un-gender": "un_contributions",
  "un-targets": "un_parity_targets",
};

export interface MasterLoadRecord {
  dataset: MasterDataset;
  fileName: string;
  sha256: string;
  loadedAt: Date;
}

export interface StoredMasterIssue {
  row: number | null;
  column: string | null;
  code: string;
  message: LocalizedText;
}

/** A row of the load history (master_loads). */
export interface MasterLoad {
  loadId: number;
  dataset: MasterDataset;
  fileName: string;
  sha256: string;
  loadedAt: Date;
  status: "loaded" | "rejected";
  rowCount: number;
  issueCount: number;
}

/** The load whose rows are in the dataset's table now: the latest successful one. */
export async function readCurrentLoad(db: Database, dataset: MasterDataset): Promise<MasterLoad | undefined> {
  const rows = await queryRows<{ load_id: bigint; dataset: MasterDataset; file_name: string; sha256: string; loaded_at: Date; status: "loaded" | "rejected"; row_count: number; issue_count: number }>(
    db,
    `SELECT load_id, dataset, file_name, sha256, loaded_at, status, row_count, issue_count
     FROM master_loads WHERE dataset = ? AND status = 'loaded' ORDER BY load_id DESC LIMIT 1`,
    [dataset],
  );
  const r = rows[0];
  if (!r) return undefined;
  return {
    loadId: Number(r.load_id),
    dataset: r.dataset,
    fileName: r.file_name,
    sha256: r.sha256,
    loadedAt: r.loaded_at,
    status: r.status,
    rowCount: r.row_count,
    issueCount: r.issue_count,
  };
}

/**
 * When these bytes were first loaded into the dataset with this outcome, if ever (an earlier database, when a
 * database is remade from the archived files). Undefined too for a database older than the load history.
 */
export async function readFirstLoadTime(db: Database, dataset: MasterDataset, sha256: string, status: "loaded" | "rejected"): Promise<Date | undefined> {
  const [history] = await queryRows<{ n: bigint }>(db, `SELECT count(*) AS n FROM duckdb_tables() WHERE database_name = current_database() AND table_name = 'master_loads'`);
  if (history!.n === 0n) return undefined;
  const [row] = await queryRows<{ at: Date | null }>(db, `SELECT min(loaded_at) AS at FROM master_loads WHERE dataset = ? AND sha256 = ? AND status = ?`, [dataset, sha256, status]);
  return row?.at ?? undefined;
}

/**
 * Replaces a dataset's snapshot: deletes its rows, appends the new ones, records the load and its warnings.
 * The caller holds the transaction, so a failure anywhere leaves the previous snapshot as it was.
 */
export async function replaceMasterData(db: Database, record: MasterLoadRecord, data: MasterRows, warnings: readonly StoredMasterIssue[]): Promise<number> {
  if (data.dataset !== record.dataset) throw new Error(`rows of ${data.dataset} given for a ${record.dataset} load`);
  const loadId = await insertLoad(db, record, "loaded", data.rows.length, warnings.length);
  await execute(db, `DELETE FROM ${MASTER_TABLE[data.dataset]}`);
  await appendDataset(db, loadId, data);
  await appendIssues(db, loadId, warnings);
  return Number(loadId);
}

/** Records a refused load and every issue of it; the dataset's rows are not touched. */
export async function recordRejectedLoad(db: Database, record: MasterLoadRecord, issues: readonly StoredMasterIssue[]): Promise<number> {
  const loadId = await insertLoad(db, record, "rejected", 0, issues.length);
  await appendIssues(db, loadId, issues);
  return Number(loadId);
}

export async function countMasterRows(db: Database, dataset: MasterDataset): Promise<number> {
  const rows = await queryRows<{ n: bigint }>(db, `SELECT count(*) AS n FROM ${MASTER_TABLE[dataset]}`);
  return Number(rows[0]?.n ?? 0);
}

async function insertLoad(db: Database, record: MasterLoadRecord, status: "loaded" | "rejected", rowCount: number, issueCount: number): Promise<bigint> {
  const id = (await queryRows<{ id: bigint }>(db, `SELECT nextval('master_load_id_seq') AS id`))[0]!.id;
  await execute(db, `INSERT INTO master_loads VALUES (?, ?, ?, ?, ?::TIMESTAMP, ?, ?, ?)`, [
    id,
    record.dataset,
    record.fileName,
    record.sha256,
    record.loadedAt.toISOString(),
    status,
    rowCount,
    issueCount,
  ]);
  return id;
}

async function appendIssues(db: Database, loadId: bigint, issues: readonly StoredMasterIssue[]): Promise<void> {
  await appendRows(db, "master_load_issues", issues, (a, i) => {
    a.appendBigInt(loadId);
    appendIntegerOrNull(a, i.row);
    appendText(a, i.column);
    a.appendVarchar(i.code);
    a.appendVarchar(i.message.es);
    a.appendVarchar(i.message.en);
  });
}

async function appendDataset(db: Database, loadId: bigint, data: MasterRows): Promise<void> {
  const end = (a: DuckDBAppender) => a.appendBigInt(loadId);
  switch (data.dataset) {
    case "personnel":
      return appendRows(db, "personnel", data.rows, (a, r) => {
        a.appendVarchar(r.personId);
        a.appendVarchar(r.institution);
        a.appendVarchar(r.sex);
        a.appendVarchar(r.rank);
        a.appendVarchar(r.category);
        appendIntegerOrNull(a, r.birthYear);
        appendText(a, r.entryDate);
        a.appendVarchar(r.status);
        end(a);
      });
    case "training":
      return appendRows(db, "training", data.rows, (a, r) => {
        a.appendVarchar(r.personId);
        a.appendVarchar(r.course);
        a.appendVarchar(r.provider);
        a.appendVarchar(r.courseType);
        a.appendVarchar(r.startDate);
        appendText(a, r.endDate);
        appendDoubleOrNull(a, r.hours);
        end(a);
      });
    case "deployments":
      return appendRows(db, "deployments", data.rows, (a, r) => {
        a.appendVarchar(r.personId);
        a.appendVarchar(r.mission);
        a.appendVarchar(r.unPersonnelType);
        appendText(a, r.role);
        a.appendVarchar(r.startDate);
        appendText(a, r.endDate);
        end(a);
      });
    case "un-gender":
      return appendRows(db, "un_contributions", data.rows, (a, r) => {
        a.appendVarchar(r.month);
        a.appendVarchar(r.iso3);
        a.appendVarchar(r.country);
        a.appendVarchar(r.mission);
        a.appendVarchar(r.personnelType);
        a.appendVarchar(r.personnelTypeLabel);
        a.appendInteger(r.female);
        a.appendInteger(r.male);
        end(a);
      });
    case "un-targets":
      return appendRows(db, "un_parity_targets", data.rows, (a, r) => {
        a.appendInteger(r.year);
        a.appendVarchar(r.parityCategory);
        a.appendDouble(r.targetPct);
        a.appendVarchar(r.source);
        appendText(a, r.certainty);
        end(a);
      });
  }
}
