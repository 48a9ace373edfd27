import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { tableFromIPC } from "apache-arrow";
import { currentCatalog } from "../../core/src/catalog/builtInCatalogs";
import { rosterCell } from "../../core/src/layout/buildRosterSheet";
import { buildTemplateLayout } from "../../core/src/layout/buildTemplateLayout";
import { openDatabase, queryRows } from "../../pipeline/src/db/Database";
import { readParquetFile } from "../../pipeline/src/db/readParquetFile";
import { fillTemplate, type Inputs } from "../../pipeline/src/demo/fillTemplate";
import { Random } from "../../pipeline/src/demo/Random";
import { syntheticPeople } from "../../pipeline/src/demo/syntheticPeople";
import { readZipEntries } from "../../pipeline/src/report/xlsx/zipArchive";
import { writeTemplateXlsx } from "../../pipeline/src/xlsx/writeTemplateXlsx";
import { listFiles, runCli, type CliRun } from "./crashHarness";

// Canary service numbers and names are seeded wherever staff or exports can put them — rosters, a personnel
// export (with a column of names nobody asked for), notes typed in a template, the preparer's name, the bad
// cells of a refused file — and the whole job runs: template, ingest (a dry run, then for real, with a refusal),
// load, report (published and internal). Then every output, every line printed, the private temporary folder,
// the pack (xlsx parts unzipped, Parquet and Arrow decoded) and the database (every text column, and its bytes)
// are searched for them, and for the pseudonymisation key.

const catalog = currentCatalog();
const NOW = new Date(Date.UTC(2026, 7, 1));
const ep = buildTemplateLayout(catalog, "EP", "2026-S1", "es");
const mgp = buildTemplateLayout(catalog, "MGP", "2026-S1", "en");

/** 8-digit service numbers of the institution's range (EP's and MGP's leading digit) that appear nowhere else. */
const prefix = (inst: string) => catalog.reference.institutions.findIndex((i) => i.code === inst);
const canary = (inst: string, n: number) => `${prefix(inst)}7913${String(n).padStart(3, "0")}`;

const NAMES = {
  preparer: "Canaria Quispe Mamani",
  inRosterNote: "Teniente Canario Huamán Ccori",
  inPersonnelExport: "Sargento Canarito Yupanqui",
};
/** Typed by staff in free-text notes: stored as typed (it is free text) but never published or printed. */
const TYPED_IN_NOTE = { roster: canary("EP", 901), indicator: canary("EP", 902), reference: canary("EP", 905) };
/** In the refused file's bad cells. */
const IN_BAD_CELL = { malformed: `${canary("MGP", 903).slice(0, 7)}X`, inNumberCell: canary("MGP", 904) };

function setCell(inputs: Inputs, sheet: string, cell: string, value: string | number): void {
  if (!inputs.has(sheet)) inputs.set(sheet, new Map());
  inputs.get(sheet)!.set(cell, value);
}

/** A filled template whose roster lists only canary people. */
function filled(layout: typeof ep, institution: string, seed: number, people: number, preparedBy: string) {
  const rng = new Random(seed);
  const canaries = syntheticPeople(catalog, institution, people, 0.3, rng).map((p, i) => ({ ...p, serviceNumber: canary(institution, i + 1) }));
  const inputs = fillTemplate(catalog, layout, { rng, people: canaries, scale: 1, womenShare: 0.3, preparedBy });
  return { inputs, canaries };
}

describe("canary service numbers, names and the key, through the whole job", () => {
  const root = mkdtempSync(path.join(os.tmpdir(), "pa1325-canaries-"));
  const tmp = path.join(root, "tmp");
  const keyFile = path.join(root, "home", ".config", "pa1325", "pseudonymisation.key");
  const env = { TMPDIR: tmp, HOME: path.join(root, "home"), PA1325_KEY_FILE: keyFile, PA1325_KEY: "" };
  const inbox = path.join(root, "inbox");
  const work = path.join(root, "work");
  const db = path.join(work, "pa1325.duckdb");
  const runs: Array<{ command: string; run: CliRun }> = [];
  const serviceNumbers = new Set<string>([...Object.values(TYPED_IN_NOTE), ...Object.values(IN_BAD_CELL)]);

  beforeAll(async () => {
    for (const d of [tmp, inbox, work]) mkdirSync(d, { recursive: true });
    // EP: accepted. Its roster holds canaries; notes hold a typed service number and a name.
    const a = filled(ep, "EP", 1, 40, NAMES.preparer);
    const roster = ep.roster!;
    setCell(a.inputs, roster.sheet, rosterCell(roster, "note", roster.firstRow), `Confirmado por ${NAMES.inRosterNote}, CIP ${TYPED_IN_NOTE.roster}`);
    const epRow = ep.indicatorRows.find((r) => r.people)!;
    setCell(a.inputs, ep.sheets.find((s) => s.role === "indicators")!.name, epRow.note, `Dato verificado con el CIP ${TYPED_IN_NOTE.indicator}`);
    // A deliverable's reference is published: a service number typed in it must come out masked.
    const deliverable = ep.deliverableRows[0]!;
    const deliverables = ep.sheets.find((s) => s.role === "deliverables")!.name;
    setCell(a.inputs, deliverables, deliverable.status, "Aprobado");
    setCell(a.inputs, deliverables, deliverable.progress, 100);
    setCell(a.inputs, deliverables, deliverable.date, "2026-03-01");
    setCell(a.inputs, deliverables, deliverable.reference, `Directiva 012-2026 (CIP ${TYPED_IN_NOTE.reference})`);
    writeFileSync(path.join(inbox, "pa1325-EP-2026-S1.xlsx"), await writeTemplateXlsx(ep, { inputs: a.inputs, now: NOW }));
    // MGP: refused. A malformed service number, a canary repeated on the roster, a service number in a number cell.
    const b = filled(mgp, "MGP", 2, 30, NAMES.preparer);
    const mroster = mgp.roster!;
    const lines = [...b.inputs.get(mroster.sheet)!.entries()].filter(([cell]) => cell.startsWith(mroster.columns.serviceNumber));
    setCell(b.inputs, mroster.sheet, lines[0]![0], IN_BAD_CELL.malformed);
    const mgpRow = mgp.indicatorRows.find((r) => r.people)!;
    setCell(b.inputs, mgp.sheets.find((s) => s.role === "indicators")!.name, mgpRow.women!, `CIP ${IN_BAD_CELL.inNumberCell}`);
    writeFileSync(path.join(inbox, "pa1325-MGP-2026-S1.xlsx"), await writeTemplateXlsx(mgp, { inputs: b.inputs, now: NOW }));
    // A personnel export with every canary person, and a column of names it should not have.
    const people = [...a.canaries, ...b.canaries];
    const rank = (inst: string, category: string) => catalog.reference.ranks.find((r) => r.institution === inst && r.category === category)?.code ?? "CIVIL";
    const csv = ["numero_servicio;institucion;sexo;grado;categoria;estado;nombre", ...people.map((p, i) => `${p.serviceNumber};${p.institution};${p.sex};${rank(p.institution, p.category)};${p.category};activo;${NAMES.inPersonnelExport} ${i}`)];
    writeFileSync(path.join(root, "personal.csv"), `${csv.join("\n")}\n`);
    for (const p of people) serviceNumbers.add(p.serviceNumber);

    const cli = async (command: string, args: string[], expectCode: number) => {
      const run = await runCli(args, { env });
      runs.push({ command, run });
      expect({ command, code: run.code, output: run.code === expectCode ? "" : `${run.stdout}${run.stderr}` }).toEqual({ command, code: expectCode, output: "" });
    };
    await cli("template", ["template", "--institution", "EP", "--period", "2026-S1", "--out", path.join(work, "blank-EP.xlsx")], 0);
    await cli("ingest --dry-run", ["ingest", inbox, "--db", db, "--dry-run"], 1);
    await cli("ingest", ["ingest", inbox, "--db", db], 1);
    await cli("ingest --json", ["ingest", inbox, "--db", db, "--json"], 1);
    await cli("load", ["load", "personnel", path.join(root, "personal.csv"), "--db", db], 0);
    await cli("load --json", ["load", "personnel", path.join(root, "personal.csv"), "--db", db, "--json"], 0);
    await cli("report", ["report", "--period", "2026-S1", "--out", path.join(work, "pack"), "--db", db, "--lang", "es"], 0);
    await cli("report --no-suppression", ["report", "--period", "2026-S1", "--out", path.join(work, "internal"), "--db", db, "--no-suppression"], 0);
    // Reads the workbooks again into a private database in TMPDIR, which must be gone afterwards.
    await cli("check --against", ["check", "--db", db, "--against", inbox], 0);
  }, 180_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** Every place a reader, a log or a later process could see, as text. */
  async function everyOutput(): Promise<Array<[string, string]>> {
    const out: Array<[string, string]> = [];
    for (const { command, run } of runs) out.push([`${command} stdout`, run.stdout], [`${command} stderr`, run.stderr]);
    for (const base of [work, tmp]) {
      for (const rel of listFiles(base)) {
        const file = path.join(base, rel);
        if (file === db) continue; // searched column by column below
        const bytes = readFileSync(file);
        out.push([rel, bytes.toString("utf8")]);
        if (rel.endsWith(".xlsx")) for (const e of readZipEntries(bytes)) out.push([`${rel}:${e.name}`, e.data.toString("utf8")]);
        if (rel.endsWith(".parquet")) out.push([`${rel} (rows)`, JSON.stringify((await readParquetFile(file)).rows, (_k, v) => (typeof v === "bigint" ? String(v) : v))]);
        if (rel.endsWith(".arrow")) out.push([`${rel} (rows)`, JSON.stringify(tableFromIPC(bytes).toArray(), (_k, v) => (typeof v === "bigint" ? String(v) : v))]);
      }
    }
    return out;
  }

  /** Every text column of every table of the database, cell by cell. */
  async function databaseText(): Promise<Array<[string, string]>> {
    const d = await openDatabase(db, { readOnly: true });
    try {
      const columns = await queryRows<{ table_name: string; column_name: string }>(
        d,
        `SELECT table_name, column_name FROM duckdb_columns() WHERE schema_name = 'main' AND table_name IN (SELECT table_name FROM duckdb_tables()) ORDER BY 1, 2`,
      );
      const out: Array<[string, string]> = [];
      for (const c of columns) {
        const rows = await queryRows<{ v: string | null }>(d, `SELECT "${c.column_name}"::VARCHAR AS v FROM "${c.table_name}"`);
        out.push([`${c.table_name}.${c.column_name}`, rows.map((r) => r.v ?? "").join("\n")]);
      }
      return out;
    } finally {
      d.close();
    }
  }

  const find = (places: Array<[string, string]>, needles: Iterable<string>) => {
    const hits: string[] = [];
    for (const needle of needles) for (const [where, text] of places) if (text.includes(needle)) hits.push(`${needle} in ${where}`);
    return hits;
  };

  it("ran the whole job: the EP file stored, the MGP file refused, personnel loaded, both packs written", async () => {
    expect(runs.find((r) => r.command === "ingest")!.run.stdout).toMatch(/^accepted +pa1325-EP-2026-S1\.xlsx/m);
    expect(runs.find((r) => r.command === "ingest")!.run.stdout).toMatch(/^REFUSED +pa1325-MGP-2026-S1\.xlsx/m);
    expect(statSync(path.join(work, "pack", "committee-2026-S1.xlsx")).size).toBeGreaterThan(1000);
    expect(statSync(path.join(work, "internal", "committee-2026-S1-internal.xlsx")).size).toBeGreaterThan(1000);
    const places = await everyOutput();
    expect(places.filter(([w]) => w.endsWith("(rows)")).length).toBeGreaterThanOrEqual(18);
    // The refused file's problems are listed, with the bad values masked.
    const refusal = runs.find((r) => r.command === "ingest")!.run.stdout;
    expect(refusal).toMatch(new RegExp(`SERVICE_NUMBER_FORMAT: "${IN_BAD_CELL.malformed.slice(0, 4)}••••" in B\\d+ is not a valid service number`));
    expect(refusal).toMatch(new RegExp(`NOT_A_NUMBER: "CIP ${IN_BAD_CELL.inNumberCell.slice(0, 4)}••••" in E\\d+ is not a number`));
  });

  it("prints, publishes and leaves behind no service number and no name", async () => {
    const places = await everyOutput();
    expect(places.length).toBeGreaterThan(60);
    expect(find(places, [...serviceNumbers, ...Object.values(NAMES)])).toEqual([]);
    // Nothing stays in the private temporary folder (the dry run's copy of the database is removed).
    expect(listFiles(tmp)).toEqual([]);
  });

  it("stores no service number of a roster or the export, nor the export's names; notes and the preparer are kept as typed", async () => {
    const text = await databaseText();
    const roster = [...serviceNumbers].filter((s) => !Object.values(TYPED_IN_NOTE).includes(s));
    expect(find(text, [...roster, NAMES.inPersonnelExport])).toEqual([]);
    expect(find(text, [...Object.values(TYPED_IN_NOTE), NAMES.preparer, NAMES.inRosterNote]).sort()).toEqual(
      [
        `${NAMES.inRosterNote} in roster_entries.note`,
        `${NAMES.preparer} in submissions.prepared_by`,
        `${TYPED_IN_NOTE.indicator} in indicator_values.note`,
        `${TYPED_IN_NOTE.roster} in roster_entries.note`,
        `${TYPED_IN_NOTE.reference} in deliverables.reference`,
      ].sort(),
    );
    // The file's bytes too (DuckDB may compress text, so the column search above is the proof; this catches a plain copy).
    const bytes = readFileSync(db).toString("latin1");
    expect(roster.filter((s) => bytes.includes(s))).toEqual([]);
  });

  it("keeps the key in its file alone: not in the database, an output, a log or a temporary file", async () => {
    const key = readFileSync(keyFile, "utf8").trim();
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const places = [...(await everyOutput()), ...(await databaseText()), ["database bytes", readFileSync(db).toString("latin1")] as [string, string]];
    expect(find(places, [key, key.slice(0, 16), key.slice(-16)])).toEqual([]);
    expect(listFiles(path.dirname(keyFile))).toEqual(["pseudonymisation.key"]);
  });
});
