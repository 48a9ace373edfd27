import type { Catalog } from "./Catalog";

/**
 * `derive`, remembered per source object (and per `key`, such as a language): checking a folder of workbooks, or
 * every keystroke in the add-in, asks for the same derived data again and again. Remembered for frozen sources only
 * — parseCatalog and builtInCatalogs freeze their catalogs, ingestion the layouts it builds — so that what was
 * derived can never go stale; an unfrozen source is derived from afresh each time.
 */
export function perFrozen<S extends object, T, K = undefined>(derive: (source: S, key: K) => T): (source: S, key: K) => T {
  const cache = new WeakMap<S, Map<K, T>>();
  return (source, key) => {
    if (!Object.isFrozen(source)) return derive(source, key);
    let byKey = cache.get(source);
    if (!byKey) cache.set(source, (byKey = new Map()));
    if (byKey.has(key)) return byKey.get(key)!;
    const derived = derive(source, key);
    byKey.set(key, derived);
    return derived;
  };
}

/** perFrozen for what is derived from a catalog. */
export function perCatalog<T, K = undefined>(derive: (catalog: Catalog, key: K) => T): (catalog: Catalog, key: K) => T {
  return perFrozen(derive);
}
