import type { LocalizedText } from "../../../core/src/i18n/Language";
import { tableDigests } from "./backupDatabase";
import { type Database, queryRows } from "./Database";
import { MASTER_TABLE } from "./masterDataStore";
import { schemaVersion } from "./migrate";
import { MASTER_DATASETS } from "../masterdata/MasterDataset";

/*
 * What PA1325 promises of its own database, checked on a database as it is: after a power cut (the crash tests
 * cover kills, not a lost page cache), a restore, a copy from another machine, or before the Committee's report.
 * Every row of every table is read (DuckDB checks each block's checksum as it reads it), then each rule below.
 * The crash tests run the same checks after every kill.
 */

export interface RuleResult {
  /** A stable name, for --json and scripts. */
  rule: string;
  /** What holds when the rule passes. */
  text: LocalizedText;
  /** The rows that break it, in words (at most EXAMPLES), and how many there are in all. */
  problems: number;
  examples: LocalizedText[];
}

export interface DatabaseCheck {
  schemaVersion: number;
  tables: number;
  /** Rows read, over every table. */
  rows: number;
  results: RuleResult[];
}

/** Rows named under a rule that fails (the count says how many there are). */
const EXAMPLES = 10;

interface Rule {
  rule: string;
  text: LocalizedText;
  /** Each breach, in words, from a query's rows. */
  find(db: Database): Promise<LocalizedText[]>;
}

/** "EP 2026-S1 v2 (pa1325-EP-2026-S1.xlsx)": a submission as the analyst knows it, in SQL (`s`: the table's alias). */
export const submissionLabel = (s: string) => `${s}.institution || ' ' || ${s}.period || ' v' || ${s}.version || ' (' || ${s}.file_name || ')'`;

const RULES: Rule[] = [
  {
    rule: "one-current-version",
    text: { es: "cada institución y semestre tiene una sola versión vigente", en: "each institution and semester has exactly one current version" },
    async find(db) {
      const rows = await queryRows<{ what: string; n: bigint }>(
        db,
        `SELECT institution || ' ' || period AS what, count(*) FILTER (WHERE status = 'current') AS n FROM submissions GROUP BY institution, period HAVING n <> 1 ORDER BY 1`,
      );
      return rows.map((r) => ({ es: `${r.what}: ${r.n} versiones vigentes`, en: `${r.what}: ${r.n} current versions` }));
    },
  },
  {
    rule: "versions-in-order",
    text: {
      es: "las versiones de cada institución y semestre van de 1 en adelante sin huecos, y la vigente es la última",
      en: "each institution and semester's versions run from 1 without gaps, and the current one is the latest",
    },
    async find(db) {
      const rows = await queryRows<{ what: string; versions: string; current: number | null }>(
        db,
        `SELECT institution || ' ' || period AS what, string_agg(version::VARCHAR, ', ' ORDER BY version) AS versions,
                max(version) FILTER (WHERE status = 'current') AS current
           FROM submissions GROUP BY institution, period
          HAVING min(version) <> 1 OR max(version) <> count(*) OR coalesce(max(version) FILTER (WHERE status = 'current'), -1) <> max(version)
          ORDER BY 1`,
      );
      return rows.map((r) => ({
        es: `${r.what}: versiones ${r.versions}; vigente ${r.current ?? "ninguna"}`,
        en: `${r.what}: versions ${r.versions}; current ${r.current ?? "none"}`,
      }));
    },
  },
  {
    rule: "superseded-by-a-later-version",
    text: {
      es: "cada versión reemplazada apunta a una posterior de la misma institución y semestre; la vigente, a ninguna",
      en: "each replaced version points to a later one of the same institution and semester; the current one to none",
    },
    async find(db) {
      const rows = await queryRows<{ what: string; by: string | null }>(
        db,
        `SELECT ${submissionLabel("s")} AS what, CAST(s.superseded_by AS VARCHAR) AS by
           FROM submissions s LEFT JOIN submissions n ON n.submission_id = s.superseded_by
          WHERE (s.status = 'current' AND s.superseded_by IS NOT NULL)
             OR (s.status = 'superseded' AND (n.submission_id IS NULL OR n.institution <> s.institution OR n.period <> s.period OR n.version <= s.version))
          ORDER BY s.submission_id`,
      );
      return rows.map((r) => ({
        es: `${r.what}: reemplazada por ${r.by ?? "ninguna"}`,
        en: `${r.what}: replaced by ${r.by ?? "none"}`,
      }));
    },
  },
  {
    rule: "counts-match-rows",
    text: {
      es: "cada envío tiene guardados tantos valores, personas y avisos como registró (ninguno quedó a medias)",
      en: "each submission has as many values, people and warnings stored as it recorded (none is partial)",
    },
    async find(db) {
      const rows = await queryRows<{ what: string; vc: number; vs: bigint; rc: number; rs: bigint; wc: number; ws: bigint }>(
        db,
        `WITH v AS (SELECT submission_id, count(*) AS n FROM indicator_values GROUP BY ALL),
              r AS (SELECT submission_id, count(*) AS n FROM roster_entries GROUP BY ALL),
              w AS (SELECT submission_id, count(*) AS n FROM ingest_issues WHERE submission_id IS NOT NULL GROUP BY ALL)
         SELECT ${submissionLabel("s")} AS what, value_count AS vc, coalesce(v.n, 0) AS vs, roster_count AS rc, coalesce(r.n, 0) AS rs,
                warning_count AS wc, coalesce(w.n, 0) AS ws
           FROM submissions s LEFT JOIN v USING (submission_id) LEFT JOIN r USING (submission_id) LEFT JOIN w USING (submission_id)
          WHERE value_count <> coalesce(v.n, 0) OR roster_count <> coalesce(r.n, 0) OR warning_count <> coalesce(w.n, 0)
          ORDER BY s.submission_id`,
      );
      return rows.map((r) => ({
        es: `${r.what}: registró ${r.vc} valores, ${r.rc} personas y ${r.wc} avisos; hay ${r.vs}, ${r.rs} y ${r.ws}`,
        en: `${r.what}: recorded ${r.vc} values, ${r.rc} people and ${r.wc} warnings; ${r.vs}, ${r.rs} and ${r.ws} are stored`,
      }));
    },
  },
  {
    rule: "no-orphan-rows",
    text: { es: "ninguna fila pertenece a un envío que no existe", en: "no row belongs to a submission that does not exist" },
    async find(db) {
      const out: LocalizedText[] = [];
      for (const [table, extra] of [
        ["indicator_values", ""],
        ["deliverables", ""],
        ["roster_entries", ""],
        ["ingest_issues", "AND submission_id IS NOT NULL"],
        ["ingest_files", "AND status IN ('accepted', 'replaced')"],
      ] as const) {
        // Table names are constants of this file.
        const [row] = await queryRows<{ n: bigint }>(db, `SELECT count(*) AS n FROM ${table} t WHERE NOT EXISTS (SELECT 1 FROM submissions s WHERE s.submission_id = t.submission_id) ${extra}`);
        if (row!.n > 0n) out.push({ es: `${table}: ${row!.n} fila(s) sin envío`, en: `${table}: ${row!.n} row(s) without a submission` });
      }
      return out;
    },
  },
  {
    rule: "master-data-is-the-current-load",
    text: {
      es: "cada conjunto de datos maestros contiene exactamente las filas de su carga vigente",
      en: "each master dataset holds exactly the rows of its current load",
    },
    async find(db) {
      const out: LocalizedText[] = [];
      for (const dataset of MASTER_DATASETS) {
        const table = MASTER_TABLE[dataset];
        const [row] = await queryRows<{ current: bigint | null; expected: number | null; rows: bigint; others: bigint }>(
          db,
          `WITH current AS (SELECT load_id, row_count FROM master_loads WHERE dataset = ? AND status = 'loaded' ORDER BY load_id DESC LIMIT 1)
           SELECT (SELECT load_id FROM current) AS current, (SELECT row_count FROM current) AS expected,
                  (SELECT count(*) FROM ${table}) AS rows,
                  (SELECT count(*) FROM ${table} WHERE load_id IS DISTINCT FROM (SELECT load_id FROM current)) AS others`,
          [dataset],
        );
        const { current, expected, rows, others } = row!;
        if (others > 0n || Number(rows) !== (expected ?? 0)) {
          out.push({
            es: `${dataset}: ${rows} fila(s), ${others} de otra carga; la carga vigente (${current ?? "ninguna"}) registró ${expected ?? 0}`,
            en: `${dataset}: ${rows} row(s), ${others} from another load; the current load (${current ?? "none"}) recorded ${expected ?? 0}`,
          });
        }
      }
      return out;
    },
  },
  {
    rule: "load-issues-match",
    text: {
      es: "cada carga de datos maestros tiene guardados todos los problemas que registró, y ninguno sobra",
      en: "each master-data load has every issue it recorded stored, and no other",
    },
    async find(db) {
      const rows = await queryRows<{ what: string; recorded: number | null; stored: bigint }>(
        db,
        `WITH i AS (SELECT load_id, count(*) AS n FROM master_load_issues GROUP BY ALL)
         SELECT coalesce(l.dataset || ' load ' || l.load_id, 'load ' || i.load_id) AS what, l.issue_count AS recorded, coalesce(i.n, 0) AS stored
           FROM master_loads l FULL JOIN i USING (load_id)
          WHERE l.load_id IS NULL OR l.issue_count <> coalesce(i.n, 0)
          ORDER BY 1`,
      );
      return rows.map((r) => ({
        es: `${r.what}: registró ${r.recorded ?? "(carga inexistente)"} problemas; hay ${r.stored}`,
        en: `${r.what}: recorded ${r.recorded ?? "(no such load)"} issues; ${r.stored} are stored`,
      }));
    },
  },
];

/** Reads every row of every table, then checks each rule. A block DuckDB cannot read throws (the database is damaged). */
export async function checkDatabase(db: Database): Promise<DatabaseCheck> {
  const version = await schemaVersion(db);
  const tables = await tableDigests(db);
  let rows = 0;
  for (const { rows: n } of tables.values()) rows += n;
  const results: RuleResult[] = [];
  for (const rule of RULES) {
    const found = await rule.find(db);
    results.push({ rule: rule.rule, text: rule.text, problems: found.length, examples: found.slice(0, EXAMPLES) });
  }
  return { schemaVersion: version, tables: tables.size, rows, results };
}
