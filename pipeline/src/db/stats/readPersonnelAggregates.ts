import { type Database, queryRows } from "../Database";

export interface PersonnelCountRow {
  institution: string;
  category: string;
  rank: string;
  sex: string;
  people: number;
}

/**
 * Personnel in service (active or on leave) by institution, category, rank and sex, with totals. A rank belongs
 * to one institution, so there is no all-institutions total by rank.
 */
export async function readPersonnelCounts(db: Database): Promise<{ asOf: string | null; rows: PersonnelCountRow[] }> {
  const loaded = await queryRows<{ at: string | null }>(
    db,
    `SELECT strftime(max(loaded_at), '%Y-%m-%d') AS at FROM master_loads WHERE dataset = 'personnel' AND status = 'loaded'`,
  );
  const rows = await queryRows<Omit<PersonnelCountRow, "people"> & { people: bigint }>(
    db,
    `SELECT CASE WHEN GROUPING(institution) = 1 THEN '*' ELSE institution END AS institution,
            CASE WHEN GROUPING(category) = 1 THEN '*' ELSE category END AS category,
            CASE WHEN GROUPING(rank) = 1 THEN '*' ELSE rank END AS rank,
            CASE WHEN GROUPING(sex) = 1 THEN '*' ELSE sex END AS sex,
            count(*) AS people
     FROM personnel WHERE status IN ('active', 'leave')
     GROUP BY GROUPING SETS (
       (institution, category, rank, sex), (institution, category, rank), (institution, category, sex), (institution, category),
       (institution, sex), (institution), (category, sex), (category), (sex), ())
     ORDER BY ALL`,
  );
  return { asOf: loaded[0]?.at ?? null, rows: rows.map((r) => ({ ...r, people: Number(r.people) })) };
}
