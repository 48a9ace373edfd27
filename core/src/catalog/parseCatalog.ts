import { catalogSchema } from "./catalogSchema";
import type { Catalog } from "./Catalog";
import { CatalogError, formatPath, type CatalogProblem } from "./CatalogError";
import { checkCatalogReferences } from "./checkCatalogReferences";
import { deepFreeze } from "../deepFreeze";

/**
 * Turns a catalog file's parsed JSON into a checked Catalog: first its shape (schema), then the references
 * between its parts (codes that must exist, be unique, nest and agree). Throws CatalogError listing every
 * problem with the path of the field; `source` names the file in the message. The catalog returned is frozen:
 * what is derived from it once (its indicator index, layouts) stays true for as long as it is used.
 */
export function parseCatalog(raw: unknown, source = "catalog"): Catalog {
  const shape = catalogSchema.safeParse(raw);
  if (!shape.success) {
    const problems: CatalogProblem[] = shape.error.issues.map((issue) => ({
      path: formatPath(issue.path),
      message: issue.message,
    }));
    throw new CatalogError(source, problems);
  }
  const problems = checkCatalogReferences(shape.data);
  if (problems.length > 0) throw new CatalogError(source, problems);
  return deepFreeze(shape.data);
}
