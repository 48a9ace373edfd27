import { createHash } from "node:crypto";
import { currentCatalog } from "../../core/src/catalog/builtInCatalogs";
import { buildTemplateLayout } from "../../core/src/layout/buildTemplateLayout";
import { INPUT_FILL, INVALID_FILL } from "../../core/src/layout/cellStyles";
import type { TemplateLayout } from "../../core/src/layout/TemplateLayout";
import { buildContentDigestText } from "../../core/src/validation/contentDigestText";
import { createExcelWorkbook } from "../../addin/src/excel/createExcelWorkbook";
import { AddinError } from "../../addin/src/workbook/AddinError";
import type { WorkbookGrid } from "../../core/src/validation/WorkbookGrid";
import { fakeExcelHost, measure } from "./fakeOffice/fakeExcelHost";
import type { FakeExcel } from "./fakeOffice/FakeExcel";

const catalog = currentCatalog();
const options = { generatedBy: "PA1325 add-in", generatedAt: "2026-07-02T14:00:00.000Z" };
const layoutOf = (institution: string, language: "es" | "en" = "es", period = "2026-S1") => buildTemplateLayout(catalog, institution, period, language, options);
const ep = layoutOf("EP");
const choice = { institution: "EP", period: "2026-S1" };

function setup(excelApi = "1.9") {
  const { excel, host } = fakeExcelHost({ excelApi });
  return { excel, port: createExcelWorkbook(host) };
}

/** Every sheet of a layout as Office.js would give it back, for core's digest. */
function gridOf(excel: FakeExcel, layout: TemplateLayout): WorkbookGrid {
  return new Map(
    layout.sheets.map((s) => [
      s.name,
      {
        values: Array.from({ length: s.extent.rows }, (_, r) =>
          Array.from({ length: s.extent.columns }, (_, c) => excel.sheet(s.name).cell(r, c)?.value ?? ""),
        ),
      },
    ]),
  );
}

describe("insertTemplate", () => {
  it("creates the sheets in layout order, the metadata sheet very hidden, all protected", async () => {
    const { excel, port } = setup();
    await port.insertTemplate(ep, choice);
    expect(excel.sheets.map((s) => [s.name, s.visibility, s.protected])).toEqual([
      ["Portada", "Visible", true],
      ["Indicadores", "Visible", true],
      ["Entregables", "Visible", true],
      ["Registro", "Visible", true],
      ["pa1325_meta", "VeryHidden", true],
      ["Sheet1", "Visible", false],
    ]);
  });

  it("writes labels, computed totals, input cells unlocked and yellow, computed cells locked", async () => {
    const { excel, port } = setup();
    await port.insertTemplate(ep, choice);
    const row = ep.indicatorRows[0]!;
    expect(excel.value("Indicadores", row.keyCell)).toBe("PREV-1.1|category=OFICIALES");
    expect(excel.cell("Indicadores", row.total)).toMatchObject({ formula: `${row.women}+${row.men}`, value: 0, locked: true });
    expect(excel.cell("Indicadores", row.women!)).toMatchObject({ locked: false, numberFormat: "0", look: { fill: INPUT_FILL } });
    expect(excel.cell("Indicadores", "A4")).toMatchObject({ value: "Código", look: { bold: true, fill: "1F3864", color: "FFFFFF" } });
    const total = ep.totalRows[0]!;
    expect(excel.cell("Indicadores", total.total)!.formula).toMatch(/^SUM\(G\d+:G\d+\)$/);
    expect(excel.sheet("Indicadores").hiddenColumns).toEqual(new Set([9]));
    expect(excel.sheet("Indicadores").freeze).toEqual({ rows: 4, columns: 1 });
  });

  it("sets each data validation with its input prompt and a stop alert", async () => {
    const { excel, port } = setup();
    await port.insertTemplate(ep, choice);
    const v = excel.validationAt("Indicadores", ep.indicatorRows[0]!.women!)!;
    expect(v.rule).toEqual({ wholeNumber: { formula1: 0, formula2: 1_000_000, operator: "Between" } });
    expect(v.prompt).toMatchObject({ showPrompt: true, title: "Número entero" });
    expect(v.errorAlert).toMatchObject({ showAlert: true, style: "Stop", title: "Valor no válido" });
    expect(excel.validationAt("Entregables", ep.deliverableRows[0]!.status)!.rule).toEqual({
      list: { inCellDropDown: true, source: "No iniciado,En elaboración,En revisión,Aprobado,Vigente" },
    });
    const total = excel.sheet("Indicadores").validations.length;
    expect(total).toBe(ep.sheets.find((s) => s.role === "indicators")!.validations.length);
  });

  it("writes the defined names, the metadata and the remembered choice (nothing personal)", async () => {
    const { excel, port } = setup();
    await port.insertTemplate(ep, choice);
    expect([...excel.names.keys()].sort()).toEqual(["PA1325_DELIVERABLES", "PA1325_INDICATORS", "PA1325_META", "PA1325_PREPARED_BY", "PA1325_ROSTER"]);
    expect(excel.names.get("PA1325_PREPARED_BY")).toEqual({ sheet: "Portada", address: "B8" });
    expect(excel.value("pa1325_meta", "B2")).toBe("pa1325-template");
    expect(excel.value("pa1325_meta", "B6")).toBe("EP");
    expect(excel.value("pa1325_meta", "B9")).toBe("PA1325 add-in");
    expect(JSON.parse(String(excel.settings.get("pa1325.choice")))).toEqual(choice);
    expect(await port.readState()).toEqual({
      choice,
      template: { institution: "EP", period: "2026-S1", language: "es", catalogVersion: catalog.version, readyAt: null },
    });
  });

  it("uses three round trips in one Excel.run whatever the institution's size", async () => {
    const counts = [];
    for (const code of ["DIGRIN", "CCFFAA"]) {
      const { excel, port } = setup();
      const layout = layoutOf(code);
      counts.push({ code, rows: layout.indicatorRows.length, ...(await measure(excel, () => port.insertTemplate(layout, { institution: code, period: "2026-S1" }))) });
    }
    expect(counts.map((c) => [c.code, c.syncs, c.runs])).toEqual([
      ["DIGRIN", 3, 1],
      ["CCFFAA", 3, 1],
    ]);
    expect(counts[1]!.rows).toBeGreaterThan(counts[0]!.rows * 4);
  });

  it("suspends calculation always and screen updating only where ExcelApi 1.9 exists", async () => {
    const old = setup("1.8");
    await old.port.insertTemplate(ep, choice);
    expect([old.excel.calculationSuspensions, old.excel.screenSuspensions]).toEqual([1, 0]);
    const recent = setup("1.9");
    await recent.port.insertTemplate(ep, choice);
    expect([recent.excel.calculationSuspensions, recent.excel.screenSuspensions]).toEqual([1, 1]);
  });

  it("keeps the values already typed when the template is refreshed", async () => {
    const { excel, port } = setup();
    await port.insertTemplate(ep, choice);
    const row = ep.indicatorRows[3]!;
    excel.type("Indicadores", row.women!, "7");
    excel.type("Indicadores", row.note, "según planilla");
    excel.type("Portada", "B8", "Cap. Rosa Quispe, oficina de género");
    excel.type("Registro", "B5", "12345678");
    const plan = await port.insertTemplate(ep, choice);
    expect(plan.carry.carried).toBe(4);
    expect(plan.carry.lost).toEqual([]);
    expect(excel.value("Indicadores", row.women!)).toBe(7);
    expect(excel.value("Indicadores", row.total)).toBe(7);
    expect(excel.value("Indicadores", row.note)).toBe("según planilla");
    expect(excel.value("Registro", "B5")).toBe("12345678");
  });

  it("explains what a different layout adds and drops before anything moves, then follows row keys", async () => {
    const { excel, port } = setup();
    await port.insertTemplate(ep, choice);
    const shared = ep.indicatorRows.find((r) => layoutOf("CCFFAA").indicatorRows.some((x) => x.key === r.key))!;
    const dropped = ep.indicatorRows.find((r) => !layoutOf("CCFFAA").indicatorRows.some((x) => x.indicator === r.indicator))!;
    excel.type("Indicadores", shared.people ? shared.women! : shared.total, "3");
    excel.type("Indicadores", dropped.people ? dropped.women! : dropped.total, "4");
    const ccffaa = layoutOf("CCFFAA");
    const before = JSON.stringify([...excel.sheet("Indicadores").cells]);
    const plan = await port.planTemplate(ccffaa);
    expect(JSON.stringify([...excel.sheet("Indicadores").cells])).toBe(before);
    expect(plan.existing).toMatchObject({ institution: "EP" });
    expect(plan.carry.removed).toContain(dropped.indicator);
    expect(plan.carry.lost).toEqual([{ sheet: "Indicadores", cell: dropped.people ? dropped.women! : dropped.total, indicator: dropped.indicator }]);
    expect(plan.carry.added.length).toBeGreaterThan(0);

    await port.insertTemplate(ccffaa, { institution: "CCFFAA", period: "2026-S1" });
    const moved = ccffaa.indicatorRows.find((r) => r.key === shared.key)!;
    expect(excel.value("Indicadores", moved.people ? moved.women! : moved.total)).toBe(3);
  });

  it("refuses to overwrite a sheet of the same name that is not from PA1325, and writes nothing", async () => {
    const { excel, port } = setup();
    excel.addSheet("Indicadores").ensure(0, 0).value = "my own data";
    await expect(port.insertTemplate(ep, choice)).rejects.toEqual(new AddinError("SHEET_NAME_TAKEN", { sheet: "Indicadores" }));
    expect(excel.sheets.map((s) => s.name)).toEqual(["Sheet1", "Indicadores"]);
    expect(excel.value("Indicadores", "A1")).toBe("my own data");
  });

  it("fires none of its own change handlers while writing", async () => {
    const { excel, port } = setup();
    await port.insertTemplate(ep, choice);
    const calls: number[] = [];
    await port.watchEntries(ep, () => calls.push(1));
    await port.insertTemplate(ep, choice);
    await new Promise((r) => setTimeout(r, 5));
    expect(calls).toEqual([]);
    expect(excel.enableEvents).toBe(true);
    excel.paste("Indicadores", ep.indicatorRows[0]!.women!, [[1, 2]]);
    await new Promise((r) => setTimeout(r, 5));
    expect(calls.length).toBe(1);
  });
});

describe("checkEntries", () => {
  it("finds a pasted mistake, paints the cell, and unpaints it once fixed", async () => {
    const { excel, port } = setup();
    await port.insertTemplate(ep, choice);
    const cell = ep.indicatorRows[0]!.women!;
    excel.paste("Indicadores", cell, [["doce"]]);
    const first = await port.checkEntries(catalog, ep);
    const errors = first.parsed.issues.filter((i) => i.severity === "error");
    // The rest of the half-typed indicator is one problem at its first blank cell.
    expect(errors.map((i) => [i.code, `${i.location.sheet}!${i.location.cell}`])).toEqual([
      ["NOT_A_NUMBER", `Indicadores!${cell}`],
      ["MISSING_VALUE", `Indicadores!${ep.indicatorRows[0]!.men!}`],
    ]);
    expect(excel.cell("Indicadores", cell)!.look.fill).toBe(INVALID_FILL);
    expect(excel.sheet("Indicadores").protected).toBe(true);

    excel.type("Indicadores", cell, "12");
    await port.checkEntries(catalog, ep);
    expect(excel.cell("Indicadores", cell)!.look.fill).toBe(INPUT_FILL);
  });

  it("reports progress per indicator", async () => {
    const { excel, port } = setup();
    await port.insertTemplate(ep, choice);
    for (const r of ep.indicatorRows.filter((x) => x.indicator === "PREV-1.1")) excel.paste("Indicadores", r.women!, [[1, 0]]);
    const { parsed } = await port.checkEntries(catalog, ep);
    expect(parsed.progress.find((p) => p.indicator === "PREV-1.1")).toMatchObject({ indicator: "PREV-1.1", state: "complete", errors: 0 });
    expect(parsed.progress.find((p) => p.indicator === ep.indicatorRows.at(-1)!.indicator)!.state).toBe("empty");
  });

  it("uses the same number of round trips for a small and a large institution", async () => {
    const measured: Array<[string, number, number]> = [];
    for (const code of ["DIGRIN", "CCFFAA"]) {
      const { excel, port } = setup();
      const layout = layoutOf(code);
      await port.insertTemplate(layout, { institution: code, period: "2026-S1" });
      const row = layout.indicatorRows[0]!;
      excel.paste("Indicadores", row.people ? row.women! : row.total, [["x"]]);
      const painting = await measure(excel, () => port.checkEntries(catalog, layout));
      const unchanged = await measure(excel, () => port.checkEntries(catalog, layout));
      measured.push([code, painting.syncs, unchanged.syncs]);
    }
    expect(measured).toEqual([
      ["DIGRIN", 3, 2],
      ["CCFFAA", 3, 2],
    ]);
  });
});

describe("markReady", () => {
  it("refuses while errors remain, and stamps nothing", async () => {
    const { excel, port } = setup();
    await port.insertTemplate(ep, choice);
    excel.paste("Indicadores", ep.indicatorRows[0]!.women!, [["doce"]]);
    const result = await port.markReady(catalog, ep, "Rosa Quispe", new Date("2026-07-10T15:00:00Z"));
    expect(result.ok).toBe(false);
    expect(excel.value("pa1325_meta", "B12")).toBe("");
  });

  it("stamps the name, the time and the SHA-256 of the content; a later change clears the stamp", async () => {
    const { excel, port } = setup();
    const digi = layoutOf("DIGRIN");
    await port.insertTemplate(digi, { institution: "DIGRIN", period: "2026-S1" });
    for (const r of digi.indicatorRows) excel.paste("Indicadores", r.people ? r.women! : r.total, r.people ? [[2, 3]] : [[1]]);
    const { result, syncs, runs } = await measure(excel, () => port.markReady(catalog, digi, "  Rosa Quispe  ", new Date("2026-07-10T15:00:00Z")));
    expect([result.ok, syncs, runs]).toEqual([true, 3, 1]);
    const expected = createHash("sha256").update(buildContentDigestText(digi, gridOf(excel, digi))).digest("hex");
    expect([excel.value("pa1325_meta", "B11"), excel.value("pa1325_meta", "B12"), excel.value("pa1325_meta", "B13")]).toEqual([
      "Rosa Quispe",
      "2026-07-10T15:00:00.000Z",
      expected,
    ]);
    expect(excel.value("Portada", "B8")).toBe("Rosa Quispe");
    expect((await port.checkEntries(catalog, digi)).stampCleared).toBe(false);

    excel.type("Indicadores", digi.indicatorRows[0]!.people ? digi.indicatorRows[0]!.women! : digi.indicatorRows[0]!.total, "9");
    const after = await port.checkEntries(catalog, digi);
    expect([after.stampCleared, after.readyAt]).toEqual([true, null]);
    expect([excel.value("pa1325_meta", "B11"), excel.value("pa1325_meta", "B12"), excel.value("pa1325_meta", "B13")]).toEqual(["", "", ""]);
  });

  it("needs the preparer's name", async () => {
    const { port } = setup();
    await expect(port.markReady(catalog, ep, "  ", new Date())).rejects.toEqual(new AddinError("PREPARER_REQUIRED"));
  });
});

describe("goToCell", () => {
  it("activates the sheet and selects the cell in one round trip", async () => {
    const { excel, port } = setup();
    await port.insertTemplate(ep, choice);
    const { syncs } = await measure(excel, () => port.goToCell("Entregables", "C5"));
    expect([excel.selection, syncs]).toEqual([{ sheet: "Entregables", address: "C5" }, 1]);
  });

  it("lets Office's error through when the sheet is gone", async () => {
    const { port } = setup();
    await expect(port.goToCell("Indicadores", "E6")).rejects.toMatchObject({ code: "ItemNotFound" });
  });
});
