import actionPlan from "../../core/catalog/action-plan-2021.json";
import type { Catalog } from "../../core/src/catalog/Catalog";
import { currentCatalog } from "../../core/src/catalog/builtInCatalogs";
import { diffCatalogs, isEmptyDiff } from "../../core/src/catalog/diffCatalogs";
import { mapIndicatorCodes } from "../../core/src/catalog/mapIndicatorCodes";
import { parseCatalog } from "../../core/src/catalog/parseCatalog";

type Raw = {
  version: string;
  effectiveFrom: string;
  previous: unknown;
  areas: Array<{ objectives: Array<{ actions: Array<{ code: string; indicators: Array<Record<string, unknown> & { code: string }> }> }> }>;
};

const note = { es: "nota", en: "note" };
const actionOf = (raw: Raw, code: string) => raw.areas.flatMap((a) => a.objectives).flatMap((o) => o.actions).find((a) => a.code === code)!;

/** A Committee revision, written as the Committee would: edit the data, bump the version, map the old codes. */
function revision(): Catalog {
  const raw = JSON.parse(JSON.stringify(actionPlan)) as Raw;
  raw.version = "2026.1";
  raw.effectiveFrom = "2026-S2";
  const prev22 = actionOf(raw, "PREV-2.2");
  prev22.indicators[0]!.code = "PREV-2.2a"; // renamed
  const prot23 = actionOf(raw, "PROT-2.3");
  const [old] = prot23.indicators;
  prot23.indicators = [
    { ...old!, code: "PROT-2.3a", dimensions: [] },
    { ...old!, code: "PROT-2.3b", dimensions: [] },
  ]; // split
  const rr12 = actionOf(raw, "RR-1.2");
  rr12.indicators = [{ ...rr12.indicators[0]!, code: "RR-1.2a" }]; // RR-1.2 retired, RR-1.2a new
  const prev11 = actionOf(raw, "PREV-1.1").indicators[0]!;
  prev11.text = { es: "Personas capacitadas en género.", en: "People trained on gender." };
  raw.previous = {
    version: "2021.1",
    mappings: [
      { kind: "rename", from: "PREV-2.2", to: "PREV-2.2a", note },
      { kind: "split", from: "PROT-2.3", to: ["PROT-2.3a", "PROT-2.3b"], note },
      { kind: "retire", from: "RR-1.2", note },
    ],
  };
  return parseCatalog(raw, "revision.json");
}

describe("diffCatalogs", () => {
  const base = currentCatalog();
  const next = revision();

  it("reports renamed, split, retired, added and changed indicators", () => {
    const diff = diffCatalogs(base, next);
    expect(diff).toEqual({
      from: "2021.1",
      to: "2026.1",
      added: ["RR-1.2a"],
      retired: [{ code: "RR-1.2", note }],
      renamed: [{ from: "PREV-2.2", to: "PREV-2.2a", note }],
      split: [{ from: "PROT-2.3", to: ["PROT-2.3a", "PROT-2.3b"], note }],
      merged: [],
      changed: [{ code: "PREV-1.1", fields: ["text"] }],
    });
  });

  it("finds nothing between a catalog and itself", () => {
    expect(isEmptyDiff(diffCatalogs(base, base))).toBe(true);
  });

  it("compares codes only when the next catalog does not follow the previous one", () => {
    const diff = diffCatalogs(next, base);
    expect(diff.retired.map((r) => r.code).sort()).toEqual(["PREV-2.2a", "PROT-2.3a", "PROT-2.3b", "RR-1.2a"]);
    expect(diff.added.sort()).toEqual(["PREV-2.2", "PROT-2.3", "RR-1.2"]);
  });
});

describe("mapIndicatorCodes", () => {
  it("carries old codes forward through a revision so that trends stay continuous", () => {
    const mapping = mapIndicatorCodes([currentCatalog(), revision()], "2021.1", "2026.1");
    expect(mapping.get("PREV-1.1")).toEqual({ codes: ["PREV-1.1"], comparable: true });
    expect(mapping.get("PREV-2.2")).toEqual({ codes: ["PREV-2.2a"], comparable: true });
    expect(mapping.get("PROT-2.3")).toEqual({ codes: ["PROT-2.3a", "PROT-2.3b"], comparable: false });
    expect(mapping.get("RR-1.2")).toEqual({ codes: [], comparable: true });
  });

  it("refuses to map backwards or from an unknown version", () => {
    expect(() => mapIndicatorCodes([currentCatalog(), revision()], "2026.1", "2021.1")).toThrow(/newer catalog/);
    expect(() => mapIndicatorCodes([currentCatalog()], "2019.1", "2021.1")).toThrow(/unknown catalog version 2019.1/);
  });
});

describe("parseCatalog on a revision", () => {
  it("refuses a mapping to an indicator that is not in the new catalog", () => {
    const raw = JSON.parse(JSON.stringify(actionPlan)) as Raw;
    raw.version = "2026.1";
    raw.previous = { version: "2021.1", mappings: [{ kind: "rename", from: "PREV-2.2", to: "PREV-2.9", note }] };
    expect(() => parseCatalog(raw, "r.json")).toThrow("previous.mappings[0].to: indicator PREV-2.9 is not in this catalog");
  });
});
