import { neutraliseCsvText } from "../format/neutraliseText";
import type { TidyTable, TidyValue } from "./TidyTable";

export interface CsvOptions {
  /** Written as a "# …" first line (the internal copy's warning); readers skip it with comment="#". */
  comment?: string;
}

/**
 * RFC 4180 CSV in UTF-8 with a byte-order mark (so Excel reads the accents), CRLF line ends, a header of the
 * snake_case column names. NULL is an empty field; an empty text is "" (quoted), so the two stay apart. Text
 * starting like a formula (= + - @ tab CR LF) gets a leading apostrophe: CSV has no other way to say "text".
 */
export function buildCsv(table: TidyTable, options: CsvOptions = {}): string {
  const lines: string[] = [];
  if (options.comment !== undefined) lines.push(`# ${options.comment.replace(/[\r\n]+/g, " ")}`);
  lines.push(table.columns.map((c) => c.name).join(","));
  const text = table.columns.map((c) => c.type === "VARCHAR");
  for (const row of table.rows) lines.push(row.map((v, i) => field(v, text[i]!)).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

function field(v: TidyValue, isText: boolean): string {
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return String(v);
  const s = isText ? neutraliseCsvText(v) : v;
  return s === "" || /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}
