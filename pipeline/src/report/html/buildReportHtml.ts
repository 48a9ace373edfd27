import { createHash } from "node:crypto";
import type { ReportModel } from "../model/buildReportModel";
import type { ReportSection } from "../model/ReportTable";
import { INTERNAL_MARK, REPORT_TEXT } from "../reportText";
import { REPORT_CSS } from "./reportCss";
import { renderParityCharts } from "./renderParityChart";
import { renderTable, type CellText } from "./renderTable";
import { renderTrendCharts } from "./renderTrendCharts";
import { html, SafeHtml } from "./safeHtml";

/**
 * The Committee's page: one self-contained HTML file (inline style, inline SVG, no script, nothing fetched), which
 * a Content-Security-Policy enforces: the browser may apply only this page's own style sheet (by hash) and load
 * nothing at all. The same sections as the workbook, with charts; printable a section per page.
 */
// The style sheet is this program's own constant, so it goes in as is (escaping would change it and its hash).
const STYLE = new SafeHtml(REPORT_CSS);

export function buildReportHtml(model: ReportModel): string {
  const { ctx, cover } = model;
  const lang = ctx.lang;
  const T = REPORT_TEXT;
  const text: CellText = { lang, suppressedText: model.suppressedText, withheldText: T.withheld[lang] };
  const styleHash = createHash("sha256").update(REPORT_CSS, "utf8").digest("base64");
  // Built from constants and a base64 hash only, so it needs no escaping (escaping would turn ' into &#39;).
  const csp = new SafeHtml(`default-src 'none'; style-src 'sha256-${styleHash}'; img-src 'none'; font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'`);
  const internal = model.internal
    ? html`<div class="internal" role="note"><strong>${INTERNAL_MARK}</strong><p>${T.internalExplanation[lang]}</p></div>`
    : "";
  const contextLine = model.contextLine;
  const page = html`<!DOCTYPE html>
<html lang="${T.htmlLang[lang]}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${model.internal ? `${INTERNAL_MARK} · ` : ""}${cover.title} — ${ctx.data.period}</title>
<style>${STYLE}</style>
</head>
<body>
${internal}
<header>
<h1>${cover.title}</h1>
<p class="subtitle">${cover.subtitle}</p>
<dl class="facts">${cover.facts.map((f) => html`<dt>${f.label}</dt><dd>${f.value}</dd>`)}</dl>
${cover.notices.map((n) => html`<p class="notice">${n}</p>`)}
</header>
<nav aria-labelledby="contents-title">
<h2 id="contents-title">${T.contents[lang]}</h2>
<ol>
<li><a href="#how-to-read">${T.howToRead[lang]}</a></li>
<li><a href="#sources">${T.sourcesTitle[lang]}</a></li>
${cover.contents.filter((c) => c.key !== "cover").map((c) => html`<li><a href="#${c.key}">${c.name.replace(/^[0-9]+\. /, "")}</a> — ${c.description}</li>\n`)}</ol>
</nav>
<section id="how-to-read" aria-labelledby="how-to-read-title">
${internal}
<h2 id="how-to-read-title">${T.howToRead[lang]}</h2>
<h3>${cover.suppressionTitle}</h3>
<p>${cover.suppressionText}</p>
<h3>${T.legendTitle[lang]}</h3>
<ul class="legend">${cover.legend.map((l) => html`<li>${l}</li>`)}</ul>
</section>
<section id="sources" aria-labelledby="sources-title">
${internal}
<h2 id="sources-title">${T.sourcesTitle[lang]}</h2>
<p class="context">${contextLine}</p>
${[cover.submissions, cover.excluded].map((t) =>
  t.rows.length === 0
    ? html`<h3>${t.title}</h3><p>${t.notes.join(" ")}</p>`
    : renderTable(t, text),
)}
</section>
${model.sections.map((s) => renderSection(model, s, text, internal, contextLine))}
<footer><p>${T.footer[lang]}</p></footer>
</body>
</html>
`;
  return page.value;
}

function renderSection(model: ReportModel, s: ReportSection, text: CellText, internal: SafeHtml | string, contextLine: string): SafeHtml {
  const lang = model.ctx.lang;
  const chart = s.chart === "trends" ? renderTrendCharts(model.ctx, model.suppressedText) : s.chart === "parity" ? renderParityCharts(model.ctx) : "";
  return html`<section id="${s.key}" aria-labelledby="${s.key}-title">
${internal}
<h2 id="${s.key}-title">${s.title}</h2>
<p class="context">${contextLine}</p>
<p>${s.intro}</p>
<ul class="legend">${s.legend.map((l) => html`<li>${l}</li>`)}</ul>
${chart}
${s.tables.map((t) => (t.rows.length === 0 ? html`<h3>${t.title}</h3><p class="note">${REPORT_TEXT.noRows[lang]}</p>` : renderTable(t, text)))}
</section>
`;
}
