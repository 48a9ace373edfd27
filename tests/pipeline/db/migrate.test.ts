import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Database, execute, openDatabase, queryRows } from "../../../pipeline/src/db/Database";
import { migrate, schemaVersion } from "../../../pipeline/src/db/migrate";
import { SCHEMA_VERSION } from "../../../pipeline/src/db/migrations";

// A database is kept for years and upgraded in place by each new PA1325: an upgrade keeps every row and every
// safeguard the schema still promises, and an older PA1325 never writes into a newer schema.
describe("schema upgrades", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-migrate-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  const file = () => path.join(dir, `db-${++n}.duckdb`);

  const submission = (id: number, sha: string, version: number, status = "current") =>
    `INSERT INTO submissions (submission_id, institution, period, version, catalog_id, catalog_version, layout_version, language,
       file_name, sha256, file_bytes, received_at, status, superseded_by, value_count, roster_count, warning_count)
     VALUES (${id}, 'EP', '2026-S1', ${version}, 'pa1325', '2021.1', '1', 'es', 'ep-${id}.xlsx', '${sha}', 1000,
       TIMESTAMP '2026-07-01 10:00:00', '${status}', ${status === "current" ? "NULL" : id + 1}, 1, 0, 0)`;

  /** A database as PA1325 with schema 2 left it: two versions of EP 2026-S1, a value and the log of a run. */
  async function schema2Database(at: string) {
    const db = await openDatabase(at);
    await migrate(db, 2);
    await execute(db, submission(1, "a".repeat(64), 1, "superseded"));
    await execute(db, submission(2, "b".repeat(64), 2));
    await execute(
      db,
      `INSERT INTO indicator_values (submission_id, indicator_code, sex, value, unit, sheet, cell) VALUES (2, 'PREV-1.1', 'F', 7, 'people', 'Indicadores', 'E6')`,
    );
    await execute(db, `INSERT INTO ingest_files VALUES (1, 'ep-2.xlsx', '${"b".repeat(64)}', 'replaced', 2, NULL, TIMESTAMP '2026-07-01 10:00:00')`);
    return db;
  }

  /** `test` on `db`, closing it afterwards whatever happens. */
  async function closing(db: Database, test: (db: Database) => Promise<void>): Promise<void> {
    try {
      await test(db);
    } finally {
      db.close();
    }
  }

  const constraints = async (db: Database) =>
    (
      await queryRows<{ constraint_text: string }>(
        db,
        `SELECT constraint_text FROM duckdb_constraints() WHERE table_name = 'submissions' AND constraint_type <> 'NOT NULL' ORDER BY 1`,
      )
    ).map((r) => r.constraint_text);

  it("upgrades an older database in place: every row kept, the new columns empty, every safeguard still enforced", async () => {
    const at = file();
    const old = await schema2Database(at);
    const rowsBefore = await queryRows(old, `SELECT * FROM submissions ORDER BY submission_id`);
    const constraintsBefore = await constraints(old);
    old.close();

    await closing(await openDatabase(at), async (db) => {
      await migrate(db);
      expect(await schemaVersion(db)).toBe(SCHEMA_VERSION);
      expect(await queryRows(db, `SELECT * FROM submissions ORDER BY submission_id`)).toEqual(rowsBefore);
      expect(await queryRows(db, `SELECT file_name, status, institution, period FROM ingest_files`)).toEqual([
        { file_name: "ep-2.xlsx", status: "replaced", institution: null, period: null },
      ]);
      expect(await queryRows(db, `SELECT institution, submission_version, indicator_code, value FROM current_values`)).toEqual([
        { institution: "EP", submission_version: 2, indicator_code: "PREV-1.1", value: 7 },
      ]);
      expect(await constraints(db)).toEqual(constraintsBefore);
      // What the database refuses by itself, whatever the ingest's own checks.
      await expect(execute(db, submission(2, "c".repeat(64), 3))).rejects.toThrow(/Duplicate key "submission_id: 2"/);
      await expect(execute(db, submission(3, "b".repeat(64), 3))).rejects.toThrow(/Duplicate key "sha256: b+"/);
      await expect(execute(db, submission(3, "c".repeat(64), 2))).rejects.toThrow(/Duplicate key/);
      await expect(execute(db, submission(3, "c".repeat(64), 3, "draft"))).rejects.toThrow(/CHECK constraint/);
      await expect(execute(db, submission(3, "c".repeat(64), 3).replace(`'${"c".repeat(64)}'`, "NULL"))).rejects.toThrow(
        /NOT NULL constraint failed: submissions.sha256/,
      );
    });
  });

  it("applies a migration whole or not at all", async () => {
    await closing(await schema2Database(file()), async (db) => {
      // Migration 3 adds ingest_files.institution, then .period: with the second already there, the first must not
      // stay added alone, nor the schema be said to be 3.
      await execute(db, `ALTER TABLE ingest_files ADD COLUMN period VARCHAR`);
      await expect(migrate(db)).rejects.toThrow(/period/);
      expect(await schemaVersion(db)).toBe(2);
      const columns = await queryRows<{ column_name: string }>(
        db,
        `SELECT column_name FROM duckdb_columns() WHERE table_name = 'ingest_files' AND column_name IN ('institution', 'period')`,
      );
      expect(columns).toEqual([{ column_name: "period" }]);
    });
  });

  it("refuses a database made by a newer PA1325, and leaves it as it was", async () => {
    await closing(await openDatabase(file()), async (db) => {
      await migrate(db);
      await execute(db, `UPDATE settings SET value = '${SCHEMA_VERSION + 1}' WHERE key = 'schema_version'`);
      await expect(migrate(db)).rejects.toMatchObject({ code: "DATABASE_TOO_NEW" });
      expect(await schemaVersion(db)).toBe(SCHEMA_VERSION + 1);
    });
  });

  it("asks for an upgrade instead of reading an older schema read-only", async () => {
    const at = file();
    (await schema2Database(at)).close();
    await closing(await openDatabase(at, { readOnly: true }), async (db) => {
      await expect(migrate(db)).rejects.toMatchObject({ code: "DATABASE_NEEDS_UPGRADE" });
    });
  });
});
