import type { TrendPoint } from "../../../../core/src/stats/ReportData";
import { formatPeriod, numberKindFor } from "../format/formatValues";
import { REPORT_TEXT, SECTION_DESCRIPTIONS, SHEET_NAMES, TREND_LABELS, suppressionLegend } from "../reportText";
import { indicatorRank, sortByKeys, type ReportContext } from "./ReportContext";
import { cells, type ReportCell, type ReportSection } from "./ReportTable";

/** Trend points in plan order, then series, then semester: the order of the tables and of the small charts. */
export function sortTrendPoints(ctx: ReportContext, points: readonly TrendPoint[]): TrendPoint[] {
  return sortByKeys(points, (p) => [indicatorRank(ctx, p.indicatorCode), p.indicatorCode, p.series, p.period]);
}

/** Each indicator (all institutions together) semester by semester, with change, running total and target. */
export function buildTrendsSection(ctx: ReportContext): ReportSection {
  const { data, lang } = ctx;
  const T = REPORT_TEXT;
  const legend = [T.legendNone[lang], T.legendNotComparable[lang]];
  legend.unshift(...suppressionLegend(data.suppression, lang));
  return {
    key: "trends",
    sheetName: SHEET_NAMES.trends[lang],
    description: SECTION_DESCRIPTIONS.trends[lang],
    title: T.trendsTitle[lang],
    intro: T.trendsIntro[lang],
    legend,
    chart: "trends",
    tables: [
      {
        id: "trends",
        title: T.trendsTitle[lang],
        header: [
          [T.colCode, T.colIndicator, T.colSeries, T.colPeriod, T.colValue, T.colChange, T.colChangePct, T.colCumulativeToDate, T.colBaseline, T.colTarget, T.colTargetPeriod, T.colStatus].map(
            (h) => ({ text: h[lang] }),
          ),
        ],
        columns: [{ width: 10 }, { width: 40 }, { width: 24 }, { width: 22 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 12 }, { width: 10 }, { width: 10 }, { width: 12 }, { width: 16 }],
        rowHeaderColumns: 4,
        notes: [],
        rows: sortTrendPoints(ctx, data.trends).map((p) => {
          const kind = (v: number) => numberKindFor(p.measure, v);
          const num = (v: number | null): ReportCell => (v === null ? cells.none : cells.number(v, kind(v)));
          const status = TREND_LABELS[p.status];
          return {
            cells: [
              cells.text(p.indicatorCode),
              cells.text(p.indicator),
              cells.text(p.series === "" ? T.allSeries[lang] : p.seriesLabel),
              cells.text(`${formatPeriod(p.period, lang)}${p.comparable ? "" : " †"}`),
              cells.count(p.value, p.suppressed, p.value === null ? "count" : kind(p.value)),
              cells.derived(p.change, "change", p.suppressed),
              cells.derived(p.changePct, "change", p.suppressed),
              p.cumulative ? cells.derived(p.cumulativeToDate, p.cumulativeToDate === null ? "count" : kind(p.cumulativeToDate), p.suppressed) : cells.empty,
              num(p.baseline),
              num(p.target),
              p.targetPeriod === null ? cells.none : cells.text(p.targetPeriod),
              cells.status(status.text[lang], status.tone),
            ],
          };
        }),
      },
    ],
  };
}
