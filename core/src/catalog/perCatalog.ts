import type { Catalog } from "./Catalog";

/**
 * `derive`, remembered per catalog (and per `key`, such as a language): checking a folder of workbooks, or every
 * keystroke in the add-in, asks for the same derived data again and again. Remembered for frozen catalogs only —
 * parseCatalog and builtInCatalogs freeze theirs — so that what was derived can never go stale; an unfrozen catalog
 * is derived from afresh each time.
 */
export function perCatalog<T, K = undefined>(derive: (catalog: Catalog, key: K) => T): (catalog: Catalog, key: K) => T {
  const cache = new WeakMap<Catalog, Map<K, T>>();
  return (catalog, key) => {
    if (!Object.isFrozen(catalog)) return derive(catalog, key);
    let byKey = cache.get(catalog);
    if (!byKey) cache.set(catalog, (byKey = new Map()));
    if (byKey.has(key)) return byKey.get(key)!;
    const derived = derive(catalog, key);
    byKey.set(key, derived);
    return derived;
  };
}
