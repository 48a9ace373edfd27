import type { Catalog, DimensionValue, Indicator, IndicatorInContext, Institution } from "./Catalog";
import { perCatalog } from "./perCatalog";

interface IndicatorIndex {
  list: readonly IndicatorInContext[];
  byCode: ReadonlyMap<string, IndicatorInContext>;
}

// Built once per catalog: checking a workbook looks indicators up by code hundreds of times.
const indicatorIndex = perCatalog((catalog): IndicatorIndex => {
  const list: IndicatorInContext[] = [];
  for (const area of catalog.areas)
    for (const objective of area.objectives)
      for (const action of objective.actions)
        for (const indicator of action.indicators) list.push({ indicator, area, objective, action });
  const byCode = new Map<string, IndicatorInContext>();
  for (const x of list) if (!byCode.has(x.indicator.code)) byCode.set(x.indicator.code, x);
  return { list, byCode };
});

/** Every indicator in plan order, with the area, objective and action it belongs to. */
export function listIndicators(catalog: Catalog): IndicatorInContext[] {
  return indicatorIndex(catalog, undefined).list.slice();
}

export function findIndicator(catalog: Catalog, code: string): IndicatorInContext | undefined {
  return indicatorIndex(catalog, undefined).byCode.get(code);
}

/** The indicators an institution reports on, in plan order. */
export function indicatorsForInstitution(catalog: Catalog, institution: string): IndicatorInContext[] {
  return listIndicators(catalog).filter((x) => x.indicator.responsible.includes(institution));
}

export function findInstitution(catalog: Catalog, code: string): Institution | undefined {
  return catalog.reference.institutions.find((i) => i.code === code);
}

/** Institutions that send a semester report. */
export function reportingInstitutions(catalog: Catalog): Institution[] {
  return catalog.reference.institutions.filter((i) => i.reports);
}

/** All values a dimension allows, whether listed in place or taken from a reference list. */
export function dimensionValues(catalog: Catalog, dimension: string): DimensionValue[] {
  const dim = catalog.dimensions[dimension];
  if (!dim) return [];
  if ("values" in dim) return dim.values;
  return catalog.reference[dim.reference].map((v) => ({ code: v.code, name: v.name }));
}

/** The values of a dimension used by one indicator (its own subset when it lists one). */
export function indicatorDimensionValues(catalog: Catalog, indicator: Indicator, dimension: string): DimensionValue[] {
  const all = dimensionValues(catalog, dimension);
  const use = indicator.dimensions.find((d) => d.dimension === dimension);
  if (!use?.values) return all;
  return use.values.map((code) => all.find((v) => v.code === code)).filter((v): v is DimensionValue => v !== undefined);
}

export function countCatalog(catalog: Catalog): { areas: number; objectives: number; actions: number; indicators: number } {
  const objectives = catalog.areas.flatMap((a) => a.objectives);
  const actions = objectives.flatMap((o) => o.actions);
  return {
    areas: catalog.areas.length,
    objectives: objectives.length,
    actions: actions.length,
    indicators: actions.flatMap((a) => a.indicators).length,
  };
}

/** True when an indicator's values may be summed across all its dimensions (no overlapping breakdown). */
export function isAdditive(catalog: Catalog, indicator: Indicator): boolean {
  return indicator.dimensions.every((d) => catalog.dimensions[d.dimension]?.additive !== false);
}
