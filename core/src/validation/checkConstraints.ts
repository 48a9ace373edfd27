import type { Catalog } from "../catalog/Catalog";
import { findIndicator } from "../catalog/catalogQueries";
import type { IssueCollector } from "./IssueCollector";
import type { RowNumbers } from "./parseIndicatorRows";

/**
 * Values that cannot exceed others within an indicator (catalog `constraints`): e.g. hours on gender topics
 * ≤ the course's total hours, reports sent ≤ reports prepared. Rows are paired when every other dimension
 * agrees; women, men and totals are compared separately.
 */
export function checkConstraints(catalog: Catalog, rows: Map<string, RowNumbers>, sheet: string, issues: IssueCollector): void {
  const byIndicator = new Map<string, RowNumbers[]>();
  for (const r of rows.values()) {
    const list = byIndicator.get(r.spec.indicator) ?? [];
    list.push(r);
    byIndicator.set(r.spec.indicator, list);
  }
  for (const [code, list] of byIndicator) {
    const indicator = findIndicator(catalog, code)!.indicator;
    for (const constraint of indicator.constraints ?? []) {
      for (const lesser of list.filter((r) => matches(r.spec.dims, constraint.lesser))) {
        const greater = list.find(
          (r) => matches(r.spec.dims, constraint.greater) && sameOtherDims(r.spec.dims, lesser.spec.dims, constraint.lesser),
        );
        if (!greater) continue;
        const pairs: Array<[number | undefined, number | undefined, string | undefined, string | undefined]> = lesser.spec.people
          ? [
              [lesser.women, greater.women, lesser.spec.women, greater.spec.women],
              [lesser.men, greater.men, lesser.spec.men, greater.spec.men],
            ]
          : [[lesser.total, greater.total, lesser.spec.total, greater.spec.total]];
        for (const [a, b, cellA, cellB] of pairs) {
          if (a === undefined || b === undefined || !cellA || !cellB || a <= b) continue;
          issues.add("EXCEEDS_RELATED_VALUE", sheet, cellA, { value: a, other: b, otherCell: cellB, note: constraint.note }, code);
        }
      }
    }
  }
}

function matches(dims: Record<string, string>, selector: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => dims[k] === v);
}

function sameOtherDims(a: Record<string, string>, b: Record<string, string>, selector: Record<string, string>): boolean {
  return Object.keys(a).every((k) => k in selector || a[k] === b[k]);
}
