import type { Catalog } from "../../../../core/src/catalog/Catalog";
import { listIndicators } from "../../../../core/src/catalog/catalogQueries";
import { mapIndicatorCodes } from "../../../../core/src/catalog/mapIndicatorCodes";
import { type Database, execute } from "../Database";

/**
 * Temporary helper tables for the statistics queries, built from the catalogs (trusted data) with bound
 * parameters: how each catalog version's codes map onto today's, which roster rows count toward which
 * indicator, and which parity category each UN personnel type belongs to.
 */
export async function createStatsHelperTables(db: Database, catalogs: readonly Catalog[], current: Catalog): Promise<void> {
  await execute(db, `CREATE OR REPLACE TEMP TABLE code_map (catalog_version VARCHAR, old_code VARCHAR, new_code VARCHAR, comparable BOOLEAN)`);
  for (const catalog of catalogs) {
    const mapping = mapIndicatorCodes(catalogs, catalog.version, current.version);
    for (const [old, m] of mapping) {
      // A split or retired indicator keeps its old code as a historical series; a rename or merge moves forward.
      const target = m.codes.length === 1 ? m.codes[0]! : old;
      const comparable = m.codes.length === 1 ? m.comparable : m.codes.length === 0;
      await execute(db, `INSERT INTO code_map VALUES (?, ?, ?, ?)`, [catalog.version, old, target, comparable]);
    }
  }
  await execute(db, `CREATE OR REPLACE TEMP TABLE roster_rules (indicator_code VARCHAR, activity VARCHAR, course_type VARCHAR, role VARCHAR)`);
  for (const { indicator } of listIndicators(current)) {
    const rule = indicator.roster;
    if (!rule) continue;
    for (const courseType of rule.courseTypes ?? [null]) {
      for (const role of rule.roles ?? [null]) {
        await execute(db, `INSERT INTO roster_rules VALUES (?, ?, ?, ?)`, [indicator.code, rule.activity, courseType, role]);
      }
    }
  }
  await execute(db, `CREATE OR REPLACE TEMP TABLE un_types (code VARCHAR, parity_category VARCHAR)`);
  for (const t of current.reference.unPersonnelTypes) {
    await execute(db, `INSERT INTO un_types VALUES (?, ?)`, [t.code, t.parityCategory]);
  }
}
