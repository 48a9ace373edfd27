import type { TrendPoint } from "../../../../core/src/stats/ReportData";
import { formatNumber, numberKindFor } from "../format/formatValues";
import { groupBy, slug } from "../model/groupBy";
import { sortTrendPoints } from "../model/buildTrendsSection";
import type { ReportContext } from "../model/ReportContext";
import { REPORT_TEXT } from "../reportText";
import { buildPlot, linePaths } from "./chartGeometry";
import { html, type SafeHtml } from "./safeHtml";

const SIZE = { width: 300, height: 180 };
const MARGIN = { left: 26, right: 26, top: 26, bottom: 40 };

/**
 * Small multiples: one line chart per indicator (and per series of a non-additive one), all institutions
 * together, on a common run of semesters. A hidden or missing semester breaks the line and is marked where the
 * point would be («<k» or «—»); a target is a dashed line with its value. Each chart says the same in words
 * (<title>, <desc>), and the trend table below gives every figure.
 */
export function renderTrendCharts(ctx: ReportContext, suppressedText: string): SafeHtml {
  const lang = ctx.lang;
  const points = sortTrendPoints(ctx, ctx.data.trends);
  const periods = [...new Set(points.map((p) => p.period))].sort();
  const groups = [...groupBy(points, (p) => `${p.indicatorCode}|${p.series}`).values()];
  if (groups.length === 0) return html`<p class="note">${REPORT_TEXT.noRows[lang]}</p>`;
  return html`<h3>${REPORT_TEXT.trendChartsTitle[lang]}</h3>
<p class="note">${ctx.data.suppression.applied ? REPORT_TEXT.trendGapNote[lang].replace("<k", suppressedText) : REPORT_TEXT.trendGapNoteInternal[lang]}</p>
<div class="charts">
${groups.map((g, n) => trendChart(ctx, g, periods, `trend-${n}-${slug(g[0]!.indicatorCode)}`, suppressedText))}</div>`;
}

function trendChart(ctx: ReportContext, group: TrendPoint[], periods: string[], id: string, suppressedText: string): SafeHtml {
  const lang = ctx.lang;
  const T = REPORT_TEXT;
  const first = group[0]!;
  const byPeriod = new Map(group.map((p) => [p.period, p]));
  const fmt = (v: number) => formatNumber(v, numberKindFor(first.measure, v), lang);
  const target = group.find((p) => p.target !== null);
  const values = group.map((p) => p.value).filter((v): v is number => v !== null);
  const max = Math.max(0, ...values, target?.target ?? 0) * 1.15;
  const plot = buildPlot(SIZE, MARGIN, periods.length, max);
  const slots = periods.map((period, i) => ({ period, i, p: byPeriod.get(period) }));
  const coords = slots.map(({ i, p }) => (p && p.value !== null ? { x: plot.x(i), y: plot.y(p.value) } : null));
  const title = `${first.indicatorCode} · ${first.indicator}${first.series === "" ? "" : ` — ${first.seriesLabel}`}`;
  const said = slots
    .filter(({ p }) => p !== undefined)
    .map(({ period, p }) => `${period}: ${p!.value !== null ? fmt(p!.value) : p!.suppressed ? `${suppressedText} (${T.chartHiddenPoint[lang]})` : `— (${T.chartMissingPoint[lang]})`}`);
  const targetText = target && target.target !== null ? `${T.chartTarget[lang]} ${fmt(target.target)}${target.targetPeriod ? ` (${target.targetPeriod})` : ""}` : "";
  const desc = `${T.chartValuesBySemester[lang]}: ${said.join("; ")}.${targetText ? ` ${targetText}.` : ""}`;
  const rotate = periods.length > 5;
  return html`<figure><svg role="img" aria-labelledby="${id}-t ${id}-d" viewBox="0 0 ${SIZE.width} ${SIZE.height}" width="${SIZE.width}" height="${SIZE.height}">
<title id="${id}-t">${title}</title><desc id="${id}-d">${desc}</desc>
<line class="axis" x1="${plot.left}" y1="${plot.bottom}" x2="${plot.right}" y2="${plot.bottom}"/>
${target && target.target !== null ? html`<line class="target" x1="${plot.left}" y1="${plot.y(target.target)}" x2="${plot.right}" y2="${plot.y(target.target)}"/><text class="target-label" x="${plot.right}" y="${plot.y(target.target) - 3}" text-anchor="end">${targetText}</text>\n` : ""}${linePaths(coords).map((d) => html`<path class="line" d="${d}"/>`)}
${slots.map(({ period, i, p }) => {
  const x = plot.x(i);
  const label = rotate
    ? html`<text x="${x}" y="${plot.bottom + 12}" text-anchor="end" transform="rotate(-35 ${x} ${plot.bottom + 12})">${period}</text>`
    : html`<text x="${x}" y="${plot.bottom + 14}" text-anchor="middle">${period}</text>`;
  if (!p) return label;
  if (p.value !== null) return html`<circle class="point" cx="${x}" cy="${plot.y(p.value)}" r="3"/><text x="${x}" y="${plot.y(p.value) - 6}" text-anchor="middle">${fmt(p.value)}</text>${label}`;
  const mark = p.suppressed ? suppressedText : "—";
  return html`<circle class="gap" cx="${x}" cy="${plot.bottom}" r="4"/><text class="muted" x="${x}" y="${plot.bottom - 8}" text-anchor="middle">${mark}</text>${label}`;
})}
</svg><figcaption>${title}</figcaption></figure>
`;
}
