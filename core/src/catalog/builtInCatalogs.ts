import actionPlan2021 from "../../catalog/action-plan-2021.json";
import { deepFreeze } from "../deepFreeze";
import type { Catalog } from "./Catalog";
import { CatalogError } from "./CatalogError";
import { checkCatalogReferences, compareVersions } from "./checkCatalogReferences";

/**
 * The catalog versions this build knows, oldest first. A Committee revision adds a JSON file under
 * core/catalog/ (with a higher version and a `previous` block mapping the old indicators) and one line here.
 */
export const BUILT_IN_CATALOG_FILES: ReadonlyArray<{ file: string; json: unknown }> = [
  { file: "core/catalog/action-plan-2021.json", json: actionPlan2021 },
];

let cache: Catalog[] | undefined;

/**
 * The shipped catalogs, frozen. Their shape is checked against the schema (parseCatalog, with zod) when the code is
 * built (pipeline/src/build/checkBuiltInCatalogs.ts, part of `npm run build:cli`) and by the tests, which also prove that the schema
 * leaves these files unchanged: data compiled into the program cannot change after that, and loading zod and
 * checking the schema took ~100 ms at the start of every command, every worker thread and the add-in. The
 * references between their parts are still checked here (a few milliseconds).
 */
export function builtInCatalogs(): Catalog[] {
  cache ??= BUILT_IN_CATALOG_FILES.map(({ file, json }) => {
    const catalog = json as Catalog;
    const problems = checkCatalogReferences(catalog);
    if (problems.length > 0) throw new CatalogError(file, problems);
    return deepFreeze(catalog);
  }).sort((a, b) => compareVersions(a.version, b.version));
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
