import type { ReportData } from "../../../../core/src/stats/ReportData";
import { parseIsoInstant } from "../format/formatValues";
import { PACK_TABLES, type PackTableDef } from "./packTableSchemas";
import type { ColumnType, TidyColumn, TidyTable, TidyValue } from "./TidyTable";

/**
 * The tidy tables of the pack, checked against their column types and sorted by their keys (then by every
 * column), so the same ReportData always gives the same rows in the same order. A value of the wrong type is a
 * bug in the statistics, not in user data: it throws.
 */
export function buildPackTables(data: ReportData): TidyTable[] {
  return PACK_TABLES.map((def) => buildPackTable(def, data));
}

export function buildPackTable(def: PackTableDef, data: ReportData): TidyTable {
  const rows = def.cells(data).map((row) => row.map((v, i) => checkValue(v, def.columns[i]!, def.name)));
  const keyIndexes = def.sortBy.map((name) => {
    const i = def.columns.findIndex((c) => c.name === name);
    if (i < 0) throw new RangeError(`${def.name}: sort column ${name} is not a column`);
    return i;
  });
  const order = [...keyIndexes, ...def.columns.map((_, i) => i)];
  rows.sort((a, b) => {
    for (const i of order) {
      const c = compareValues(a[i]!, b[i]!);
      if (c !== 0) return c;
    }
    return 0;
  });
  return { name: def.name, columns: def.columns, rows };
}

/** NULL first, then false < true, numbers by value, text by UTF-16 code unit (the same on every machine). */
function compareValues(a: TidyValue, b: TidyValue): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

const ISO_DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const INT32 = 2 ** 31;

const CHECKS: Record<ColumnType, (v: NonNullable<TidyValue>) => TidyValue | undefined> = {
  VARCHAR: (v) => (typeof v === "string" ? v : undefined),
  INTEGER: (v) => (typeof v === "number" && Number.isInteger(v) && v >= -INT32 && v < INT32 ? v : undefined),
  DOUBLE: (v) => (typeof v === "number" && Number.isFinite(v) ? v : undefined),
  BOOLEAN: (v) => (typeof v === "boolean" ? v : undefined),
  DATE: (v) => (typeof v === "string" && ISO_DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ? v : undefined),
  // Any ISO instant is accepted and written in one form, UTC to the millisecond.
  TIMESTAMP: (v) => (typeof v === "string" ? parseIsoInstant(v)?.toISOString() : undefined),
};

function checkValue(v: TidyValue, column: TidyColumn, table: string): TidyValue {
  if (v === null || v === undefined) return null;
  const checked = CHECKS[column.type](v);
  if (checked === undefined) throw new RangeError(`${table}.${column.name}: ${JSON.stringify(v)} is not a ${column.type}`);
  return checked;
}
