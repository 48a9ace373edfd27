import actionPlan from "../../core/catalog/action-plan-2021.json";
import { currentCatalog } from "../../core/src/catalog/builtInCatalogs";
import { CatalogError } from "../../core/src/catalog/CatalogError";
import {
  countCatalog,
  dimensionValues,
  indicatorsForInstitution,
  listIndicators,
  reportingInstitutions,
} from "../../core/src/catalog/catalogQueries";
import { parseCatalog } from "../../core/src/catalog/parseCatalog";
import { perCatalog } from "../../core/src/catalog/perCatalog";
import { checkBuiltInCatalogs } from "../../pipeline/src/build/checkBuiltInCatalogs";

const clone = (): Record<string, unknown> => JSON.parse(JSON.stringify(actionPlan)) as Record<string, unknown>;

function problemsOf(raw: unknown): Array<{ path: string; message: string }> {
  try {
    parseCatalog(raw, "test.json");
  } catch (e) {
    if (e instanceof CatalogError) return [...e.problems];
    throw e;
  }
  throw new Error("expected the catalog to be refused");
}

describe("the Action Plan catalog", () => {
  const catalog = currentCatalog();

  it("holds the plan's 4 areas, 8 objectives and 21 actions", () => {
    expect(countCatalog(catalog)).toEqual({ areas: 4, objectives: 8, actions: 21, indicators: 22 });
    expect(catalog.areas.map((a) => a.code)).toEqual(["PREV", "PART", "PROT", "RR"]);
    expect(catalog.areas.map((a) => a.objectives.length)).toEqual([3, 1, 2, 2]);
    expect(catalog.areas.map((a) => a.objectives.flatMap((o) => o.actions).length)).toEqual([8, 3, 6, 4]);
  });

  it("gives every area, objective, action and indicator Spanish and English text", () => {
    const texts: Array<{ es: string; en: string }> = [];
    for (const area of catalog.areas) {
      texts.push(area.name, area.description);
      for (const o of area.objectives) {
        texts.push(o.text);
        for (const a of o.actions) texts.push(a.text);
      }
    }
    for (const { indicator } of listIndicators(catalog)) texts.push(indicator.text, indicator.unit, indicator.guidance);
    expect(texts.length).toBeGreaterThan(80);
    for (const t of texts) {
      expect(t.es.trim().length).toBeGreaterThan(0);
      expect(t.en.trim().length).toBeGreaterThan(0);
      expect(t.es).not.toBe(t.en);
    }
  });

  it("says its Spanish wording awaits the Committee and its responsibilities are a proposal", () => {
    expect(catalog.wording.status).toBe("awaiting-official");
    expect(catalog.responsibilities.status).toBe("proposed");
  });

  it("keeps stable indicator codes such as PREV-1.1 and PART-1.2", () => {
    const codes = listIndicators(catalog).map((x) => x.indicator.code);
    expect(codes).toContain("PREV-1.1");
    expect(codes).toContain("PART-1.2");
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("records how each indicator is measured, disaggregated and sourced", () => {
    const byCode = new Map(listIndicators(catalog).map((x) => [x.indicator.code, x.indicator]));
    expect(byCode.get("PREV-1.1")).toMatchObject({ measure: "people", source: "roster", cumulative: true });
    expect(byCode.get("PREV-1.1")!.dimensions.map((d) => d.dimension)).toEqual(["sex", "category"]);
    expect(byCode.get("PART-1.2")).toMatchObject({ measure: "percentage", source: "deployments" });
    expect(byCode.get("PREV-1.2")).toMatchObject({ measure: "hours", source: "reported", cumulative: false });
    expect(byCode.get("PREV-3.1")).toMatchObject({ measure: "status", dimensions: [] });
    // The plan gives no baselines or targets: they stay empty rather than invented.
    for (const ind of byCode.values()) {
      expect(ind.baseline.value).toBeNull();
      expect(ind.target.value).toBeNull();
    }
  });

  it("lists institutions, personnel categories, missions and UN personnel types as reference data", () => {
    expect(catalog.reference.institutions.map((i) => i.code)).toEqual([
      "MINDEF", "DIGEPE", "DIGEDOC", "DGPP", "DIGRIN", "CCFFAA", "EP", "MGP", "FAP", "CECOPAZ",
    ]);
    expect(reportingInstitutions(catalog).map((i) => i.code)).not.toContain("MINDEF");
    expect(dimensionValues(catalog, "category")).toHaveLength(7);
    expect(catalog.reference.missions.map((m) => m.code)).toEqual(expect.arrayContaining(["MINUSCA", "MONUSCO", "UNMISS", "UNISFA", "UNIFIL"]));
    const troops = catalog.reference.unPersonnelTypes.find((t) => t.code === "TROOPS")!;
    expect(troops.unLabels).toEqual(expect.arrayContaining(["Troops", "Contingent Troop"]));
    expect(troops.parityCategory).toBe("CONTINGENTS");
    expect(catalog.reference.ranks.filter((r) => r.institution === "MGP").map((r) => r.name.es)).toContain("Capitán de Navío");
  });

  it("gives every reporting institution at least one indicator", () => {
    for (const inst of reportingInstitutions(catalog)) {
      expect(indicatorsForInstitution(catalog, inst.code).length).toBeGreaterThan(0);
    }
  });
});

describe("the shipped catalogs, checked when the code is built", () => {
  // builtInCatalogs() does not run the schema at start-up: this check (also run by `npm run build:cli`) does.
  it("pass the schema, which leaves them exactly as written", () => {
    expect(() => checkBuiltInCatalogs()).not.toThrow();
    expect(parseCatalog(clone(), "action-plan-2021.json")).toEqual(currentCatalog());
  });

  it("refuse a catalog with a bad field, naming the file and the field", () => {
    const raw = clone();
    (raw as { version: unknown }).version = 7;
    expect(() => checkBuiltInCatalogs([{ file: "core/catalog/revision.json", json: raw }])).toThrow(/Catalog core\/catalog\/revision.json is not valid:\n {2}- version:/);
  });

  it("refuse a catalog that is valid only once the schema has trimmed its text", () => {
    const raw = clone() as { title: { es: string } };
    raw.title.es = ` ${raw.title.es} `;
    expect(() => checkBuiltInCatalogs([{ file: "core/catalog/revision.json", json: raw }])).toThrow(/only once the schema has changed it/);
  });
});

describe("parseCatalog on a malformed catalog", () => {
  it("names the path of a missing Spanish text", () => {
    const raw = clone() as { areas: Array<{ objectives: Array<{ text: { es?: string } }> }> };
    delete raw.areas[1]!.objectives[0]!.text.es;
    expect(problemsOf(raw)).toEqual([expect.objectContaining({ path: "areas[1].objectives[0].text.es" })]);
  });

  it("names the path of an unknown responsible institution", () => {
    const raw = clone() as { areas: Array<{ objectives: Array<{ actions: Array<{ indicators: Array<{ responsible: string[] }> }> }> }> };
    raw.areas[0]!.objectives[0]!.actions[1]!.indicators[0]!.responsible.push("NAVY");
    const problems = problemsOf(raw);
    expect(problems).toContainEqual({ path: "areas[0].objectives[0].actions[1].indicators[0].responsible[2]", message: "unknown institution NAVY" });
  });

  it("lists every problem, not only the first", () => {
    const raw = clone() as Record<string, unknown> & { effectiveFrom: string; settings: { rosterCapacity: number } };
    raw.effectiveFrom = "2021-S3";
    raw.settings.rosterCapacity = 0;
    raw.version = "v2";
    const paths = problemsOf(raw).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(["effectiveFrom", "settings.rosterCapacity", "version"]));
  });

  it("refuses a duplicate indicator code and a code outside its action", () => {
    const raw = clone() as { areas: Array<{ objectives: Array<{ actions: Array<{ indicators: Array<{ code: string }> }> }> }> };
    raw.areas[0]!.objectives[0]!.actions[1]!.indicators[0]!.code = "PREV-1.1";
    const problems = problemsOf(raw);
    expect(problems).toContainEqual({ path: "areas[0].objectives[0].actions[1].indicators[0].code", message: "must start with its action's code PREV-1.2" });
    expect(problems).toContainEqual({ path: "areas[0].objectives[0].actions[1].indicators[0].code", message: "duplicate indicator code PREV-1.1" });
  });

  it("refuses a count of people that is not disaggregated by sex", () => {
    const raw = clone() as { areas: Array<{ objectives: Array<{ actions: Array<{ indicators: Array<{ dimensions: unknown[] }> }> }> }> };
    raw.areas[0]!.objectives[0]!.actions[0]!.indicators[0]!.dimensions = [{ dimension: "category" }];
    expect(problemsOf(raw)).toContainEqual({
      path: "areas[0].objectives[0].actions[0].indicators[0].dimensions",
      message: "a count of people must be disaggregated by sex",
    });
  });

  it("refuses a constraint on a dimension the indicator does not have", () => {
    const raw = clone() as { areas: Array<{ objectives: Array<{ actions: Array<{ indicators: Array<{ constraints?: unknown[] }> }> }> }> };
    raw.areas[0]!.objectives[2]!.actions[1]!.indicators[0]!.constraints = [
      { lesser: { stage: "SENT" }, greater: { reportStage: "PREPARED" }, note: { es: "x", en: "x" } },
    ];
    expect(problemsOf(raw)).toContainEqual({
      path: "areas[0].objectives[2].actions[1].indicators[0].constraints[0].lesser.stage",
      message: "PREV-3.2 is not disaggregated by stage",
    });
  });

  it("refuses a file that is not a catalog at all", () => {
    expect(problemsOf([1, 2, 3])[0]!.path).toBe("");
    expect(() => parseCatalog(null, "empty.json")).toThrow(/Catalog empty.json is not valid/);
  });
});

describe("perCatalog", () => {
  it("derives once per frozen catalog and key, and afresh every time from an unfrozen one", () => {
    const calls: string[] = [];
    const derive = perCatalog((c, key: string) => {
      calls.push(key);
      return { version: c.version, key };
    });
    const frozen = currentCatalog();
    expect(derive(frozen, "es")).toBe(derive(frozen, "es"));
    expect(derive(frozen, "en")).not.toBe(derive(frozen, "es"));
    const unfrozen = clone() as unknown as typeof frozen;
    expect(derive(unfrozen, "es")).not.toBe(derive(unfrozen, "es"));
    expect(calls).toEqual(["es", "en", "es", "es"]);
  });
});
