import type { Catalog, DimensionValue, Indicator } from "../catalog/Catalog";
import { SEX_DIMENSION } from "../catalog/Catalog";
import { indicatorDimensionValues } from "../catalog/catalogQueries";

/**
 * The key written in each row's hidden key cell, e.g. "PREV-1.1|category=OFICIALES". A reader compares it with
 * the layout to be sure that nobody inserted, deleted or sorted rows.
 */
export function rowKey(indicator: string, dims: Record<string, string>): string {
  const parts = Object.keys(dims)
    .sort()
    .map((k) => `${k}=${dims[k]}`);
  return `${indicator}|${parts.join(";")}`;
}

export function totalRowKey(indicator: string): string {
  return `${indicator}|*total`;
}

export function deliverableKey(indicator: string): string {
  return `${indicator}|*status`;
}

/**
 * A deliverable's status as the pipeline keys it beside a value's key (`PREV-3.1|*status=APPROVED`): a resubmission
 * whose status changed shows as one status gone and another new.
 */
export function deliverableStatusKey(indicator: string, status: string): string {
  return `${deliverableKey(indicator)}=${status}`;
}

/** Every combination of an indicator's non-sex dimension values, in catalog order (one template row each). */
export function breakdownCombinations(
  catalog: Catalog,
  indicator: Indicator,
): Array<{ dims: Record<string, string>; labels: DimensionValue[] }> {
  let combos: Array<{ dims: Record<string, string>; labels: DimensionValue[] }> = [{ dims: {}, labels: [] }];
  for (const use of indicator.dimensions) {
    if (use.dimension === SEX_DIMENSION) continue;
    const values = indicatorDimensionValues(catalog, indicator, use.dimension);
    combos = combos.flatMap((c) =>
      values.map((v) => ({ dims: { ...c.dims, [use.dimension]: v.code }, labels: [...c.labels, v] })),
    );
  }
  return combos;
}
