import type { Catalog } from "../../../../core/src/catalog/Catalog";
import type { IndicatorStat, RosterConsistency, RosterStat } from "../../../../core/src/stats/ReportData";
import type { IndicatorAggregateRow } from "../../db/stats/readIndicatorAggregates";
import type { RosterAggregateRow, RosterListedRow } from "../../db/stats/readRosterAggregates";
import type { CatalogLabels } from "./catalogLabels";
import { protectCube } from "./protectCube";

/** People on rosters, counted once, by institution, category and sex; protected one indicator and semester at a time. */
export function buildRosterStats(rows: readonly RosterAggregateRow[], labels: CatalogLabels, suppression: { applied: boolean; k: number }): RosterStat[] {
  const groups = new Map<string, RosterAggregateRow[]>();
  for (const r of rows) {
    const key = `${r.period}\u0000${r.indicator_code}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const out: RosterStat[] = [];
  for (const list of groups.values()) {
    const hidden = protectCube(
      list.map((r) => ({ dims: [r.institution, r.category, r.sex], value: r.people })),
      [true, true, true],
      suppression.k,
      suppression.applied,
    );
    list.forEach((r, i) =>
      out.push({
        period: r.period,
        indicatorCode: r.indicator_code,
        indicator: labels.indicatorText(r.indicator_code),
        institution: r.institution,
        category: r.category,
        sex: r.sex as RosterStat["sex"],
        people: hidden.has(i) ? null : r.people,
        suppressed: hidden.has(i),
      }),
    );
  }
  return out;
}

/**
 * Whether each institution's roster backs the number it reported, as the template check does: per course type
 * where the indicator is broken down by it, else on the rows the roster stands for (e.g. the "designated"
 * stage). With suppression the counts themselves are left out: only the verdict is published.
 */
export function buildRosterConsistency(
  reported: readonly IndicatorAggregateRow[],
  listed: readonly RosterListedRow[],
  current: Catalog,
  applied: boolean,
): RosterConsistency[] {
  const out: RosterConsistency[] = [];
  for (const area of current.areas)
    for (const o of area.objectives)
      for (const a of o.actions)
        for (const indicator of a.indicators) {
          if (indicator.source !== "roster") continue;
          const byCourse = indicator.dimensions.some((d) => d.dimension === "courseType");
          const countsAs = Object.entries(indicator.roster?.countsAs ?? {});
          const rows = reported.filter((r) => r.indicator_code === indicator.code && r.institution !== "*" && r.sex === "*" && r.breakdown_key !== "*");
          const groups = new Map<string, { period: string; institution: string; breakdownKey: string; reported: number }>();
          for (const r of rows) {
            const pairs = Object.fromEntries(r.breakdown_key.split(";").filter(Boolean).map((p) => p.split("=") as [string, string]));
            if (!countsAs.every(([k, v]) => pairs[k] === v)) continue;
            const bkey = byCourse ? `courseType=${pairs.courseType}` : "*";
            const key = `${r.period}|${r.institution}|${bkey}`;
            const g = groups.get(key) ?? { period: r.period, institution: r.institution, breakdownKey: bkey, reported: 0 };
            g.reported += r.value;
            groups.set(key, g);
          }
          for (const g of groups.values()) {
            const n = listed
              .filter((l) => l.indicator_code === indicator.code && l.period === g.period && l.institution === g.institution && (!byCourse || `courseType=${l.course_type}` === g.breakdownKey))
              .reduce((s, l) => s + l.listed, 0);
            out.push({
              period: g.period,
              indicatorCode: indicator.code,
              institution: g.institution,
              breakdownKey: g.breakdownKey,
              reported: applied ? null : g.reported,
              listed: applied ? null : n,
              status: n === g.reported ? "match" : "differs",
            });
          }
        }
  return out.sort((a, b) => (a.period + a.indicatorCode + a.institution + a.breakdownKey < b.period + b.indicatorCode + b.institution + b.breakdownKey ? -1 : 1));
}

export type { IndicatorStat };
