import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { tableFromIPC } from "apache-arrow";
import { parse } from "csv-parse/sync";
import { readParquetFile } from "../../../pipeline/src/db/readParquetFile";
import { INTERNAL_MARK } from "../../../pipeline/src/report/reportText";
import { buildPackTables } from "../../../pipeline/src/report/tables/buildPackTables";
import { PACK_TABLES } from "../../../pipeline/src/report/tables/packTableSchemas";
import type { ColumnType, TidyTable, TidyValue } from "../../../pipeline/src/report/tables/TidyTable";
import { INJECTION, reportFixture } from "../../helpers/reportFixture";
import { writePackToTemp, type WrittenPack } from "./packHelpers";

const data = reportFixture();
const tables = buildPackTables(data);
let pack: WrittenPack;

beforeAll(async () => {
  pack = await writePackToTemp(data);
});

afterAll(() => rmSync(pack.dir, { recursive: true, force: true }));

const file = (table: string, ext: string) => path.join(pack.dir, "data", `${table}-2026-S1.${ext}`);

/** A tidy value as DuckDB's node-api returns it (getRowObjectsJS): dates and timestamps as Date. */
function asDuckDb(v: TidyValue, type: ColumnType): unknown {
  if (v === null) return null;
  if (type === "DATE") return new Date(`${String(v)}T00:00:00Z`);
  if (type === "TIMESTAMP") return new Date(String(v));
  return v;
}

/** A tidy value as apache-arrow returns it: dates and timestamps as epoch milliseconds. */
function asArrow(v: TidyValue, type: ColumnType): unknown {
  if (v === null) return null;
  if (type === "DATE") return Date.parse(`${String(v)}T00:00:00Z`);
  if (type === "TIMESTAMP") return Date.parse(String(v));
  return v;
}

const ARROW_TYPE_NAMES: Record<ColumnType, string> = {
  VARCHAR: "Utf8",
  INTEGER: "Int32",
  DOUBLE: "Float64",
  BOOLEAN: "Bool",
  DATE: "Date32<DAY>",
  TIMESTAMP: "Timestamp<MILLISECOND>",
};

describe("the tidy tables of the pack", () => {
  it("writes every table in the three formats, under snake_case names", () => {
    expect(tables.map((t) => t.name)).toEqual(["indicators", "deliverables", "roster", "roster_consistency", "parity", "personnel", "trends", "completeness", "submissions"]);
    expect(pack.files.data).toEqual(tables.flatMap((t) => ["arrow", "csv", "parquet"].map((ext) => file(t.name, ext))).sort());
    for (const t of tables) for (const c of t.columns) expect(c.name).toMatch(/^[a-z][a-z0-9_]*$/);
  });

  it("sorts rows by their keys, whatever the order they came in", () => {
    const shuffled = reportFixture();
    shuffled.indicators.reverse();
    shuffled.parity.reverse();
    shuffled.completeness.reverse();
    expect(buildPackTables(shuffled)).toEqual(tables);
    const indicators = tables[0]!;
    const keys = indicators.rows.map((r) => `${r[2]}|${r[6]}|${r[7]}|${r[9] ?? ""}`);
    expect(keys.slice(0, 3)).toEqual(["PREV-1.1|*|*|*", "PREV-1.1|*|*|F", "PREV-1.1|*|*|M"]);
  });

  it("refuses a value of the wrong type instead of writing it", () => {
    const bad = reportFixture();
    bad.parity[0]!.women = 2.5;
    expect(() => buildPackTables(bad)).toThrow("parity.women: 2.5 is not a INTEGER");
  });

  it.each(PACK_TABLES.map((t) => t.name))("round-trips %s through Parquet with its column types and rows", async (name) => {
    const table = tables.find((t) => t.name === name)!;
    const back = await readParquetFile(file(name, "parquet"));
    expect(back.columns).toEqual(table.columns.map((c) => ({ name: c.name, type: c.type })));
    expect(back.rows).toEqual(table.rows.map((r) => Object.fromEntries(table.columns.map((c, i) => [c.name, asDuckDb(r[i]!, c.type)]))));
    expect(back.metadata).toEqual({
      pa1325_table: name,
      pa1325_period: "2026-S1",
      pa1325_catalog_version: "2021.1",
      pa1325_generated_at: data.generatedAt,
      pa1325_suppression: "applied: counts of 1 to 4 people hidden",
    });
  });

  it.each(PACK_TABLES.map((t) => t.name))("round-trips %s through an Arrow IPC file with its types and rows", (name) => {
    const table = tables.find((t) => t.name === name)!;
    const bytes = readFileSync(file(name, "arrow"));
    // The IPC file format starts and ends with the magic "ARROW1".
    expect(bytes.subarray(0, 6).toString()).toBe("ARROW1");
    expect(bytes.subarray(bytes.length - 6).toString()).toBe("ARROW1");
    const back = tableFromIPC(bytes);
    expect(back.schema.fields.map((f) => [f.name, String(f.type)])).toEqual(table.columns.map((c) => [c.name, ARROW_TYPE_NAMES[c.type]]));
    expect(back.schema.metadata.get("pa1325_table")).toBe(name);
    expect(back.schema.metadata.has("pa1325_internal")).toBe(false);
    const rows = back.toArray().map((r) => Object.values(r.toJSON() as Record<string, unknown>));
    expect(rows).toEqual(table.rows.map((r) => r.map((v, i) => asArrow(v, table.columns[i]!.type))));
  });

  it.each(PACK_TABLES.map((t) => t.name))("writes %s as CSV that reads back to the same rows", (name) => {
    const table = tables.find((t) => t.name === name)!;
    const text = readFileSync(file(name, "csv"), "utf8");
    expect(text.startsWith("\uFEFF")).toBe(true);
    const records = parse(text.slice(1), { relax_quotes: false }) as string[][];
    expect(records[0]).toEqual(table.columns.map((c) => c.name));
    expect(records.slice(1)).toEqual(table.rows.map((r) => r.map((v, i) => csvExpected(v, table, i))));
  });

  it("prefixes formula-like text with an apostrophe in CSV, and only text", () => {
    const deliverables = readFileSync(file("deliverables", "csv"), "utf8");
    expect(deliverables).toContain(`,"'=HYPERLINK(""http://x"",""y"")"\r\n`);
    expect(deliverables).toContain(`,'@SUM(1)\r\n`);
    expect(deliverables).toContain(`,"'\rcmd"\r\n`);
    const submissions = readFileSync(file("submissions", "csv"), "utf8");
    expect(submissions).toContain(`,'${INJECTION.fileName},`);
    expect(submissions).toContain(`,'\tcmd\r\n`);
    expect(submissions).toContain(`,'+1+2\r\n`);
    // A negative number stays a number; an empty text (the whole-indicator series) is "" and NULL is empty.
    const trends = readFileSync(file("trends", "csv"), "utf8");
    expect(trends).not.toMatch(/,'-?[0-9]/);
    expect(trends.split("\r\n")[1]).toMatch(/^PREV-1\.1,Número de personas[^,]*,"","",people,2025-S1,38,,,,true,38,30,120,2028-S2,on-track,true,false$/);
  });

  it("keeps the payloads exact in Parquet and Arrow, which no spreadsheet evaluates", async () => {
    const back = await readParquetFile(file("deliverables", "parquet"));
    expect(back.rows.map((r) => r.reference)).toEqual([INJECTION.hyperlink, INJECTION.cr, INJECTION.at]);
    const arrow = tableFromIPC(readFileSync(file("submissions", "arrow")));
    expect(arrow.getChild("file_name")!.toArray()).toContain(INJECTION.fileName);
  });
});

describe("the internal copy's tidy tables", () => {
  let internal: WrittenPack;
  beforeAll(async () => {
    internal = await writePackToTemp(reportFixture({ suppression: false }));
  });
  afterAll(() => rmSync(internal.dir, { recursive: true, force: true }));

  it("marks every file: -internal in the name, key-value metadata in Parquet and Arrow, a first comment line in CSV", async () => {
    expect(internal.files.data).toHaveLength(27);
    for (const f of internal.files.data) {
      expect(path.basename(f)).toMatch(/^[a-z_]+-2026-S1-internal\.(parquet|arrow|csv)$/);
      if (f.endsWith(".parquet")) {
        const back = await readParquetFile(f);
        expect(back.metadata.pa1325_internal).toBe(INTERNAL_MARK);
        expect(back.metadata.pa1325_suppression).toBe("not applied");
      } else if (f.endsWith(".arrow")) {
        expect(tableFromIPC(readFileSync(f)).schema.metadata.get("pa1325_internal")).toBe(INTERNAL_MARK);
      } else {
        expect(readFileSync(f, "utf8").split("\r\n")[0]).toBe(`\uFEFF# ${INTERNAL_MARK}`);
      }
    }
  });

  it("shows the counts the published files hide", async () => {
    const back = await readParquetFile(internal.files.data.find((f) => f.endsWith("roster_consistency-2026-S1-internal.parquet"))!);
    expect(back.rows.map((r) => [r.breakdown_key, r.reported, r.listed, r.status])).toEqual([
      ["*", 44, 44, "match"],
      ["category=CADETES", 11, 10, "differs"],
    ]);
  });
});

function csvExpected(v: TidyValue, table: TidyTable, i: number): string {
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return String(v);
  return table.columns[i]!.type === "VARCHAR" && /^[=+\-@\t\r\n]/.test(v) ? `'${v}` : v;
}
