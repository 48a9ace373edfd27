import ExcelJS from "exceljs";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { currentCatalog } from "../../../core/src/catalog/builtInCatalogs";
import { buildTemplateLayout } from "../../../core/src/layout/buildTemplateLayout";
import { main } from "../../../pipeline/src/cli/main";
import { writeTemplateXlsx } from "../../../pipeline/src/xlsx/writeTemplateXlsx";
import { captureEffects } from "../../helpers/captureEffects";

const catalog = currentCatalog();
const fixedNow = new Date("2026-07-02T10:00:00Z");

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

type SheetWithValidations = ExcelJS.Worksheet & { dataValidations: { model: Record<string, ExcelJS.DataValidation & { formulae: unknown[] }> } };

describe("writeTemplateXlsx", () => {
  const layout = buildTemplateLayout(catalog, "EP", "2026-S1", "es", { generatedBy: "pa1325 template", generatedAt: fixedNow.toISOString() });
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = await load(await writeTemplateXlsx(layout, { now: fixedNow, inputs: new Map([["Indicadores", new Map([["E6", 3], ["F6", 4]])]]) }));
  });

  it("writes the layout's sheets, in order, with the metadata sheet very hidden", () => {
    expect(wb.worksheets.map((s) => [s.name, s.state])).toEqual([
      ["Portada", "visible"],
      ["Indicadores", "visible"],
      ["Entregables", "visible"],
      ["Registro", "visible"],
      ["pa1325_meta", "veryHidden"],
    ]);
  });

  it("writes the identifying metadata", () => {
    const meta = wb.getWorksheet("pa1325_meta")!;
    const pairs = new Map<string, unknown>();
    meta.eachRow((row) => pairs.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(Object.fromEntries([...pairs].filter(([k]) => ["schema", "layoutVersion", "catalogVersion", "institution", "period", "language", "generatedAt"].includes(k)))).toEqual({
      schema: "pa1325-template",
      layoutVersion: "1",
      catalogVersion: "2021.1",
      institution: "EP",
      period: "2026-S1",
      language: "es",
      generatedAt: "2026-07-02T10:00:00.000Z",
    });
  });

  it("keeps totals as formulas with correct cached results, and only inputs unlocked", () => {
    const ind = wb.getWorksheet("Indicadores")!;
    expect(ind.getCell("E6").value).toBe(3);
    expect(ind.getCell("G6").value).toEqual({ formula: "E6+F6", result: 7 });
    expect(ind.getCell("E13").value).toEqual({ formula: "SUM(E6:E12)", result: 3 });
    expect(ind.getCell("E6").protection).toMatchObject({ locked: false });
    expect(ind.getCell("G6").protection?.locked ?? true).toBe(true); // locked is Excel's default: not written
    expect(ind.getCell("J6").value).toBe("PREV-1.1|category=OFICIALES");
    expect(ind.getColumn(10).hidden).toBe(true);
    expect(ind.getCell("E6").fill).toMatchObject({ fgColor: { argb: "FFFFF4CC" } });
  });

  it("writes data validations with input prompts and error alerts", () => {
    const ind = wb.getWorksheet("Indicadores") as SheetWithValidations;
    const e6 = ind.dataValidations.model["E6"]!;
    expect(e6).toMatchObject({ type: "whole", allowBlank: true, showInputMessage: true, showErrorMessage: true, promptTitle: "Número entero", errorTitle: "Valor no válido" });
    expect(e6.prompt).toMatch(/^PREV-1\.1 · Oficiales \(personas\)\./);
    expect(e6.formulae).toEqual([0, 1000000]);
    const roster = wb.getWorksheet("Registro") as SheetWithValidations;
    for (const cell of ["C5", "C504"]) {
      expect(roster.dataValidations.model[cell]).toMatchObject({ type: "list", formulae: ['"Capacitación,Despliegue"'] });
    }
    expect(roster.dataValidations.model["C505"]).toBeUndefined();
  });

  it("protects every sheet and freezes the headers", () => {
    for (const s of wb.worksheets) expect((s as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection).toMatchObject({ sheet: true });
    expect(wb.getWorksheet("Indicadores")!.views[0]).toMatchObject({ state: "frozen", xSplit: 1, ySplit: 4 });
  });

  it("defines the named ranges other tools use", () => {
    const names = (wb.definedNames as unknown as { model: Array<{ name: string; ranges: string[] }> }).model;
    expect(Object.fromEntries(names.map((n) => [n.name, n.ranges]))).toEqual({
      PA1325_PREPARED_BY: ["Portada!$B$8"],
      PA1325_INDICATORS: ["Indicadores!$A$4:$J$70"],
      PA1325_DELIVERABLES: ["Entregables!$A$4:$H$5"],
      PA1325_ROSTER: ["Registro!$A$4:$J$504"],
      PA1325_META: ["'pa1325_meta'!$A$1:$B$13"],
    });
  });
});

describe("pa1325 template", () => {
  it("writes one institution's template and refuses to overwrite it without --force", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-template-"));
    const out = path.join(dir, "ep.xlsx");
    const fx = captureEffects({ now: fixedNow });
    expect(await main(["template", "--institution", "EP", "--period", "2026-S1", "--out", out], fx.effects)).toBe(0);
    expect(fx.stdout).toEqual([`Plantilla escrita: ${out} (EP, 2026-S1)`]);
    const wb = await load(readFileSync(out));
    expect(wb.getWorksheet("Indicadores")!.getCell("A1").value).toBe("Indicadores — Ejército del Perú — 1.er semestre 2026");

    const again = captureEffects({ now: fixedNow });
    expect(await main(["template", "--institution", "EP", "--period", "2026-S1", "--out", out, "--lang", "en"], again.effects)).toBe(2);
    expect(again.stderr.join("\n")).toContain("already exists: it is not overwritten without --force");
    expect(await main(["template", "--institution", "EP", "--period", "2026-S1", "--out", out, "--force", "--lang", "en"], captureEffects({ now: fixedNow }).effects)).toBe(0);
    expect((await load(readFileSync(out))).getWorksheet("Indicators")).toBeDefined();
  });

  it("writes every institution's template into a folder", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-template-"));
    expect(await main(["template", "--institution", "all", "--period", "2026-S2", "--out", path.join(dir, "t")], captureEffects({ now: fixedNow }).effects)).toBe(0);
    for (const code of ["DIGEPE", "DIGEDOC", "DIGRIN", "CCFFAA", "EP", "MGP", "FAP", "CECOPAZ"]) {
      expect(existsSync(path.join(dir, "t", `pa1325-${code}-2026-S2.xlsx`))).toBe(true);
    }
  });

  it.each([
    [["--institution", "NAVY", "--period", "2026-S1", "--out", "x.xlsx"], '"NAVY" is not a reporting institution'],
    [["--institution", "MINDEF", "--period", "2026-S1", "--out", "x.xlsx"], '"MINDEF" is not a reporting institution'],
    [["--institution", "EP", "--period", "2026-1", "--out", "x.xlsx"], "--period must be a semester such as 2026-S1"],
    [["--institution", "EP", "--period", "2026-S1"], "--out is missing"],
    [["--institution", "EP", "--period", "2026-S1", "--out", "x.xlsx", "--colour", "red"], "invalid options"],
  ])("explains a usage mistake: %p", async (args, message) => {
    const fx = captureEffects({ now: fixedNow });
    expect(await main(["template", ...args, "--lang", "en"], fx.effects)).toBe(2);
    expect(fx.stderr.join("\n")).toContain(message);
    expect(fx.stdout).toEqual([]);
  });
});
