import { currentCatalog } from "../../core/src/catalog/builtInCatalogs";
import { indicatorsForInstitution, reportingInstitutions } from "../../core/src/catalog/catalogQueries";
import { buildTemplateLayout } from "../../core/src/layout/buildTemplateLayout";
import { parseCellAddress } from "../../core/src/layout/cellAddress";
import { type META_KEYS, type TemplateLayout } from "../../core/src/layout/TemplateLayout";

const catalog = currentCatalog();
const layoutFor = (inst: string, lang: "es" | "en" = "es") => buildTemplateLayout(catalog, inst, "2026-S1", lang);
const sheet = (l: TemplateLayout, role: string) => l.sheets.find((s) => s.role === role);
const cell = (l: TemplateLayout, role: string, address: string) => sheet(l, role)!.cells.find((c) => c.address === address);

describe("buildTemplateLayout", () => {
  it.each(reportingInstitutions(catalog).map((i) => i.code))("holds only the indicators %s is responsible for", (inst) => {
    const layout = layoutFor(inst);
    const expected = indicatorsForInstitution(catalog, inst)
      .filter((x) => x.indicator.source !== "deployments")
      .map((x) => x.indicator.code);
    const inLayout = [...new Set([...layout.indicatorRows.map((r) => r.indicator), ...layout.deliverableRows.map((r) => r.indicator)])];
    expect(inLayout.sort()).toEqual([...expected].sort());
  });

  it("lays people out as women and men side by side with a computed total", () => {
    const layout = layoutFor("EP");
    const row = layout.indicatorRows.find((r) => r.indicator === "PREV-1.1" && r.dims.category === "OFICIALES")!;
    expect(row).toMatchObject({ people: true, women: "E6", men: "F6", total: "G6", previous: "H6", note: "I6", keyCell: "J6" });
    expect(cell(layout, "indicators", "E6")).toMatchObject({ style: "input", locked: false, format: "integer" });
    expect(cell(layout, "indicators", "G6")).toMatchObject({ formula: "E6+F6", locked: true });
    expect(cell(layout, "indicators", "B6")!.value).toBe("Número de personas capacitadas en género y empoderamiento de la mujer.");
    expect(cell(layout, "indicators", "C6")!.value).toBe("Oficiales");
    expect(cell(layout, "indicators", "D6")!.value).toBe("personas");
    expect(cell(layout, "indicators", "J6")!.value).toBe("PREV-1.1|category=OFICIALES");
  });

  it("adds a computed total row under indicators with several breakdown rows", () => {
    const layout = layoutFor("EP");
    const total = layout.totalRows.find((t) => t.indicator === "PREV-1.1")!;
    expect(total).toMatchObject({ women: "E13", men: "F13", total: "G13" });
    expect(cell(layout, "indicators", "E13")!.formula).toBe("SUM(E6:E12)");
    expect(layout.totalRows.find((t) => t.indicator === "PROT-1.3")).toBeUndefined();
  });

  it("makes the value column the input where things other than people are counted", () => {
    const layout = layoutFor("DIGRIN");
    const row = layout.indicatorRows.find((r) => r.indicator === "RR-1.1")!;
    expect(row.people).toBe(false);
    expect(row.women).toBeUndefined();
    expect(cell(layout, "indicators", row.total)).toMatchObject({ style: "input", locked: false });
  });

  it("asks for hours as decimals and counts as whole numbers, with an input prompt naming the row", () => {
    const layout = layoutFor("CECOPAZ");
    const hours = layout.indicatorRows.find((r) => r.indicator === "PREV-1.2")!;
    expect(hours.rule).toEqual({ kind: "decimal", min: 0, max: 1_000_000 });
    const validation = sheet(layout, "indicators")!.validations.find((v) => v.range === hours.total)!;
    expect(validation.prompt.message).toMatch(/^PREV-1\.2 · /);
    for (const s of layout.sheets) {
      for (const v of s.validations) {
        expect(v.prompt.title.length).toBeLessThanOrEqual(32);
        expect(v.prompt.message.length).toBeLessThanOrEqual(255);
        expect(v.error.message.length).toBeLessThanOrEqual(255);
        if (v.rule.kind === "list") expect(v.rule.values.join(",").length).toBeLessThan(255);
      }
    }
  });

  it("adds a roster sheet only for institutions that report people trained or deployed", () => {
    expect(layoutFor("EP").roster).toMatchObject({ sheet: "Registro", firstRow: 4, lastRow: 503 });
    expect(layoutFor("DIGRIN").roster).toBeUndefined();
    expect(sheet(layoutFor("DIGRIN"), "roster")).toBeUndefined();
    const roster = sheet(layoutFor("EP"), "roster")!;
    expect(roster.validations.find((v) => v.range === "C5:C504")!.rule).toEqual({ kind: "list", values: ["Capacitación", "Despliegue"] });
    expect(roster.validations.find((v) => v.range === "G5:G504")!.rule).toMatchObject({ kind: "date" });
  });

  it("shares one roster per catalog and language between layouts, each with its own title, as if built alone", () => {
    // An unfrozen copy of the catalog is never cached: its layouts are built from scratch.
    const unshared = JSON.parse(JSON.stringify(catalog)) as typeof catalog;
    for (const [inst, period, lang] of [["EP", "2026-S1", "es"], ["MGP", "2025-S2", "es"], ["EP", "2026-S1", "en"]] as const) {
      const layout = buildTemplateLayout(catalog, inst, period, lang);
      expect(layout).toEqual(buildTemplateLayout(unshared, inst, period, lang));
      expect(cell(layout, "roster", "A1")!.value).toContain(lang === "es" ? "Registro" : "Roster");
    }
    const [ep, mgp] = [layoutFor("EP"), layoutFor("MGP")];
    expect(cell(ep, "roster", "A1")!.value).not.toEqual(cell(mgp, "roster", "A1")!.value);
    // The shared rows are frozen: a use that tried to change one would fail instead of changing every layout.
    expect(() => {
      (cell(ep, "roster", "B5") as { locked: boolean }).locked = true;
    }).toThrow(TypeError);
  });

  it("adds a deliverables sheet only where a deliverable's status is reported", () => {
    const layout = layoutFor("DIGEPE");
    expect(layout.deliverableRows.map((r) => r.indicator)).toEqual(["PREV-3.1", "PROT-1.2"]);
    const status = sheet(layout, "deliverables")!.validations.find((v) => v.range === "C5")!;
    expect(status.rule).toEqual({ kind: "list", values: ["No iniciado", "En elaboración", "En revisión", "Aprobado", "Vigente"] });
    expect(sheet(layout, "deliverables")!.validations.find((v) => v.range === "D6")!.rule).toEqual({ kind: "decimal", min: 0, max: 100 });
    expect(sheet(layoutFor("CECOPAZ"), "deliverables")).toBeUndefined();
  });

  it("identifies the file in a hidden metadata block", () => {
    const layout = buildTemplateLayout(catalog, "MGP", "2025-S2", "en", { generatedBy: "test", generatedAt: "2026-01-02T03:04:05Z" });
    const meta = sheet(layout, "meta")!;
    expect(meta.visibility).toBe("veryHidden");
    const value = (key: (typeof META_KEYS)[number]) => meta.cells.find((c) => c.address === layout.metadata.cells[key])?.value;
    expect([value("schema"), value("layoutVersion"), value("catalogVersion"), value("institution"), value("period"), value("language")]).toEqual([
      "pa1325-template", "1", "2021.1", "MGP", "2025-S2", "en",
    ]);
    expect(value("readyAt")).toBeUndefined();
    expect(layout.names.map((n) => n.name)).toEqual(["PA1325_PREPARED_BY", "PA1325_INDICATORS", "PA1325_ROSTER", "PA1325_META"]);
  });

  it("names sheets and writes labels in the chosen language", () => {
    expect(layoutFor("EP", "en").sheets.map((s) => s.name)).toEqual(["Cover", "Indicators", "Deliverables", "Roster", "pa1325_meta"]);
    expect(layoutFor("EP", "es").sheets.map((s) => s.name)).toEqual(["Portada", "Indicadores", "Entregables", "Registro", "pa1325_meta"]);
    expect(cell(layoutFor("EP", "en"), "indicators", "C6")!.value).toBe("Officers");
  });

  it("lists on the cover the indicators MINDEF computes for the institution", () => {
    expect(layoutFor("CCFFAA").centralIndicators).toEqual(["PART-1.2"]);
    expect(layoutFor("EP").centralIndicators).toEqual([]);
  });

  it("shows last semester's values beside each row when given", () => {
    const layout = buildTemplateLayout(catalog, "EP", "2026-S1", "es", { previous: { "PREV-1.1|category=OFICIALES": 12 } });
    expect(cell(layout, "indicators", "H6")).toMatchObject({ value: 12, style: "previous" });
    expect(cell(layout, "indicators", "H4")!.value).toBe("Semestre anterior (2025-S2)");
  });

  it("keeps every cell inside its sheet's extent, once, and is deterministic", () => {
    const a = layoutFor("CCFFAA");
    for (const s of a.sheets) {
      const seen = new Set<string>();
      for (const c of s.cells) {
        const p = parseCellAddress(c.address)!;
        expect(p.row).toBeLessThan(s.extent.rows);
        expect(p.column).toBeLessThan(s.extent.columns);
        expect(seen.has(c.address)).toBe(false);
        seen.add(c.address);
      }
    }
    expect(JSON.stringify(layoutFor("CCFFAA"))).toBe(JSON.stringify(a));
  });

  it("refuses an unknown or non-reporting institution and a bad period", () => {
    expect(() => layoutFor("NAVY")).toThrow("unknown institution NAVY");
    expect(() => layoutFor("MINDEF")).toThrow("MINDEF does not report");
    expect(() => buildTemplateLayout(catalog, "EP", "2026-1", "es")).toThrow(/not a semester/);
  });
});

describe("buildTemplateLayout totals", () => {
  it("never sums a breakdown whose values overlap (gender hours within total hours, stages, reports sent)", () => {
    const cecopaz = buildTemplateLayout(catalog, "CECOPAZ", "2026-S1", "es");
    expect(cecopaz.totalRows.map((t) => t.indicator)).not.toContain("PREV-1.2");
    const ep = buildTemplateLayout(catalog, "EP", "2026-S1", "es");
    expect(ep.totalRows.map((t) => t.indicator)).not.toEqual(expect.arrayContaining(["PREV-1.3"]));
    expect(ep.totalRows.map((t) => t.indicator)).not.toContain("PREV-3.2");
    expect(ep.totalRows.map((t) => t.indicator)).toContain("PREV-2.1");
  });
});
