import actionPlan from "../../core/catalog/action-plan-2021.json";
import { currentCatalog } from "../../core/src/catalog/builtInCatalogs";
import { diffCatalogs, isEmptyDiff } from "../../core/src/catalog/diffCatalogs";
import { mapIndicatorCodes } from "../../core/src/catalog/mapIndicatorCodes";
import { parseCatalog } from "../../core/src/catalog/parseCatalog";
import { catalogRevision } from "../helpers/catalogRevision";

const note = { es: "nota", en: "note" };
const revision = catalogRevision;

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
    const raw = JSON.parse(JSON.stringify(actionPlan)) as { version: string; previous: unknown };
    raw.version = "2026.1";
    raw.previous = { version: "2021.1", mappings: [{ kind: "rename", from: "PREV-2.2", to: "PREV-2.9", note }] };
    expect(() => parseCatalog(raw, "r.json")).toThrow("previous.mappings[0].to: indicator PREV-2.9 is not in this catalog");
  });
});
