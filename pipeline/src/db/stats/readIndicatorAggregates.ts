import { type Database, queryRows } from "../Database";
import { DIMENSION_COLUMNS, DIMENSION_NAMES } from "../dimensionColumns";

export interface IndicatorAggregateRow {
  period: string;
  indicator_code: string;
  /** "*" when summed over institutions. */
  institution: string;
  /** "dim=value;…" (dimensions other than sex, sorted by name); "" when the indicator has none; "*" summed over them. */
  breakdown_key: string;
  /** "F"/"M"; null for things other than people; "*" summed over sex. */
  sex: string | null;
  value: number;
  institutions: number;
  comparable: boolean;
}

/** The breakdown key in SQL, built from the fixed dimension table (never from user text). */
const BREAKDOWN_KEY = `concat_ws(';', ${DIMENSION_NAMES.filter((d) => d !== "sex")
  .sort()
  .map((d) => `CASE WHEN v.${DIMENSION_COLUMNS[d]} IS NOT NULL THEN '${d}=' || v.${DIMENSION_COLUMNS[d]} END`)
  .join(", ")})`;

/**
 * Every reported value of the current submissions, mapped to today's indicator codes, with its totals over
 * institutions, breakdowns and sex (GROUPING SETS), for every semester. Needs createStatsHelperTables first.
 */
export async function readIndicatorAggregates(db: Database): Promise<IndicatorAggregateRow[]> {
  const rows = await queryRows<Omit<IndicatorAggregateRow, "institutions"> & { institutions: bigint; sex_all: bigint }>(
    db,
    `WITH v AS (
       SELECT s.period, s.institution, m.new_code AS indicator_code, m.comparable, ${BREAKDOWN_KEY} AS breakdown_key, v.sex, v.value
       FROM indicator_values v
       JOIN submissions s ON s.submission_id = v.submission_id AND s.status = 'current'
       JOIN code_map m ON m.catalog_version = s.catalog_version AND m.old_code = v.indicator_code
     )
     SELECT period, indicator_code,
            CASE WHEN GROUPING(institution) = 1 THEN '*' ELSE institution END AS institution,
            CASE WHEN GROUPING(breakdown_key) = 1 THEN '*' ELSE breakdown_key END AS breakdown_key,
            CASE WHEN GROUPING(sex) = 1 THEN '*' ELSE sex END AS sex,
            GROUPING(sex) AS sex_all,
            sum(value) AS value,
            count(DISTINCT institution) AS institutions,
            bool_and(comparable) AS comparable
     FROM v
     GROUP BY GROUPING SETS (
       (period, indicator_code, institution, breakdown_key, sex), (period, indicator_code, institution, breakdown_key),
       (period, indicator_code, institution, sex), (period, indicator_code, institution),
       (period, indicator_code, breakdown_key, sex), (period, indicator_code, breakdown_key),
       (period, indicator_code, sex), (period, indicator_code))
     ORDER BY period, indicator_code, institution, breakdown_key, sex NULLS FIRST`,
  );
  return rows.map((r) => ({ ...r, institutions: Number(r.institutions), value: Number(r.value) }));
}

export interface DeliverableRow {
  period: string;
  indicator_code: string;
  institution: string;
  status: string;
  progress: number | null;
  approval_date: string | null;
  reference: string | null;
}

export async function readDeliverables(db: Database): Promise<DeliverableRow[]> {
  return queryRows<DeliverableRow>(
    db,
    `SELECT s.period, m.new_code AS indicator_code, s.institution, d.status, d.progress, strftime(d.approval_date, '%Y-%m-%d') AS approval_date, d.reference
     FROM deliverables d
     JOIN submissions s ON s.submission_id = d.submission_id AND s.status = 'current'
     JOIN code_map m ON m.catalog_version = s.catalog_version AND m.old_code = d.indicator_code
     ORDER BY s.period, indicator_code, s.institution`,
  );
}
