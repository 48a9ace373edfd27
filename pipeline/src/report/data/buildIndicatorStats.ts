import type { Catalog } from "../../../../core/src/catalog/Catalog";
import { isAdditive } from "../../../../core/src/catalog/catalogQueries";
import type { IndicatorStat } from "../../../../core/src/stats/ReportData";
import type { IndicatorAggregateRow } from "../../db/stats/readIndicatorAggregates";
import type { CatalogLabels } from "./catalogLabels";
import { protectCube } from "./protectCube";

/**
 * The indicator statistics of every semester, protected. Totals over an overlapping breakdown (gender hours
 * within total hours, selection stages) are dropped: they mean nothing. Counts of people go through small-cell
 * suppression one indicator and semester at a time, with all their totals over institutions, breakdown and sex.
 */
export function buildIndicatorStats(
  rows: readonly IndicatorAggregateRow[],
  labels: CatalogLabels,
  current: Catalog,
  suppression: { applied: boolean; k: number },
): IndicatorStat[] {
  const groups = new Map<string, IndicatorAggregateRow[]>();
  for (const r of rows) {
    const key = `${r.period}\u0000${r.indicator_code}`;
    const list = groups.get(key) ?? [];
    list.push(r);
    groups.set(key, list);
  }
  const out: IndicatorStat[] = [];
  for (const list of groups.values()) {
    const first = list[0]!;
    const found = labels.indicator(first.indicator_code);
    if (!found) continue;
    const indicator = found.indicator;
    const people = indicator.measure === "people";
    const additive = isAdditive(current, indicator);
    // Things other than people have no sex: keep only the rows summed over it (their sex column is null).
    const kept = list.filter((r) => (people ? r.sex !== null : r.sex === "*") && (additive || r.breakdown_key !== "*"));
    const hidden = people
      ? protectCube(
          kept.map((r) => ({ dims: [r.institution, r.breakdown_key, r.sex ?? ""], value: r.value })),
          [true, additive, true],
          suppression.k,
          suppression.applied,
        )
      : new Set<number>();
    kept.forEach((r, i) => {
      out.push({
        period: r.period,
        area: found.area,
        indicatorCode: r.indicator_code,
        indicator: indicator.text[labels.language],
        measure: indicator.measure,
        unit: indicator.unit[labels.language],
        institution: r.institution,
        breakdownKey: r.breakdown_key,
        breakdown: labels.breakdown(r.indicator_code, r.breakdown_key),
        sex: people ? (r.sex as "F" | "M" | "*") : null,
        value: hidden.has(i) ? null : r.value,
        suppressed: hidden.has(i),
        institutionsReporting: r.institutions,
        comparable: r.comparable,
      });
    });
  }
  return out;
}
