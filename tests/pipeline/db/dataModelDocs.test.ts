import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { main } from "../../../pipeline/src/cli/main";
import { openDatabase, queryRows } from "../../../pipeline/src/db/Database";
import { migrate } from "../../../pipeline/src/db/migrate";
import { captureEffects } from "../../helpers/captureEffects";

// Analysts and their tools query the database's tables by the names docs/data-model.md gives them; the issue
// promises that document. So every table and view of a database made by today's migrations, and each of its
// columns, must be described there — and a column the document lists in a table's grid must exist.

const DOC = readFileSync(path.join(__dirname, "..", "..", "..", "docs", "data-model.md"), "utf8");
/** The database's part: what follows describes the published files, whose tables share some names. */
const DATABASE_PART = DOC.slice(0, DOC.indexOf("## Published statistics files"));

/**
 * Where the document describes a table: its own heading ("### `personnel` — …") up to the next heading, or its
 * item in a list ("- `ingest_files`: …") up to the next item or heading.
 */
function block(table: string): string | undefined {
  const heading = DATABASE_PART.indexOf(`### \`${table}\``);
  if (heading >= 0) {
    const end = DATABASE_PART.slice(heading + 1).search(/\n#{2,3} /);
    return DATABASE_PART.slice(heading, end < 0 ? undefined : heading + 1 + end);
  }
  const item = DATABASE_PART.indexOf(`\n- \`${table}\``);
  if (item < 0) return undefined;
  const end = DATABASE_PART.slice(item + 1).search(/\n(- |#{2,3} |\n)/);
  return DATABASE_PART.slice(item, end < 0 ? undefined : item + 1 + end);
}

describe("docs/data-model.md describes the database as the migrations make it", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-data-model-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let columns: Map<string, { view: boolean; names: string[] }>;

  beforeAll(async () => {
    const db = await openDatabase(path.join(dir, "schema.duckdb"));
    try {
      await migrate(db);
      const rows = await queryRows<{ table_name: string; table_type: string; column_name: string }>(
        db,
        `SELECT c.table_name, t.table_type, c.column_name
           FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
          WHERE c.table_schema = 'main' ORDER BY c.table_name, c.ordinal_position`,
      );
      columns = new Map();
      for (const r of rows) {
        const entry = columns.get(r.table_name) ?? { view: r.table_type === "VIEW", names: [] };
        entry.names.push(r.column_name);
        columns.set(r.table_name, entry);
      }
    } finally {
      db.close();
    }
  });

  it("has a section or list item for every table and view", () => {
    expect(columns.size).toBeGreaterThan(15);
    const missing = [...columns.keys()].filter((t) => block(t) === undefined);
    expect(missing).toEqual([]);
  });

  it("names every column of every table (a view's may be named through the table it shows)", () => {
    const undocumented: string[] = [];
    for (const [table, { view, names }] of columns) {
      const text = block(table) ?? "";
      // A view documented as showing a table's rows ("`current_values`: `indicator_values` of …") has that
      // table's columns documented there.
      const shown = view ? [...text.matchAll(/`(\w+)`/g)].map((m) => m[1]!).filter((t) => t !== table && columns.has(t) && !columns.get(t)!.view) : [];
      for (const c of names) {
        const documented = text.includes(`\`${c}\``) || shown.some((t) => columns.get(t)!.names.includes(c));
        if (!documented) undocumented.push(`${table}.${c}`);
      }
    }
    expect(undocumented).toEqual([]);
  });

  it("lists no column in a table's grid that the table does not have", () => {
    const stale: string[] = [];
    for (const [table, { names }] of columns) {
      const text = block(table) ?? "";
      // The grid's first cell names the columns of its row; the other cells may quote values or headers.
      for (const row of text.split("\n").filter((l) => l.startsWith("| `"))) {
        const first = row.split("|")[1]!;
        for (const m of first.matchAll(/`(\w+)`/g)) if (!names.includes(m[1]!)) stale.push(`${table}.${m[1]}`);
      }
    }
    expect(stale).toEqual([]);
  });
});

describe("docs/data-model.md names every member of the ingest --json summary", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-json-doc-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const section = DOC.slice(DOC.indexOf("### The `ingest --json` summary"), DOC.indexOf("## Master data"));
  const samples = path.join(__dirname, "..", "..", "..", "sample-workbooks", "submitted");

  async function ingestJson(...args: string[]): Promise<unknown> {
    const fx = captureEffects({ env: { PA1325_LANG: "en", PA1325_KEY: "json-doc-test-key-0123456789abcdefgh" } });
    await main(["ingest", ...args, "--json"], fx.effects);
    return JSON.parse(fx.stdout.join("\n"));
  }

  /** Every member name in a JSON value, at any depth (the keys of `changes`' objects, of `reason`, …). */
  function members(value: unknown, into = new Set<string>()): Set<string> {
    if (Array.isArray(value)) for (const v of value) members(v, into);
    else if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        into.add(k);
        members(v, into);
      }
    }
    return into;
  }

  it("as a run with acceptances, replacements, refusals and --arrival-times-from prints them", async () => {
    const first = path.join(dir, "first.duckdb");
    // The samples hold new files, resubmissions with changed values, refused files and a file that is no workbook.
    const a = await ingestJson(samples, "--db", first);
    const b = await ingestJson(samples, "--db", path.join(dir, "remade.duckdb"), "--arrival-times-from", first);
    const names = members([a, b]);
    for (const expected of ["files", "changes", "issues", "reason", "replacedVersion", "counts", "arrivals"]) expect(names).toContain(expected);
    // Named in code spans: `counts`, or within one such as `{ code, message }`.
    const documented = new Set([...section.matchAll(/`([^`]+)`/g)].flatMap((m) => m[1]!.match(/\w+/g) ?? []));
    expect([...names].filter((n) => !documented.has(n))).toEqual([]);
  });
});
