import { type Database, queryRows } from "../Database";

export interface DeployedCountRow {
  /** "YYYY-MM" (people deployed on the month's last day) or "*" (anyone deployed during the semester). */
  month: string;
  mission: string;
  un_personnel_type: string;
  parity_category: string;
  /** "F", "M", "UNKNOWN" (not in the personnel data) or "*". */
  sex: string;
  people: number;
}

/**
 * Peru's deployed personnel by month and over the semester, by mission, UN personnel type and sex (from the
 * personnel data). A person counts once per month and once per semester — in their latest deployment — so
 * every total adds up. Needs createStatsHelperTables first.
 */
export async function readDeployedCounts(db: Database, semester: { start: string; end: string }): Promise<DeployedCountRow[]> {
  const rows = await queryRows<Omit<DeployedCountRow, "people"> & { people: bigint }>(
    db,
    `WITH months AS (
       SELECT strftime(d, '%Y-%m') AS month, last_day(d::DATE) AS day
       FROM range(?::DATE::TIMESTAMP, ?::DATE::TIMESTAMP + INTERVAL 1 DAY, INTERVAL 1 MONTH) t(d)
     ), at_month AS (
       SELECT m.month, d.person_id, d.mission, d.un_personnel_type,
              row_number() OVER (PARTITION BY m.month, d.person_id ORDER BY d.start_date DESC, d.mission, d.un_personnel_type) AS pick
       FROM months m JOIN deployments d ON d.start_date <= m.day AND (d.end_date IS NULL OR d.end_date >= m.day)
     ), in_semester AS (
       SELECT '*' AS month, d.person_id, d.mission, d.un_personnel_type,
              row_number() OVER (PARTITION BY d.person_id ORDER BY d.start_date DESC, d.mission, d.un_personnel_type) AS pick
       FROM deployments d WHERE d.start_date <= ?::DATE AND (d.end_date IS NULL OR d.end_date >= ?::DATE)
     ), deployed AS (
       SELECT month, person_id, mission, un_personnel_type FROM at_month WHERE pick = 1
       UNION ALL
       SELECT month, person_id, mission, un_personnel_type FROM in_semester WHERE pick = 1
     ), with_sex AS (
       SELECT x.month, x.mission, x.un_personnel_type AS utype, coalesce(t.parity_category, 'UNKNOWN') AS pc, coalesce(p.sex, 'UNKNOWN') AS sx
       FROM deployed x LEFT JOIN personnel p USING (person_id) LEFT JOIN un_types t ON t.code = x.un_personnel_type
     )
     SELECT month,
            CASE WHEN GROUPING(mission) = 1 THEN '*' ELSE mission END AS mission,
            CASE WHEN GROUPING(utype) = 1 THEN '*' ELSE utype END AS un_personnel_type,
            CASE WHEN GROUPING(pc) = 1 THEN '*' ELSE pc END AS parity_category,
            CASE WHEN GROUPING(sx) = 1 THEN '*' ELSE sx END AS sex,
            count(*) AS people
     FROM with_sex
     GROUP BY GROUPING SETS (
       (month, mission, utype, pc, sx), (month, mission, utype, pc), (month, utype, pc, sx), (month, utype, pc),
       (month, pc, sx), (month, pc), (month, sx), (month))
     ORDER BY ALL`,
    [semester.start, semester.end, semester.end, semester.start],
  );
  return rows.map((r) => ({ ...r, people: Number(r.people) }));
}

export interface UnShareRow {
  month: string;
  mission: string;
  un_personnel_type: string;
  parity_category: string;
  women: number;
  total: number;
  peru_women: number | null;
  peru_total: number | null;
}

/** UN-wide and Peru's own counts from the UN's monthly contributions-by-gender data, at the same cuts. */
export async function readUnShares(db: Database, semester: { start: string; end: string }): Promise<UnShareRow[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    `WITH u AS (
       SELECT strftime(c.month, '%Y-%m') AS m, c.mission, c.personnel_type AS utype, coalesce(t.parity_category, 'UNKNOWN') AS pc,
              c.female, c.male, c.iso3
       FROM un_contributions c LEFT JOIN un_types t ON t.code = c.personnel_type
       WHERE c.month BETWEEN ?::DATE AND ?::DATE
     )
     SELECT CASE WHEN GROUPING(m) = 1 THEN '*' ELSE m END AS month,
            CASE WHEN GROUPING(mission) = 1 THEN '*' ELSE mission END AS mission,
            CASE WHEN GROUPING(utype) = 1 THEN '*' ELSE utype END AS un_personnel_type,
            CASE WHEN GROUPING(pc) = 1 THEN '*' ELSE pc END AS parity_category,
            sum(female) AS women, sum(female + male) AS total,
            sum(CASE WHEN iso3 = 'PER' THEN female END) AS peru_women, sum(CASE WHEN iso3 = 'PER' THEN female + male END) AS peru_total
     FROM u
     GROUP BY GROUPING SETS ((m, mission, utype, pc), (m, utype, pc), (m, pc), (m), (mission, utype, pc), (utype, pc), (pc), ())
     ORDER BY ALL`,
    [semester.start, semester.end],
  );
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return rows.map((r) => ({
    month: String(r.month),
    mission: String(r.mission),
    un_personnel_type: String(r.un_personnel_type),
    parity_category: String(r.parity_category),
    women: Number(r.women),
    total: Number(r.total),
    peru_women: num(r.peru_women),
    peru_total: num(r.peru_total),
  }));
}

export interface ParityTargetRow {
  year: number;
  parity_category: string;
  target_pct: number;
  source: string;
}

export async function readParityTargets(db: Database): Promise<ParityTargetRow[]> {
  return queryRows<ParityTargetRow>(db, `SELECT year, parity_category, target_pct, source FROM un_parity_targets ORDER BY year, parity_category`);
}
