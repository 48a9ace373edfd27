import type { ParityStat } from "../../../../core/src/stats/ReportData";
import { formatNumber } from "../format/formatValues";
import { groupBy, slug } from "../model/groupBy";
import { monthLabel, sortParity } from "../model/buildParitySection";
import type { ReportContext } from "../model/ReportContext";
import { PARITY_SHORT_LABELS, REPORT_TEXT } from "../reportText";
import { buildPlot, linePaths } from "./chartGeometry";
import { html, type SafeHtml } from "./safeHtml";

const SIZE = { width: 640, height: 250 };
const MARGIN = { left: 36, right: 36, top: 24, bottom: 56 };

/**
 * Women's share of deployed personnel month by month for each UN parity category (all missions and types), with
 * the UN's target for each month's year as a dashed step line. Each point carries its share and, under the
 * month, its colour's name: the colour is never the only cue. A month without a target says so.
 */
export function renderParityCharts(ctx: ReportContext): SafeHtml {
  const lang = ctx.lang;
  const rows = sortParity(
    ctx,
    // Targets exist per UN category only: neither all categories together nor personnel of no known category.
    ctx.data.parity.filter((p) => p.mission === "*" && p.unPersonnelType === "*" && p.month !== "*" && p.parityCategory !== "*" && p.parityCategory !== "UNKNOWN"),
  );
  const groups = [...groupBy(rows, (p) => p.parityCategory).values()];
  if (groups.length === 0) return html`<p class="note">${REPORT_TEXT.noRows[lang]}</p>`;
  return html`<h3>${REPORT_TEXT.parityChartTitle[lang]}</h3>
<div class="charts">
${groups.map((g) => parityChart(ctx, g))}</div>`;
}

function parityChart(ctx: ReportContext, rows: ParityStat[]): SafeHtml {
  const lang = ctx.lang;
  const T = REPORT_TEXT;
  const pct = (v: number) => `${formatNumber(v, "pct", lang)} %`;
  const category = ctx.labels.parityCategory(rows[0]!.parityCategory);
  const id = `parity-${slug(rows[0]!.parityCategory)}`;
  const max = Math.max(5, ...rows.map((r) => r.womenSharePct ?? 0), ...rows.map((r) => r.targetPct ?? 0)) * 1.2;
  const plot = buildPlot(SIZE, MARGIN, rows.length, max);
  const half = rows.length > 1 ? (plot.x(1) - plot.x(0)) / 2 : (plot.right - plot.left) / 2;
  // A month's target spans its slot (a step line); the first and last stop at the chart's edge.
  const from = (i: number) => Math.max(2, plot.x(i) - half);
  const to = (i: number) => Math.min(SIZE.width - 2, plot.x(i) + half);
  const coords = rows.map((r, i) => (r.womenSharePct !== null ? { x: plot.x(i), y: plot.y(r.womenSharePct) } : null));
  const statusWord = (r: ParityStat) => (r.status !== null ? PARITY_SHORT_LABELS[r.status][lang] : r.suppressed ? T.withheld[lang] : "—");
  const said = rows.map((r) => {
    const share = r.womenSharePct !== null ? pct(r.womenSharePct) : r.suppressed ? T.withheld[lang] : "—";
    const target = r.targetPct !== null ? `${T.chartTarget[lang]} ${pct(r.targetPct)}` : PARITY_SHORT_LABELS["no-target"][lang];
    return `${monthLabel(ctx, r.month)}: ${share}, ${target}${r.targetPct !== null ? `, ${statusWord(r)}` : ""}`;
  });
  const title = `${T.parityChartTitle[lang]}: ${category}`;
  return html`<figure><svg role="img" aria-labelledby="${id}-t ${id}-d" viewBox="0 0 ${SIZE.width} ${SIZE.height}" width="${SIZE.width}" height="${SIZE.height}">
<title id="${id}-t">${title}</title><desc id="${id}-d">${T.chartSharesByMonth[lang]}: ${said.join("; ")}.</desc>
<line class="axis" x1="${plot.left}" y1="${plot.bottom}" x2="${plot.right}" y2="${plot.bottom}"/>
${rows.map((r, i) =>
  r.targetPct === null
    ? ""
    : html`<line class="target" x1="${from(i)}" y1="${plot.y(r.targetPct)}" x2="${to(i)}" y2="${plot.y(r.targetPct)}"/>${
        i === rows.length - 1 || rows[i + 1]!.targetPct !== r.targetPct
          ? html`<text class="target-label" x="${to(i)}" y="${plot.y(r.targetPct) + 12}" text-anchor="end">${T.chartTarget[lang]} ${pct(r.targetPct)}</text>`
          : ""
      }`,
)}
${linePaths(coords).map((d) => html`<path class="line" d="${d}"/>`)}
${rows.map((r, i) => {
  const x = plot.x(i);
  const labels = html`<text x="${x}" y="${plot.bottom + 14}" text-anchor="middle">${monthLabel(ctx, r.month)}</text><text x="${x}" y="${plot.bottom + 28}" text-anchor="middle">${statusWord(r)}</text>`;
  if (r.womenSharePct === null) {
    return html`<circle class="gap" cx="${x}" cy="${plot.bottom}" r="5"/><text class="muted" x="${x}" y="${plot.bottom - 9}" text-anchor="middle">${r.suppressed ? T.withheld[lang] : "—"}</text>${labels}`;
  }
  const y = plot.y(r.womenSharePct);
  return html`<circle class="st-${r.status ?? "no-target"}" cx="${x}" cy="${y}" r="5"/><text x="${x}" y="${y - 9}" text-anchor="middle">${pct(r.womenSharePct)}</text>${labels}`;
})}
</svg><figcaption>${title}</figcaption></figure>
`;
}
