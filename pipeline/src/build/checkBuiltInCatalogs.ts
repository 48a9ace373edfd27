import { isDeepStrictEqual } from "node:util";
import { BUILT_IN_CATALOG_FILES } from "../../../core/src/catalog/builtInCatalogs";
import { parseCatalog } from "../../../core/src/catalog/parseCatalog";

/**
 * Checks every shipped catalog against the schema, and that the schema changes nothing in it (no text to trim, no
 * default to fill): builtInCatalogs uses the files as they are. Throws CatalogError with the path of each bad field.
 */
export function checkBuiltInCatalogs(files: ReadonlyArray<{ file: string; json: unknown }> = BUILT_IN_CATALOG_FILES): void {
  for (const { file, json } of files) {
    const parsed = parseCatalog(structuredClone(json), file);
    if (!isDeepStrictEqual(parsed, json)) {
      throw new Error(`Catalog ${file} is valid only once the schema has changed it (text with spaces around it?): write it as the schema reads it.`);
    }
  }
}

// `npm run build:cli` runs this file: a revision with a bad field fails the build, not a command later.
if (require.main === module) {
  try {
    checkBuiltInCatalogs();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
