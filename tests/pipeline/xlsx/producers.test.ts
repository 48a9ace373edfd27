import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { currentCatalog } from "../../../core/src/catalog/builtInCatalogs";
import { buildTemplateLayout } from "../../../core/src/layout/buildTemplateLayout";
import { parseCellAddress } from "../../../core/src/layout/cellAddress";
import { isoToExcelSerial } from "../../../core/src/validation/cellValues";
import { parseEntries } from "../../../core/src/validation/parseEntries";
import { fillTemplate, type Inputs } from "../../../pipeline/src/demo/fillTemplate";
import { Random } from "../../../pipeline/src/demo/Random";
import { syntheticPeople } from "../../../pipeline/src/demo/syntheticPeople";
import type { WorkbookData } from "../../../pipeline/src/xlsx/readWorkbook";
import { readWorkbook } from "../../../pipeline/src/xlsx/readWorkbook";
import { writeTemplateXlsx } from "../../../pipeline/src/xlsx/writeTemplateXlsx";
import { buildZip, readZipEntries } from "../../helpers/zipWriter";

// Debian's python3 has openpyxl (python3-openpyxl); a pyenv shim earlier on PATH may not.
const PYTHON = existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
const catalog = currentCatalog();
const layout = buildTemplateLayout(catalog, "EP", "2026-S1", "es");
const rng = new Random(1325);
const inputs: Inputs = fillTemplate(catalog, layout, { rng, people: syntheticPeople(catalog, "EP", 800, 0.13, rng), scale: 1, womenShare: 0.13, preparedBy: "Oficina de Género — Ñandú" });
const dateCells = new Set(layout.sheets.flatMap((s) => s.cells.filter((c) => c.format === "date").map((c) => `${s.name}!${c.address}`)));

let dir: string;
let fromExcelJs: WorkbookData;
let fromLibreOffice: WorkbookData;
let fromOpenpyxl: WorkbookData;
let fromOpenpyxlIsoDates: WorkbookData;
let fromStrict: WorkbookData;

/**
 * The same workbook in ISO/IEC 29500 Strict, as Excel's "Strict Open XML Spreadsheet" saves it: the SpreadsheetML,
 * relationship and DrawingML namespaces (and with them every relationship type) are purl.oclc.org's, and the
 * workbook says conformance="strict". Package relationships and content types do not change.
 */
function strictCopy(xlsx: Buffer): Buffer {
  const STRICT: Array<[string, string]> = [
    ["http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main"],
    ["http://schemas.openxmlformats.org/officeDocument/2006/relationships", "http://purl.oclc.org/ooxml/officeDocument/relationships"],
    ["http://schemas.openxmlformats.org/drawingml/2006/main", "http://purl.oclc.org/ooxml/drawingml/main"],
  ];
  const entries = readZipEntries(xlsx).map(({ name, data }) => {
    if (!/\.(xml|rels)$/.test(name) || name === "[Content_Types].xml") return { name, data };
    let text = data.toString("utf8");
    for (const [from, to] of STRICT) text = text.replaceAll(from, to);
    if (name === "xl/workbook.xml") text = text.replace("<workbook ", '<workbook conformance="strict" ');
    return { name, data: text };
  });
  const out = buildZip(entries);
  // The copy really is Strict: no transitional SpreadsheetML namespace is left in it.
  if (readZipEntries(out).some((e) => e.data.toString("utf8").includes(STRICT[0]![0]))) throw new Error("not strict");
  return out;
}

/**
 * What an input reads back as: dates typed as dates come back as 1900-system serial numbers, and a null input (a
 * cell left blank, such as the end of a deployment still under way) is no cell at all.
 */
function expected(sheet: string, address: string, v: unknown): unknown {
  if (v === null) return undefined;
  return typeof v === "string" && dateCells.has(`${sheet}!${address}`) && /^\d{4}-\d{2}-\d{2}$/.test(v) ? isoToExcelSerial(v) : v;
}

function cell(wb: WorkbookData, sheet: string, address: string): { value: unknown; formula: unknown } {
  const p = parseCellAddress(address)!;
  const g = wb.sheets.get(sheet);
  return { value: g?.values[p.row]?.[p.column], formula: g?.formulas?.[p.row]?.[p.column] };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "pa1325-producers-"));
  const xlsx = await writeTemplateXlsx(layout, { inputs, now: new Date(Date.UTC(2026, 6, 1)) });
  const file = path.join(dir, "ep.xlsx");
  writeFileSync(file, xlsx);
  fromExcelJs = await readWorkbook(file);
  fromStrict = await readWorkbook(strictCopy(xlsx));

  const profile = mkdtempSync(path.join(tmpdir(), "pa1325-lo-"));
  const out = path.join(dir, "lo");
  execFileSync("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--calc", "--convert-to", "xlsx", "--outdir", out, file], { stdio: "pipe", timeout: 120_000 });
  rmSync(profile, { recursive: true, force: true });
  fromLibreOffice = await readWorkbook(path.join(out, "ep.xlsx"));

  // openpyxl types the values into a blank template, as an analyst's script would, and saves without results.
  const blank = path.join(dir, "blank.xlsx");
  writeFileSync(blank, await writeTemplateXlsx(layout, { now: new Date(Date.UTC(2026, 6, 1)) }));
  const values = [...inputs].flatMap(([sheet, cells]) => [...cells].map(([address, v]) => [sheet, address, v, dateCells.has(`${sheet}!${address}`)]));
  writeFileSync(path.join(dir, "values.json"), JSON.stringify(values));
  const script = `
import json, sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for sheet, address, value, is_date in json.load(open(sys.argv[2], encoding="utf-8")):
    if is_date and isinstance(value, str) and len(value) == 10:
        value = datetime.datetime.strptime(value, "%Y-%m-%d")
    wb[sheet][address] = value
# "iso": dates saved as ISO text in cells of type "d", as Excel's Strict files and openpyxl's iso_dates have them.
wb.iso_dates = sys.argv[4] == "iso"
wb.save(sys.argv[3])
`;
  for (const [mode, name] of [["serial", "openpyxl.xlsx"], ["iso", "openpyxl-iso-dates.xlsx"]] as const) {
    execFileSync(PYTHON, ["-c", script, blank, path.join(dir, "values.json"), path.join(dir, name), mode], { stdio: "pipe", timeout: 60_000 });
  }
  fromOpenpyxl = await readWorkbook(path.join(dir, "openpyxl.xlsx"));
  fromOpenpyxlIsoDates = await readWorkbook(path.join(dir, "openpyxl-iso-dates.xlsx"));
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("readWorkbook on files from each producer", () => {
  const producers = () =>
    [
      ["ExcelJS (the template writer)", fromExcelJs],
      ["LibreOffice", fromLibreOffice],
      ["openpyxl", fromOpenpyxl],
      ["Strict Open XML", fromStrict],
    ] as const;

  it("reads every input value cell by cell, from each producer", () => {
    let checked = 0;
    for (const [producer, wb] of producers()) {
      for (const [sheet, cells] of inputs) {
        for (const [address, v] of cells) {
          const got = cell(wb, sheet, address).value;
          if (got !== expected(sheet, address, v)) throw new Error(`${producer}: ${sheet}!${address} read ${JSON.stringify(got)}, typed ${JSON.stringify(v)}`);
          checked++;
        }
      }
    }
    expect(checked).toBe(producers().length * [...inputs.values()].reduce((n, m) => n + m.size, 0));
    expect(checked).toBeGreaterThan(producers().length * 200);
  });

  it("keeps the sheets, their order and visibility, and the metadata block", () => {
    for (const [producer, wb] of producers()) {
      expect(wb.sheetNames).toEqual(layout.sheets.map((s) => s.name));
      // LibreOffice has no "very hidden": it saves the metadata sheet as merely hidden.
      expect(wb.sheetStates.get("pa1325_meta")).toBe(producer === "LibreOffice" ? "hidden" : "veryHidden");
      expect(wb.sheetStates.get("Indicadores")).toBe("visible");
      expect(cell(wb, "pa1325_meta", "B2").value).toBe("pa1325-template");
      expect(cell(wb, "pa1325_meta", "B6").value).toBe("EP");
      expect(cell(wb, "Portada", "B8").value).toBe("Oficina de Género — Ñandú");
    }
  });

  it("reads formulas from every producer, with cached results where the producer saved them", () => {
    const people = layout.indicatorRows.find((r) => r.people)!;
    const total = layout.totalRows[0]!;
    for (const [producer, wb] of producers()) {
      const g = cell(wb, "Indicadores", people.total);
      expect(g.formula).toBe(`=${people.women}+${people.men}`);
      const sum = cell(wb, "Indicadores", total.total).formula as string;
      expect(sum).toMatch(/^=SUM\(G\d+:G\d+\)$/);
      const women = inputs.get("Indicadores")!.get(people.women!) as number;
      const men = inputs.get("Indicadores")!.get(people.men!) as number;
      if (producer === "openpyxl") expect(g.value).toBeNull();
      else expect(g.value).toBe(women + men);
    }
  });

  it("gives parseEntries the same entries from each producer, with no issues", () => {
    const parsed = producers().map(([, wb]) => parseEntries(catalog, layout, wb.sheets));
    expect(parsed[0]!.issues).toEqual([]);
    expect(parsed[0]!.values.length).toBeGreaterThan(20);
    expect(parsed[0]!.roster.length).toBeGreaterThan(0);
    for (const p of parsed.slice(1)) {
      expect(p.values).toEqual(parsed[0]!.values);
      expect(p.deliverables).toEqual(parsed[0]!.deliverables);
      expect(p.roster).toEqual(parsed[0]!.roster);
      expect(p.preparedBy).toBe(parsed[0]!.preparedBy);
      expect(p.issues).toEqual([]);
    }
  });

  it("reads dates saved as ISO text (t=\"d\": Excel's Strict files, openpyxl's iso_dates) as the same dates", () => {
    // The file really holds them so: each date typed comes back as its ISO text, not as a serial number.
    let dates = 0;
    for (const [sheet, cells] of inputs) {
      for (const [address, v] of cells) {
        if (!dateCells.has(`${sheet}!${address}`) || typeof v !== "string") continue;
        expect(cell(fromOpenpyxlIsoDates, sheet, address).value).toBe(`${v}T00:00:00`);
        dates++;
      }
    }
    expect(dates).toBeGreaterThan(10);
    const iso = parseEntries(catalog, layout, fromOpenpyxlIsoDates.sheets);
    const reference = parseEntries(catalog, layout, fromExcelJs.sheets);
    expect(iso.issues).toEqual([]);
    expect(iso.values).toEqual(reference.values);
    expect(iso.deliverables).toEqual(reference.deliverables);
    expect(iso.roster).toEqual(reference.roster);
    expect(iso.roster.length).toBeGreaterThan(0);
  });

  it("reads the LibreOffice file's own structure (it rewrites every part) and stays within the template's size", () => {
    expect(fromLibreOffice.stats.entries).toBeGreaterThan(5);
    expect(fromLibreOffice.stats.inflatedBytes).toBeLessThan(5 * 1024 * 1024);
    expect(readFileSync(path.join(dir, "lo", "ep.xlsx")).subarray(0, 2).toString()).toBe("PK");
  });
});
