import type { Catalog, Indicator } from "./Catalog";
import { listIndicators } from "./catalogQueries";

export interface CatalogDiff {
  from: string;
  to: string;
  added: string[];
  retired: Array<{ code: string; note: { es: string; en: string } | null }>;
  renamed: Array<{ from: string; to: string; note: { es: string; en: string } }>;
  split: Array<{ from: string; to: string[]; note: { es: string; en: string } }>;
  merged: Array<{ from: string[]; to: string; note: { es: string; en: string } }>;
  /** Same code, something else changed: which fields. */
  changed: Array<{ code: string; fields: Array<keyof Indicator> }>;
}

const COMPARED: Array<keyof Indicator> = [
  "text",
  "measure",
  "unit",
  "dimensions",
  "source",
  "roster",
  "constraints",
  "baseline",
  "target",
  "direction",
  "cumulative",
  "responsible",
];

/**
 * What a revision changed, so the add-in can explain it before it moves anything and trends can stay continuous.
 * Uses the next catalog's own mapping when it says it follows `previous`; otherwise compares codes only
 * (every vanished code is then "retired" with no note).
 */
export function diffCatalogs(previous: Catalog, next: Catalog): CatalogDiff {
  const before = new Map(listIndicators(previous).map((x) => [x.indicator.code, x.indicator]));
  const after = new Map(listIndicators(next).map((x) => [x.indicator.code, x.indicator]));
  const diff: CatalogDiff = { from: previous.version, to: next.version, added: [], retired: [], renamed: [], split: [], merged: [], changed: [] };
  const explainedOld = new Set<string>();
  const explainedNew = new Set<string>();

  const mappings = next.previous?.version === previous.version ? next.previous.mappings : [];
  for (const m of mappings) {
    switch (m.kind) {
      case "rename":
        diff.renamed.push({ from: m.from, to: m.to, note: m.note });
        explainedOld.add(m.from);
        explainedNew.add(m.to);
        break;
      case "split":
        diff.split.push({ from: m.from, to: m.to, note: m.note });
        explainedOld.add(m.from);
        m.to.forEach((c) => explainedNew.add(c));
        break;
      case "merge":
        diff.merged.push({ from: m.from, to: m.to, note: m.note });
        m.from.forEach((c) => explainedOld.add(c));
        explainedNew.add(m.to);
        break;
      case "retire":
        diff.retired.push({ code: m.from, note: m.note });
        explainedOld.add(m.from);
        break;
    }
  }
  for (const code of before.keys()) {
    if (!after.has(code) && !explainedOld.has(code)) diff.retired.push({ code, note: null });
  }
  for (const [code, indicator] of after) {
    const old = before.get(code);
    if (!old) {
      if (!explainedNew.has(code)) diff.added.push(code);
      continue;
    }
    const fields = COMPARED.filter((f) => JSON.stringify(old[f] ?? null) !== JSON.stringify(indicator[f] ?? null));
    if (fields.length > 0) diff.changed.push({ code, fields });
  }
  return diff;
}

export function isEmptyDiff(diff: CatalogDiff): boolean {
  return [diff.added, diff.retired, diff.renamed, diff.split, diff.merged, diff.changed].every((list) => list.length === 0);
}
