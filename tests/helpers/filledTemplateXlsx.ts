import { currentCatalog } from "../../core/src/catalog/builtInCatalogs";
import { buildTemplateLayout } from "../../core/src/layout/buildTemplateLayout";
import { fillTemplate } from "../../pipeline/src/demo/fillTemplate";
import { Random } from "../../pipeline/src/demo/Random";
import { syntheticPeople } from "../../pipeline/src/demo/syntheticPeople";
import { writeTemplateXlsx } from "../../pipeline/src/xlsx/writeTemplateXlsx";

/** A 2026-S1 template filled as a careful institution would (300 people to pick from), as our writer saves it. */
export async function filledTemplateXlsx(institution: string, language: "es" | "en", seed: number): Promise<Buffer> {
  const catalog = currentCatalog();
  const layout = buildTemplateLayout(catalog, institution, "2026-S1", language);
  const rng = new Random(seed);
  const inputs = fillTemplate(catalog, layout, { rng, people: syntheticPeople(catalog, institution, 300, 0.13, rng), scale: 0.5, womenShare: 0.13, preparedBy: "fuzz" });
  return writeTemplateXlsx(layout, { inputs, now: new Date(Date.UTC(2026, 6, 1)) });
}
