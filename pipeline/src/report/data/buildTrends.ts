import type { Catalog } from "../../../../core/src/catalog/Catalog";
import { isAdditive } from "../../../../core/src/catalog/catalogQueries";
import { compareSemesters, requireSemester, semestersBetween } from "../../../../core/src/period/Semester";
import type { IndicatorStat, TrendPoint } from "../../../../core/src/stats/ReportData";
import { trendStatus } from "../../../../core/src/stats/trendStatus";
import type { CatalogLabels } from "./catalogLabels";

/**
 * Each indicator over every semester up to the report's, all institutions together: the value, the change on the
 * previous semester, the running total for cumulative indicators, and whether it is on track against the
 * catalog's baseline and target. An overlapping breakdown (stages, gender hours within total hours) gives one
 * series per value. A hidden count hides everything that would reveal it: the change, and the running total from
 * then on.
 */
export function buildTrends(stats: readonly IndicatorStat[], labels: CatalogLabels, current: Catalog, upTo: string): TrendPoint[] {
  const last = requireSemester(upTo);
  const series = new Map<string, IndicatorStat[]>();
  for (const s of stats) {
    if (s.institution !== "*" || (s.sex !== null && s.sex !== "*")) continue;
    if (compareSemesters(requireSemester(s.period), last) > 0) continue;
    const found = labels.indicator(s.indicatorCode);
    if (!found) continue;
    const additive = isAdditive(current, found.indicator);
    let seriesKey: string;
    if (additive) {
      if (s.breakdownKey !== "*") continue;
      seriesKey = "";
    } else {
      // One series per value of the overlapping dimensions, summed over the others.
      if (s.breakdownKey === "*") continue;
      seriesKey = overlappingPart(current, s.breakdownKey);
    }
    const key = `${s.indicatorCode}\u0000${seriesKey}`;
    const list = series.get(key) ?? [];
    list.push(s);
    series.set(key, list);
  }

  const out: TrendPoint[] = [];
  for (const [key, list] of [...series].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const [code, seriesKey] = key.split("\u0000") as [string, string];
    const indicator = labels.indicator(code)!.indicator;
    // Sum the cells of each semester (one cell for additive indicators); a hidden part hides the sum.
    const byPeriod = new Map<string, { value: number; hidden: boolean; comparable: boolean }>();
    for (const s of list) {
      const p = byPeriod.get(s.period) ?? { value: 0, hidden: false, comparable: true };
      if (s.suppressed) p.hidden = true;
      else p.value += s.value ?? 0;
      p.comparable &&= s.comparable;
      byPeriod.set(s.period, p);
    }
    const periods = [...byPeriod.keys()].sort((a, b) => compareSemesters(requireSemester(a), requireSemester(b)));
    let running: number | null = 0;
    let previous: { period: string; value: number | null } | undefined;
    const baseIndex = indicator.baseline.period ? 0 : null;
    const origin = requireSemester(indicator.baseline.period ?? periods[0]!);
    for (const period of periods) {
      const p = byPeriod.get(period)!;
      const value = p.hidden ? null : p.value;
      const adjacent = previous !== undefined && semestersBetween(requireSemester(previous.period), requireSemester(period)) === 1;
      const prev = adjacent ? previous!.value : null;
      running = indicator.cumulative && running !== null && value !== null ? running + value : null;
      const goalValue = indicator.cumulative ? running : value;
      out.push({
        indicatorCode: code,
        indicator: indicator.text[labels.language],
        series: seriesKey,
        seriesLabel: seriesKey === "" ? "" : labels.breakdown(code, seriesKey),
        measure: indicator.measure,
        period,
        value,
        previous: prev,
        change: value !== null && prev !== null ? value - prev : null,
        changePct: value !== null && prev !== null && prev !== 0 ? Math.round(((value - prev) / prev) * 1000) / 10 : null,
        cumulative: indicator.cumulative,
        cumulativeToDate: indicator.cumulative ? running : null,
        baseline: indicator.baseline.value,
        target: indicator.target.value,
        targetPeriod: indicator.target.period,
        status: trendStatus(goalValue, semestersBetween(origin, requireSemester(period)), {
          baseline: indicator.baseline.value,
          baselineIndex: baseIndex,
          target: indicator.target.value,
          targetIndex: indicator.target.period ? semestersBetween(origin, requireSemester(indicator.target.period)) : null,
          direction: indicator.direction,
        }),
        comparable: p.comparable,
        suppressed: p.hidden,
      });
      previous = { period, value };
    }
  }
  return out;
}

/** The part of a breakdown key on dimensions that cannot be summed (e.g. "hourKind=GENDER_HOURS"). */
function overlappingPart(catalog: Catalog, breakdownKey: string): string {
  return breakdownKey
    .split(";")
    .filter((pair) => catalog.dimensions[pair.split("=")[0]!]?.additive === false)
    .join(";");
}
