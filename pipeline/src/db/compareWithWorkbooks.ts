import type { LocalizedText } from "../../../core/src/i18n/Language";
import type { FileResult } from "../ingest/IngestResult";
import { submissionLabel } from "./checkDatabase";
import { type Database, execute, queryRows } from "./Database";

/*
 * The database against the workbooks it was made from (`pa1325 check --against FOLDER`). The folder is ingested
 * again into a private database aside, with the same code, rules and (when at hand) key; then, for every file whose
 * bytes both hold, what is stored and what the file gives now are compared row by row — each value, deliverable and
 * roster line with its sheet and cell — and the submission's own facts (institution, semester, catalog, counts…).
 * What depends on the archive's history rather than on the file (versions, received times, warnings that compare
 * with the previous semester) is not compared.
 *
 * This is how an analyst shows that every stored number is what the institution's file says, after a restore, a
 * copy from another machine, or before the Committee's report; and which received files never made it in.
 */

export type FileVerdict =
  /** Its bytes are stored, and every row read from it again is stored as it is. */
  | "as-stored"
  /** Its bytes are stored, but what is stored is not what the file gives now. */
  | "differs"
  /** Its bytes are stored as a submission, but reading it again refuses it. */
  | "stored-but-refused-now"
  /** Refused when ingested, and refused again. */
  | "refused-as-recorded"
  /** Refused when ingested, accepted now (the rules or the reader changed since). */
  | "refused-then-accepted-now"
  /** The database has never seen these bytes: accepted now, or refused now (with the reason). */
  | "not-ingested";

export interface FileComparison {
  file: string;
  sha256: string | null;
  verdict: FileVerdict;
  /** "EP 2026-S1 v2": the stored submission the bytes are, if any. */
  submission: string | null;
  /** The name the bytes were stored under, when they are (it may not be the file's name now). */
  storedAs: string | null;
  /** What differs, one line per cell or fact. */
  differences: LocalizedText[];
  /** Why the file is refused now, when it is. */
  reason: LocalizedText | null;
}

export interface WorkbookComparison {
  files: FileComparison[];
  /** Current versions in the database whose bytes are in none of the files given. */
  withoutFile: { count: number; examples: string[] };
  /** False when the pseudonymisation key at hand is not the database's: roster lines are compared without their person. */
  personsCompared: boolean;
}

/** The current versions without a file named by example, at most. */
const EXAMPLES = 10;

/** The name the database made from the files is attached under (not one a database file is likely to be named). */
const ASIDE = "pa1325_workbooks_read_again";

/** The verdicts that mean the database does not hold what the files say. */
export const PROBLEM_VERDICTS: ReadonlySet<FileVerdict> = new Set(["differs", "stored-but-refused-now"]);

/** The facts of a submission that come from its file alone. */
const SUBMISSION_FACTS = [
  "institution",
  "period",
  "catalog_id",
  "catalog_version",
  "layout_version",
  "language",
  "file_bytes",
  "generated_by",
  "ready_at",
  "ready_stamp_valid",
  "prepared_by",
  "value_count",
  "roster_count",
];

/** The tables of rows read from a file, and what to show of a row that differs. */
const ROW_TABLES = [
  // A whole number without DuckDB's ".0", as the analyst typed it.
  { table: "indicator_values", shown: "CASE WHEN value = trunc(value) AND abs(value) < 1e15 THEN CAST(CAST(value AS BIGINT) AS VARCHAR) ELSE CAST(value AS VARCHAR) END" },
  { table: "deliverables", shown: "status" },
  // Never the person: a pseudonym is not for printing.
  { table: "roster_entries", shown: "activity || ' ' || course_or_mission || ' ' || CAST(start_date AS VARCHAR)" },
] as const;

/**
 * Compares the database `db` with `aside`, a new database made by ingesting the files whose results are `results`
 * with the same code; `db`'s connection must allow the folder that holds `aside` (OpenOptions.allowedDirectories).
 */
export async function compareWithWorkbooks(db: Database, aside: string, results: readonly FileResult[], personsCompared: boolean): Promise<WorkbookComparison> {
  // The one database file PA1325 attaches: one it has just made itself from the files (through its own reader, as
  // `ingest` stores them), never one it was given. The connection's lockdown allows it only because the caller
  // allowed the private folder that holds it. A path of our own making, quoted: ATTACH takes no bound parameters.
  await execute(db, `ATTACH '${aside.replace(/'/g, "''")}' AS ${ASIDE} (READ_ONLY)`);
  try {
    return await compare(db, results, personsCompared);
  } finally {
    await execute(db, `DETACH ${ASIDE}`);
  }
}

async function compare(db: Database, results: readonly FileResult[], personsCompared: boolean): Promise<WorkbookComparison> {
  // The files' bytes, whether the folder database stored or refused them.
  await execute(
    db,
    `CREATE TEMP TABLE folder_shas AS
       SELECT sha256 FROM ${ASIDE}.submissions UNION SELECT sha256 FROM ${ASIDE}.ingest_issues WHERE submission_id IS NULL`,
  );
  try {
    const stored = new Map(
      (
        await queryRows<{ sha256: string; what: string; file_name: string }>(
          db,
          `SELECT sha256, institution || ' ' || period || ' v' || version AS what, file_name FROM main.submissions WHERE sha256 IN (SELECT sha256 FROM folder_shas)`,
        )
      ).map((r) => [r.sha256, r]),
    );
    const refused = new Set(
      (await queryRows<{ sha256: string }>(db, `SELECT DISTINCT sha256 FROM main.ingest_issues WHERE submission_id IS NULL AND sha256 IN (SELECT sha256 FROM folder_shas)`)).map((r) => r.sha256),
    );
    const differences = await findDifferences(db, personsCompared);
    const files = results.map((r): FileComparison => {
      const sha = r.sha256;
      const known = sha === null ? undefined : stored.get(sha);
      const submission = known?.what ?? null;
      const found = (sha !== null && differences.get(sha)) || [];
      const base = { file: r.file, sha256: sha, submission, storedAs: known?.file_name ?? null, differences: found, reason: null };
      if (r.status === "rejected") {
        // Its first error where it has one (as `status` says a refusal), else the refusal's reason.
        const first = r.issues.find((i) => i.severity === "error" && i.sheet !== null);
        const where = first ? `${first.sheet}!${first.cell}: ` : "";
        const reason = first ? { es: `${where}${first.message.es}`, en: `${where}${first.message.en}` } : r.reason.message;
        if (submission !== null) return { ...base, verdict: "stored-but-refused-now", reason };
        return { ...base, verdict: sha !== null && refused.has(sha) ? "refused-as-recorded" : "not-ingested", reason };
      }
      if (submission !== null) return { ...base, verdict: found.length === 0 ? "as-stored" : "differs" };
      return { ...base, verdict: sha !== null && refused.has(sha) ? "refused-then-accepted-now" : "not-ingested" };
    });
    const [missing] = await queryRows<{ n: bigint; examples: string[] | null }>(
      db,
      `SELECT count(*) AS n, list(what ORDER BY what)[1:${EXAMPLES}] AS examples
         FROM (SELECT ${submissionLabel("s")} AS what FROM main.submissions s WHERE status = 'current' AND sha256 NOT IN (SELECT sha256 FROM folder_shas))`,
    );
    return { files, withoutFile: { count: Number(missing!.n), examples: missing!.examples ?? [] }, personsCompared };
  } finally {
    await execute(db, "DROP TABLE folder_shas");
  }
}

/** Every difference between what is stored and what the files give, by the files' SHA-256, in words. */
async function findDifferences(db: Database, personsCompared: boolean): Promise<Map<string, LocalizedText[]>> {
  const out = new Map<string, LocalizedText[]>();
  const add = (sha: string, text: LocalizedText) => {
    const list = out.get(sha);
    if (list) list.push(text);
    else out.set(sha, [text]);
  };
  const both = `SELECT sha256 FROM main.submissions INTERSECT SELECT sha256 FROM ${ASIDE}.submissions`;

  const facts = await commonColumns(db, "submissions", SUBMISSION_FACTS);
  const factRows = await queryRows<{ sha256: string; fact: string; stored: string | null; file: string | null }>(
    db,
    `SELECT s.sha256, u.fact, u.stored, u.file FROM main.submissions s JOIN ${ASIDE}.submissions f USING (sha256),
       LATERAL (SELECT unnest([${facts.map((c) => `'${c}'`).join(", ")}]) AS fact,
                       unnest([${facts.map((c) => `CAST(s.${c} AS VARCHAR)`).join(", ")}]) AS stored,
                       unnest([${facts.map((c) => `CAST(f.${c} AS VARCHAR)`).join(", ")}]) AS file) u
      WHERE u.stored IS DISTINCT FROM u.file
      ORDER BY s.sha256, u.fact`,
  );
  for (const r of factRows) {
    add(r.sha256, { es: `${r.fact}: guardado ${r.stored ?? "(vacío)"}, el archivo ${r.file ?? "(vacío)"}`, en: `${r.fact}: stored ${r.stored ?? "(empty)"}, the file ${r.file ?? "(empty)"}` });
  }

  for (const { table, shown } of ROW_TABLES) {
    const columns = (await commonColumns(db, table)).filter((c) => c !== "submission_id" && (personsCompared || c !== "person_id"));
    const list = columns.join(", ");
    const side = (schema: string) =>
      `SELECT sub.sha256, ${columns.map((c) => `t.${c}`).join(", ")} FROM ${schema}.${table} t JOIN ${schema}.submissions sub USING (submission_id) WHERE sub.sha256 IN (${both})`;
    // Rows on one side and not the other, as many times as they are missing (EXCEPT ALL): a row stored twice counts.
    type Row = Record<string, unknown> & { side: "stored" | "file"; sha256: string; sheet: string; cell: string; shown: string | null };
    const rows = await queryRows<Row>(
      db,
      `WITH s AS (${side("main")}), f AS (${side(ASIDE)}),
            d AS (SELECT 'stored' AS side, * FROM (SELECT sha256, ${list} FROM s EXCEPT ALL SELECT sha256, ${list} FROM f)
                  UNION ALL
                  SELECT 'file' AS side, * FROM (SELECT sha256, ${list} FROM f EXCEPT ALL SELECT sha256, ${list} FROM s))
       SELECT ${shown} AS shown, * FROM d ORDER BY sha256, sheet, cell, side DESC, shown`,
    );
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      const next = rows[i + 1];
      const where = `${r.sheet}!${r.cell}`;
      const shownOf = (x: { shown: string | null }) => x.shown ?? "—";
      if (r.side === "stored" && next && next.side === "file" && next.sha256 === r.sha256 && next.sheet === r.sheet && next.cell === r.cell) {
        // The same cell on both sides: which of its columns differ, and its main value on each side when that is one of them.
        const columnsDiffering = columns.filter((c) => String(r[c]) !== String(next[c])).join(", ");
        add(
          r.sha256,
          shownOf(r) === shownOf(next)
            ? { es: `${where}: difiere en ${columnsDiffering}`, en: `${where}: differs in ${columnsDiffering}` }
            : { es: `${where} (${columnsDiffering}): guardado ${shownOf(r)}, el archivo ${shownOf(next)}`, en: `${where} (${columnsDiffering}): stored ${shownOf(r)}, the file ${shownOf(next)}` },
        );
        i++;
      } else if (r.side === "stored") {
        add(r.sha256, { es: `${where}: guardado ${shownOf(r)}, no está en el archivo`, en: `${where}: stored ${shownOf(r)}, not in the file` });
      } else {
        add(r.sha256, { es: `${where}: el archivo da ${shownOf(r)}, no está guardado`, en: `${where}: the file gives ${shownOf(r)}, not stored` });
      }
    }
  }
  return out;
}

/** The columns `table` has in both databases (in the stored one's order), limited to `wanted` when given. */
async function commonColumns(db: Database, table: string, wanted?: readonly string[]): Promise<string[]> {
  const rows = await queryRows<{ column_name: string }>(
    db,
    `SELECT m.column_name FROM duckdb_columns() m
       JOIN duckdb_columns() f ON f.table_name = m.table_name AND f.column_name = m.column_name AND f.database_name = '${ASIDE}' AND f.schema_name = 'main'
      WHERE m.database_name = current_database() AND m.schema_name = 'main' AND m.table_name = ?
      ORDER BY m.column_index`,
    [table],
  );
  const names = rows.map((r) => r.column_name);
  return wanted ? names.filter((n) => wanted.includes(n)) : names;
}
