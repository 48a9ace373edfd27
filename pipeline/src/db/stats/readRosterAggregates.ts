import { type Database, queryRows } from "../Database";

export interface RosterAggregateRow {
  period: string;
  indicator_code: string;
  /** The person's institution, category and sex from the personnel data ("UNKNOWN" when absent); "*" for totals. */
  institution: string;
  category: string;
  sex: string;
  people: number;
}

/**
 * People listed on the rosters of current submissions, counted once per person (across institutions too),
 * by the institution, category and sex the personnel data gives them. A person has one of each, so the
 * totals add up. Needs createStatsHelperTables first.
 */
export async function readRosterAggregates(db: Database): Promise<RosterAggregateRow[]> {
  const rows = await queryRows<Omit<RosterAggregateRow, "people"> & { people: bigint }>(
    db,
    `WITH listed AS (
       SELECT DISTINCT s.period, rr.indicator_code, e.person_id
       FROM roster_entries e
       JOIN submissions s ON s.submission_id = e.submission_id AND s.status = 'current'
       JOIN roster_rules rr ON rr.activity = e.activity
                           AND (rr.course_type IS NULL OR rr.course_type = e.course_type)
                           AND (rr.role IS NULL OR rr.role = e.role)
     ), people AS (
       SELECT l.period, l.indicator_code, l.person_id,
              coalesce(p.institution, 'UNKNOWN') AS inst, coalesce(p.category, 'UNKNOWN') AS cat, coalesce(p.sex, 'UNKNOWN') AS sx
       FROM listed l LEFT JOIN personnel p USING (person_id)
     )
     SELECT period, indicator_code,
            CASE WHEN GROUPING(inst) = 1 THEN '*' ELSE inst END AS institution,
            CASE WHEN GROUPING(cat) = 1 THEN '*' ELSE cat END AS category,
            CASE WHEN GROUPING(sx) = 1 THEN '*' ELSE sx END AS sex,
            count(DISTINCT person_id) AS people
     FROM people
     GROUP BY GROUPING SETS (
       (period, indicator_code, inst, cat, sx), (period, indicator_code, inst, cat), (period, indicator_code, inst, sx),
       (period, indicator_code, inst), (period, indicator_code, cat, sx), (period, indicator_code, cat),
       (period, indicator_code, sx), (period, indicator_code))
     ORDER BY ALL`,
  );
  return rows.map((r) => ({ ...r, people: Number(r.people) }));
}

export interface RosterListedRow {
  period: string;
  institution: string;
  indicator_code: string;
  course_type: string | null;
  listed: number;
}

/** How many distinct people each current submission lists per roster-derived indicator (and course type). */
export async function readRosterListed(db: Database): Promise<RosterListedRow[]> {
  const rows = await queryRows<Omit<RosterListedRow, "listed"> & { listed: bigint }>(
    db,
    `SELECT s.period, s.institution, rr.indicator_code, e.course_type, count(DISTINCT e.person_id) AS listed
     FROM roster_entries e
     JOIN submissions s ON s.submission_id = e.submission_id AND s.status = 'current'
     JOIN roster_rules rr ON rr.activity = e.activity
                         AND (rr.course_type IS NULL OR rr.course_type = e.course_type)
                         AND (rr.role IS NULL OR rr.role = e.role)
     GROUP BY ALL ORDER BY ALL`,
  );
  return rows.map((r) => ({ ...r, listed: Number(r.listed) }));
}
