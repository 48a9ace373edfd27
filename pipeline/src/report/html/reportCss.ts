/**
 * The page's only style sheet (inline; the Content-Security-Policy admits it by its hash and nothing else). Print
 * gets A4 landscape, a page per section, repeated table headers and rows kept whole.
 */
export const REPORT_CSS = `
:root { color-scheme: light; }
body { font-family: "Segoe UI", "Liberation Sans", Arial, sans-serif; font-size: 14px; color: #1a1a1a; margin: 0 auto; padding: 1rem 1.5rem; max-width: 1400px; }
h1 { font-size: 1.6rem; color: #1f3864; margin: 0.2rem 0; }
h2 { font-size: 1.3rem; color: #1f3864; border-bottom: 2px solid #1f3864; padding-bottom: 0.2rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; color: #1f3864; margin: 1.2rem 0 0.4rem; }
.subtitle, .context { color: #404040; }
.internal { background: #c00000; color: #fff; font-weight: bold; padding: 0.6rem 1rem; margin: 0.5rem 0; border: 3px solid #7a0000; }
.internal p { margin: 0.2rem 0 0; font-weight: normal; }
.notice { border-left: 4px solid #c00000; padding: 0.3rem 0.6rem; background: #fff3f3; }
dl.facts { display: grid; grid-template-columns: max-content auto; gap: 0.2rem 1rem; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
ul.legend { font-size: 0.9rem; color: #404040; padding-left: 1.2rem; }
.table-wrap { overflow-x: auto; margin: 0.5rem 0 1rem; }
table { border-collapse: collapse; font-size: 0.85rem; }
caption { text-align: left; font-weight: bold; color: #1f3864; padding: 0.3rem 0; }
th, td { border: 1px solid #bfbfbf; padding: 0.2rem 0.4rem; vertical-align: top; }
thead th { background: #d9e1f2; text-align: center; vertical-align: middle; }
tbody th { text-align: left; font-weight: normal; }
tbody th:first-child { white-space: nowrap; }
tr.total th, tr.total td { font-weight: bold; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.indent-1 { padding-left: 1.4rem; }
.w-l { min-width: 16rem; }
.w-m { min-width: 9rem; }
.w-s { min-width: 6rem; }
td.suppressed { background: #ede7f6; color: #5b3f8c; font-style: italic; text-align: right; }
td.none { color: #808080; text-align: center; }
.tone-good { background: #c6efce; color: #006100; }
.tone-warn { background: #ffeb9c; color: #9c5700; }
.tone-bad { background: #ffc7ce; color: #9c0006; }
p.note { font-size: 0.85rem; color: #404040; }
.charts { display: flex; flex-wrap: wrap; gap: 0.8rem; }
figure { margin: 0; border: 1px solid #d0d0d0; padding: 0.3rem; width: min-content; break-inside: avoid; }
figcaption { font-size: 0.8rem; }
svg text { font-family: inherit; font-size: 10px; fill: #1a1a1a; }
svg .axis { stroke: #808080; stroke-width: 1; }
svg .line { fill: none; stroke: #1f3864; stroke-width: 2; }
svg .point { fill: #1f3864; }
svg .gap { fill: #fff; stroke: #5b3f8c; stroke-width: 1.5; stroke-dasharray: 2 2; }
svg .target { stroke: #7a0000; stroke-width: 1.5; stroke-dasharray: 6 3; fill: none; }
svg .target-label { fill: #7a0000; }
svg .muted { fill: #5b3f8c; font-style: italic; }
svg .st-green { fill: #2e7d32; }
svg .st-yellow { fill: #f9a825; stroke: #6d4c00; }
svg .st-red { fill: #c62828; }
svg .st-no-target { fill: #757575; }
nav ol { columns: 2; }
footer { margin-top: 2rem; font-size: 0.8rem; color: #606060; }
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  section { break-before: page; }
  h2, h3, caption { break-after: avoid; }
  tr, figure { break-inside: avoid; }
  thead { display: table-header-group; }
  .table-wrap { overflow: visible; }
  table { font-size: 7.5pt; }
  nav { break-after: page; }
  a { color: inherit; text-decoration: none; }
}
`;
