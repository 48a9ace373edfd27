import type {
  CompletenessCell,
  DeliverableStat,
  IndicatorStat,
  ParityStat,
  PersonnelStat,
  ReportData,
  RosterConsistency,
  RosterStat,
  TrendPoint,
} from "../../../../core/src/stats/ReportData";
import type { ColumnType, TidyColumn, TidyValue } from "./TidyTable";

export interface ColumnDef<R> {
  name: string;
  type: ColumnType;
  meaning: string;
  get(row: R): TidyValue;
}

export interface TableDef<R> {
  name: string;
  /** One line for docs/data-model.md: what a row is. */
  rowMeaning: string;
  columns: ReadonlyArray<ColumnDef<R>>;
  rows(data: ReportData): readonly R[];
  /** Columns to sort by, in order (then every column, so equal keys still sort the same way). */
  sortBy: readonly string[];
}

const col = <R>(name: string, type: ColumnType, meaning: string, get: (row: R) => TidyValue): ColumnDef<R> => ({ name, type, meaning, get });

const indicators: TableDef<IndicatorStat> = {
  name: "indicators",
  rowMeaning: "one reported indicator value of the semester, by institution, breakdown and sex",
  rows: (d) => d.indicators,
  sortBy: ["period", "area", "indicator_code", "institution", "breakdown_key", "sex"],
  columns: [
    col("period", "VARCHAR", "semester, e.g. `2026-S1`", (r) => r.period),
    col("area", "VARCHAR", "area of the plan (`PREV`, `PART`, `PROT`, `RR`)", (r) => r.area),
    col("indicator_code", "VARCHAR", "indicator code in the catalog, e.g. `PREV-1.1`", (r) => r.indicatorCode),
    col("indicator", "VARCHAR", "indicator text in the report's language", (r) => r.indicator),
    col("measure", "VARCHAR", "what is measured: `people`, `events`, `documents`, `hours`, `count`, `percentage`", (r) => r.measure),
    col("unit", "VARCHAR", "unit label in the report's language", (r) => r.unit),
    col("institution", "VARCHAR", "institution code; `*` for all institutions together", (r) => r.institution),
    col("breakdown_key", "VARCHAR", "breakdown as `dimension=CODE` pairs; `*` for the indicator's total", (r) => r.breakdownKey),
    col("breakdown", "VARCHAR", "breakdown label in the report's language", (r) => r.breakdown),
    col("sex", "VARCHAR", "`F`, `M`, `*` (both); NULL when the indicator does not count people", (r) => r.sex),
    col("value", "DOUBLE", "the value; NULL when hidden (`suppressed`) or not reported", (r) => r.value),
    col("suppressed", "BOOLEAN", "true when the value is hidden by small-cell suppression (never published as 0)", (r) => r.suppressed),
    col("institutions_reporting", "INTEGER", "how many institutions' submissions the value sums", (r) => r.institutionsReporting),
    col("comparable", "BOOLEAN", "false when part of the value comes from an older catalog whose indicator was split or merged", (r) => r.comparable),
  ],
};

const deliverables: TableDef<DeliverableStat> = {
  name: "deliverables",
  rowMeaning: "the status of one directive, regulation or structure for one institution",
  rows: (d) => d.deliverables,
  sortBy: ["period", "indicator_code", "institution"],
  columns: [
    col("period", "VARCHAR", "semester", (r) => r.period),
    col("indicator_code", "VARCHAR", "indicator code", (r) => r.indicatorCode),
    col("indicator", "VARCHAR", "indicator text in the report's language", (r) => r.indicator),
    col("institution", "VARCHAR", "institution code", (r) => r.institution),
    col("status", "VARCHAR", "`NOT_STARTED`, `IN_PREPARATION`, `UNDER_REVIEW`, `APPROVED`, `IN_FORCE`", (r) => r.status),
    col("status_label", "VARCHAR", "status in the report's language", (r) => r.statusLabel),
    col("progress", "DOUBLE", "progress, 0–100", (r) => r.progress),
    col("approval_date", "DATE", "date of approval, when approved or in force", (r) => r.approvalDate),
    col("reference", "VARCHAR", "reference document as typed by the institution", (r) => r.reference),
  ],
};

const roster: TableDef<RosterStat> = {
  name: "roster",
  rowMeaning: "people listed on template rosters (each counted once), by institution, category and sex from the personnel data",
  rows: (d) => d.roster,
  sortBy: ["period", "indicator_code", "institution", "category", "sex"],
  columns: [
    col("period", "VARCHAR", "semester", (r) => r.period),
    col("indicator_code", "VARCHAR", "indicator the roster backs", (r) => r.indicatorCode),
    col("indicator", "VARCHAR", "indicator text in the report's language", (r) => r.indicator),
    col("institution", "VARCHAR", "the person's institution per the personnel data; `UNKNOWN` when not in it; `*` all", (r) => r.institution),
    col("category", "VARCHAR", "personnel category code; `*` all", (r) => r.category),
    col("sex", "VARCHAR", "`F`, `M`, `*` (both) or `UNKNOWN`", (r) => r.sex),
    col("people", "INTEGER", "number of people; NULL when hidden", (r) => r.people),
    col("suppressed", "BOOLEAN", "true when `people` is hidden by small-cell suppression", (r) => r.suppressed),
  ],
};

const rosterConsistency: TableDef<RosterConsistency> = {
  name: "roster_consistency",
  rowMeaning: "whether an institution's roster backs the number it reported",
  rows: (d) => d.rosterConsistency,
  sortBy: ["period", "indicator_code", "institution", "breakdown_key"],
  columns: [
    col("period", "VARCHAR", "semester", (r) => r.period),
    col("indicator_code", "VARCHAR", "indicator code", (r) => r.indicatorCode),
    col("institution", "VARCHAR", "institution code", (r) => r.institution),
    col("breakdown_key", "VARCHAR", "breakdown as `dimension=CODE` pairs; `*` for the total", (r) => r.breakdownKey),
    col("reported", "DOUBLE", "the number reported; NULL in a pack with suppression", (r) => r.reported),
    col("listed", "INTEGER", "people listed on the roster; NULL in a pack with suppression", (r) => r.listed),
    col("status", "VARCHAR", "`match` or `differs`", (r) => r.status),
  ],
};

const parity: TableDef<ParityStat> = {
  name: "parity",
  rowMeaning: "women's share of deployed personnel (indicator PART-1.2) for a month or the semester, against the UN target",
  rows: (d) => d.parity,
  sortBy: ["period", "parity_category", "mission", "un_personnel_type", "month"],
  columns: [
    col("period", "VARCHAR", "semester", (r) => r.period),
    col("month", "VARCHAR", "`YYYY-MM` (people deployed on the month's last day), or `*` for the semester (anyone deployed in it)", (r) => r.month),
    col("mission", "VARCHAR", "UN mission code; `*` all", (r) => r.mission),
    col("un_personnel_type", "VARCHAR", "UN personnel type code; `*` all", (r) => r.unPersonnelType),
    col("parity_category", "VARCHAR", "UN parity strategy category (`CONTINGENTS`, `STAFF_OBSERVERS`, `FPU`, `IPO`); `*` all; `UNKNOWN` when the personnel type has none", (r) => r.parityCategory),
    col("women", "INTEGER", "women deployed; NULL when hidden", (r) => r.women),
    col("men", "INTEGER", "men deployed; NULL when hidden", (r) => r.men),
    col("total", "INTEGER", "everyone deployed; NULL when hidden", (r) => r.total),
    col("women_share_pct", "DOUBLE", "women's share, 0–100; NULL when hidden", (r) => r.womenSharePct),
    col("suppressed", "BOOLEAN", "true when the row's counts are hidden by small-cell suppression", (r) => r.suppressed),
    col("target_pct", "DOUBLE", "the UN target for the year, 0–100; NULL when the strategy gives none", (r) => r.targetPct),
    col("target_source", "VARCHAR", "where the target comes from", (r) => r.targetSource),
    col("status", "VARCHAR", "`green`, `yellow`, `red`, `no-target`", (r) => r.status),
    col("un_women_share_pct", "DOUBLE", "women's share for all contributing countries (UN data), 0–100", (r) => r.unWomenSharePct),
    col("peru_un_women_share_pct", "DOUBLE", "Peru's women's share as the UN's own data report it, 0–100", (r) => r.peruUnWomenSharePct),
  ],
};

const personnel: TableDef<PersonnelStat> = {
  name: "personnel",
  rowMeaning: "women and men in the personnel, by institution, category and rank",
  rows: (d) => d.personnel,
  sortBy: ["as_of", "institution", "category", "rank"],
  columns: [
    col("as_of", "DATE", "date of the personnel data", (r) => r.asOf),
    col("institution", "VARCHAR", "institution code; `*` all", (r) => r.institution),
    col("category", "VARCHAR", "personnel category code; `*` all", (r) => r.category),
    col("rank", "VARCHAR", "rank code; `*` all", (r) => r.rank),
    col("rank_label", "VARCHAR", "rank in the report's language", (r) => r.rankLabel),
    col("women", "INTEGER", "women; NULL when hidden", (r) => r.women),
    col("men", "INTEGER", "men; NULL when hidden", (r) => r.men),
    col("total", "INTEGER", "everyone; NULL when hidden", (r) => r.total),
    col("women_share_pct", "DOUBLE", "women's share, 0–100; NULL when hidden", (r) => r.womenSharePct),
    col("suppressed", "BOOLEAN", "true when the row's counts are hidden by small-cell suppression", (r) => r.suppressed),
  ],
};

const trends: TableDef<TrendPoint> = {
  name: "trends",
  rowMeaning: "one indicator (or one series of it) in one semester, all institutions together",
  rows: (d) => d.trends,
  sortBy: ["indicator_code", "series", "period"],
  columns: [
    col("indicator_code", "VARCHAR", "indicator code", (r) => r.indicatorCode),
    col("indicator", "VARCHAR", "indicator text in the report's language", (r) => r.indicator),
    col("series", "VARCHAR", "empty for the indicator as a whole; e.g. `hourKind=GENDER_HOURS` for one series", (r) => r.series),
    col("series_label", "VARCHAR", "series label in the report's language", (r) => r.seriesLabel),
    col("measure", "VARCHAR", "what is measured (as in `indicators`)", (r) => r.measure),
    col("period", "VARCHAR", "semester", (r) => r.period),
    col("value", "DOUBLE", "the semester's value; NULL when hidden or not reported", (r) => r.value),
    col("previous", "DOUBLE", "the previous semester's value", (r) => r.previous),
    col("change", "DOUBLE", "value − previous", (r) => r.change),
    col("change_pct", "DOUBLE", "change as a percentage of the previous value", (r) => r.changePct),
    col("cumulative", "BOOLEAN", "true when the indicator counts towards a running total", (r) => r.cumulative),
    col("cumulative_to_date", "DOUBLE", "running total up to this semester", (r) => r.cumulativeToDate),
    col("baseline", "DOUBLE", "the indicator's baseline, when the catalog gives one", (r) => r.baseline),
    col("target", "DOUBLE", "the indicator's target, when the catalog gives one", (r) => r.target),
    col("target_period", "VARCHAR", "the semester the target is for", (r) => r.targetPeriod),
    col("status", "VARCHAR", "`on-track`, `behind`, `no-target`, `no-data`", (r) => r.status),
    col("comparable", "BOOLEAN", "false when part of the value comes from an older catalog whose indicator was split or merged", (r) => r.comparable),
    col("suppressed", "BOOLEAN", "true when the value is hidden by small-cell suppression", (r) => r.suppressed),
  ],
};

const completeness: TableDef<CompletenessCell> = {
  name: "completeness",
  rowMeaning: "what one institution reported for one indicator in one semester",
  rows: (d) => d.completeness,
  sortBy: ["period", "institution", "indicator_code"],
  columns: [
    col("period", "VARCHAR", "semester", (r) => r.period),
    col("institution", "VARCHAR", "institution code", (r) => r.institution),
    col("indicator_code", "VARCHAR", "indicator code", (r) => r.indicatorCode),
    col("expected", "BOOLEAN", "true when the institution is responsible for the indicator", (r) => r.expected),
    col("received", "BOOLEAN", "true when a report came in", (r) => r.received),
    col("accepted", "BOOLEAN", "true when the report was accepted", (r) => r.accepted),
    col("late", "BOOLEAN", "true when it came in after the deadline", (r) => r.late),
    col("missing", "BOOLEAN", "true when the indicator is missing", (r) => r.missing),
    col("status", "VARCHAR", "`complete`, `late`, `not-reported`, `refused`, `missing`", (r) => r.status),
    col("deadline", "DATE", "the reporting deadline", (r) => r.deadline),
  ],
};

/** Included and excluded submissions in one table, told apart by `status`. */
export interface SubmissionRow {
  status: "included" | "superseded" | "refused";
  institution: string | null;
  period: string | null;
  version: number | null;
  fileName: string;
  sha256: string;
  receivedAt: string | null;
  late: boolean | null;
  warnings: number | null;
  detail: string | null;
}

const submissions: TableDef<SubmissionRow> = {
  name: "submissions",
  rowMeaning: "one submitted file, included in the statistics or left out with the reason",
  rows: (d) => [
    ...d.submissions.included.map((s): SubmissionRow => ({ status: "included", ...s, detail: null })),
    ...d.submissions.excluded.map((s): SubmissionRow => ({ status: s.reason, ...s, version: null, receivedAt: null, late: null, warnings: null })),
  ],
  sortBy: ["status", "institution", "period", "version", "file_name", "sha256"],
  columns: [
    col("status", "VARCHAR", "`included`, `superseded` (a later version replaced it) or `refused` (it had errors)", (r) => r.status),
    col("institution", "VARCHAR", "institution code, when the file said", (r) => r.institution),
    col("period", "VARCHAR", "semester, when the file said", (r) => r.period),
    col("version", "INTEGER", "version of the institution's report for the semester (included files)", (r) => r.version),
    col("file_name", "VARCHAR", "the file's name as received", (r) => r.fileName),
    col("sha256", "VARCHAR", "SHA-256 of the file's bytes", (r) => r.sha256),
    col("received_at", "TIMESTAMP", "when it was ingested (UTC; included files)", (r) => r.receivedAt),
    col("late", "BOOLEAN", "true when it came in after the deadline (included files)", (r) => r.late),
    col("warnings", "INTEGER", "number of warnings stored with it (included files)", (r) => r.warnings),
    col("detail", "VARCHAR", "why it was left out (excluded files)", (r) => r.detail),
  ],
};

/** A table definition with its row type closed over: what the writers and the docs need. */
export interface PackTableDef {
  name: string;
  rowMeaning: string;
  columns: TidyColumn[];
  sortBy: readonly string[];
  /** The table's cells, unsorted and unchecked (buildPackTables sorts and checks them). */
  cells(data: ReportData): TidyValue[][];
}

function pack<R>(def: TableDef<R>): PackTableDef {
  return {
    name: def.name,
    rowMeaning: def.rowMeaning,
    columns: def.columns.map(({ name, type, meaning }) => ({ name, type, meaning })),
    sortBy: def.sortBy,
    cells: (data) => def.rows(data).map((row) => def.columns.map((c) => c.get(row))),
  };
}

/** The published tables, in the order the docs list them. */
export const PACK_TABLES: readonly PackTableDef[] = [
  pack(indicators),
  pack(deliverables),
  pack(roster),
  pack(rosterConsistency),
  pack(parity),
  pack(personnel),
  pack(trends),
  pack(completeness),
  pack(submissions),
];
