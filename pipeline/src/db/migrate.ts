import { EXIT, PipelineError } from "../cli/PipelineError";
import { type Database, execute, inTransaction, queryRows } from "./Database";
import { MIGRATIONS, SCHEMA_VERSION } from "./migrations";

/**
 * Brings the database to the current schema (or to `upTo`: tests make databases as an older PA1325 left them);
 * refuses a database made by a newer PA1325.
 */
export async function migrate(db: Database, upTo: number = SCHEMA_VERSION): Promise<void> {
  const current = await schemaVersion(db);
  if (current > SCHEMA_VERSION) {
    throw new PipelineError(
      "DATABASE_TOO_NEW",
      {
        es: `${db.name} fue creada por una versión más nueva de PA1325 (esquema ${current}; esta versión conoce hasta ${SCHEMA_VERSION}). Actualice PA1325.`,
        en: `${db.name} was made by a newer PA1325 (schema ${current}; this version knows up to ${SCHEMA_VERSION}). Update PA1325.`,
      },
      EXIT.fatal,
    );
  }
  if (current === SCHEMA_VERSION) return;
  if (db.readOnly) {
    throw new PipelineError(
      "DATABASE_NEEDS_UPGRADE",
      {
        es: `${db.name} tiene un esquema anterior (${current}) y aquí solo se puede leer; PA1325 la actualiza cuando puede escribir en ella. Cópiela a una carpeta donde pueda escribir y use esa copia con --db.`,
        en: `${db.name} has an older schema (${current}) and can only be read here; PA1325 upgrades it when it can write to it. Copy it to a folder you can write to and point --db at the copy.`,
      },
      EXIT.fatal,
    );
  }
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > upTo) continue;
    await inTransaction(db, async () => {
      for (const statement of m.statements) await execute(db, statement);
      await execute(db, `INSERT OR REPLACE INTO settings VALUES ('schema_version', ?)`, [String(m.version)]);
    });
  }
}

export async function schemaVersion(db: Database): Promise<number> {
  const tables = await queryRows<{ n: bigint }>(db, `SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'settings' AND schema_name = 'main'`);
  if (Number(tables[0]?.n ?? 0) === 0) return 0;
  const rows = await queryRows<{ value: string }>(db, `SELECT value FROM settings WHERE key = 'schema_version'`);
  return rows.length === 0 ? 0 : Number(rows[0]!.value);
}
