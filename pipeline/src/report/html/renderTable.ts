import type { Language } from "../../../../core/src/i18n/Language";
import { formatNumber } from "../format/formatValues";
import type { ReportCell, ReportTable } from "../model/ReportTable";
import { html, type SafeHtml } from "./safeHtml";

export interface CellText {
  lang: Language;
  suppressedText: string;
  withheldText: string;
}

/** A summary table with its caption, column and row headers (scope), and its notes under it. */
export function renderTable(t: ReportTable, text: CellText): SafeHtml {
  const header = t.header.map(
    (row, ri) =>
      html`<tr>${row.map((h) => {
        const scope = (h.colSpan ?? 1) > 1 ? "colgroup" : "col";
        return html`<th scope="${scope}"${h.colSpan && h.colSpan > 1 ? html` colspan="${h.colSpan}"` : ""}${h.rowSpan && h.rowSpan > 1 ? html` rowspan="${h.rowSpan}"` : ""}>${h.text}</th>`;
      })}</tr>${ri === t.header.length - 1 ? "" : "\n"}`,
  );
  const body = t.rows.map(
    (r) => html`<tr${r.total ? html` class="total"` : ""}>${r.cells.map((c, i) => renderCell(c, i < t.rowHeaderColumns, text))}</tr>\n`,
  );
  return html`${t.intro ? html`<p>${t.intro}</p>\n` : ""}<div class="table-wrap"><table id="table-${t.id}"><caption>${t.title}</caption>
<thead>${header}</thead>
<tbody>
${body}</tbody></table></div>
${t.notes.map((n) => html`<p class="note">${n}</p>\n`)}`;
}

function renderCell(c: ReportCell, rowHeader: boolean, text: CellText): SafeHtml {
  const cell = (cls: string, content: string | SafeHtml) =>
    rowHeader ? html`<th scope="row"${cls ? html` class="${cls}"` : ""}>${content}</th>` : html`<td${cls ? html` class="${cls}"` : ""}>${content}</td>`;
  switch (c.kind) {
    case "text":
      return cell([c.indent ? `indent-${Math.min(c.indent, 1)}` : ""].filter(Boolean).join(" "), c.strong ? html`<strong>${c.text}</strong>` : c.text);
    case "number":
      return cell("num", formatNumber(c.value, c.format, text.lang));
    case "status":
      return cell(`tone-${c.tone}`, c.text);
    case "suppressed":
      return cell("suppressed", text.suppressedText);
    case "withheld":
      return cell("suppressed", text.withheldText);
    case "none":
      return cell("none", "—");
    case "empty":
      return cell("", "");
  }
}
