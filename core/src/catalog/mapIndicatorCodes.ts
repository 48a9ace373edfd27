import type { Catalog } from "./Catalog";
import { listIndicators } from "./catalogQueries";
import { compareVersions } from "./checkCatalogReferences";

/**
 * Where an indicator of an older catalog lives in a newer one. `comparable` is false when a split or merge
 * means that old values stand for only part (or more than all) of the new indicator: a trend shows them, marked.
 */
export interface CodeMapping {
  codes: string[];
  comparable: boolean;
}

/**
 * Follows the chain of catalog revisions from `fromVersion` to `toVersion` (each revision's `previous.mappings`),
 * so that a value reported under an old code is counted under today's code. Retired indicators map to nothing.
 */
export function mapIndicatorCodes(catalogs: readonly Catalog[], fromVersion: string, toVersion: string): Map<string, CodeMapping> {
  const chain = [...catalogs].sort((a, b) => compareVersions(a.version, b.version));
  const start = chain.findIndex((c) => c.version === fromVersion);
  const end = chain.findIndex((c) => c.version === toVersion);
  if (start < 0 || end < 0) throw new RangeError(`unknown catalog version ${start < 0 ? fromVersion : toVersion}`);
  if (start > end) throw new RangeError(`cannot map a newer catalog (${fromVersion}) onto an older one (${toVersion})`);

  const result = new Map<string, CodeMapping>();
  for (const x of listIndicators(chain[start]!)) result.set(x.indicator.code, { codes: [x.indicator.code], comparable: true });
  for (let i = start + 1; i <= end; i++) {
    const mappings = chain[i]!.previous?.mappings ?? [];
    for (const mapping of result.values()) {
      const next: string[] = [];
      for (const code of mapping.codes) {
        const m = mappings.find((x) => (Array.isArray(x.from) ? x.from.includes(code) : x.from === code));
        if (!m) next.push(code);
        else if (m.kind === "rename") next.push(m.to);
        else if (m.kind === "split") {
          next.push(...m.to);
          mapping.comparable = false;
        } else if (m.kind === "merge") {
          next.push(m.to);
          mapping.comparable = false;
        }
      }
      mapping.codes = [...new Set(next)];
    }
  }
  return result;
}
