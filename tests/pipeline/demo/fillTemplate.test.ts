import { currentCatalog } from "../../../core/src/catalog/builtInCatalogs";
import { reportingInstitutions } from "../../../core/src/catalog/catalogQueries";
import { buildTemplateLayout } from "../../../core/src/layout/buildTemplateLayout";
import { parseEntries } from "../../../core/src/validation/parseEntries";
import { fillTemplate } from "../../../pipeline/src/demo/fillTemplate";
import { Random } from "../../../pipeline/src/demo/Random";
import { syntheticPeople } from "../../../pipeline/src/demo/syntheticPeople";
import { GridBuilder } from "../../helpers/GridBuilder";

const catalog = currentCatalog();

describe("fillTemplate", () => {
  it.each(reportingInstitutions(catalog).map((i) => i.code))("fills %s's template completely and consistently", (code) => {
    for (const language of ["es", "en"] as const) {
      const layout = buildTemplateLayout(catalog, code, "2026-S1", language);
      const rng = new Random(7);
      const people = syntheticPeople(catalog, code, 3000, 0.13, rng);
      const inputs = fillTemplate(catalog, layout, { rng, people, scale: 1, womenShare: 0.13, preparedBy: "Oficina de género" });
      const g = GridBuilder.fromLayout(layout);
      for (const [sheet, cells] of inputs) for (const [cell, v] of cells) g.set(sheet, cell, v);
      const parsed = parseEntries(catalog, layout, g.grid());
      expect(parsed.issues).toEqual([]);
      expect(parsed.progress.every((p) => p.state === "complete")).toBe(true);
      if (layout.roster) expect(parsed.roster.length).toBeGreaterThan(0);
    }
  });

  it("gives the same workbook for the same seed", () => {
    const layout = buildTemplateLayout(catalog, "EP", "2026-S1", "es");
    const make = () => {
      const rng = new Random(42);
      return fillTemplate(catalog, layout, { rng, people: syntheticPeople(catalog, "EP", 500, 0.13, rng), scale: 1, womenShare: 0.13, preparedBy: "x" });
    };
    expect(JSON.stringify([...make()].map(([s, m]) => [s, [...m]]))).toBe(JSON.stringify([...make()].map(([s, m]) => [s, [...m]])));
  });
});
