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
    (r) => html`<tr${r.total ? html` class="total"` : ""}>${r.cells.map((c, i) => renderCell(c, i < t.rowHeaderColumns, widthClass(t.columns[i]?.width ?? 0), text))}</tr>\n`,
  );
  return html`${t.intro ? html`<p>${t.intro}</p>\n` : ""}<div class="table-wrap"><table id="table-${t.id}"><caption>${t.title}</caption>
<thead>${header}</thead>
<tbody>
${body}</tbody></table></div>
${t.notes.map((n) => html`<p class="note">${n}</p>\n`)}`;
}

/**
 * The workbook's column widths, as classes (the policy allows no style attributes): a wide text column keeps a
 * readable width when a table has many columns, instead of wrapping a word per line.
 */
function widthClass(width: number): string {
  return width >= 40 ? "w-l" : width >= 22 ? "w-m" : width >= 14 ? "w-s" : "";
}

function renderCell(c: ReportCell, rowHeader: boolean, width: string, text: CellText): SafeHtml {
  const cell = (kind: string, content: string | SafeHtml) => {
    const cls = [kind, width].filter(Boolean).join(" ");
    const attr = cls ? html` class="${cls}"` : "";
    return rowHeader ? html`<th scope="row"${attr}>${content}</th>` : html`<td${attr}>${content}</td>`;
  };
  switch (c.kind) {
    case "text":
      return cell(c.indent ? "indent-1" : "", c.strong ? html`<strong>${c.text}</strong>` : c.text);
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
