import actionPlan2021 from "../../catalog/action-plan-2021.json";
import type { Catalog } from "./Catalog";
import { compareVersions } from "./checkCatalogReferences";
import { parseCatalog } from "./parseCatalog";

/**
 * The catalog versions this build knows, oldest first. A Committee revision adds a JSON file under
 * core/catalog/ (with a higher version and a `previous` block mapping the old indicators) and one line here.
 */
const RAW_CATALOGS: ReadonlyArray<{ file: string; json: unknown }> = [
  { file: "core/catalog/action-plan-2021.json", json: actionPlan2021 },
];

let cache: Catalog[] | undefined;

export function builtInCatalogs(): Catalog[] {
  cache ??= RAW_CATALOGS.map((c) => parseCatalog(c.json, c.file)).sort((a, b) => compareVersions(a.version, b.version));
  return cache;
}

/** The newest catalog: what templates are built from today. */
export function currentCatalog(): Catalog {
  const all = builtInCatalogs();
  return all[all.length - 1]!;
}

export function catalogByVersion(version: string): Catalog | undefined {
  return builtInCatalogs().find((c) => c.version === version);
}
