import type { NumberKind } from "../format/formatValues";

/** How a status reads besides its words: green, yellow, red or plain. The words always come with it. */
export type Tone = "good" | "warn" | "bad" | "neutral";

/**
 * One cell of a summary, before it is drawn. The workbook and the web page draw the same cells, so both show the
 * same figures. A hidden count is "suppressed" (drawn «<k»); a figure worked out from hidden counts (a share, a
 * change) is "withheld" (drawn «hidden»); "none" is no figure at all (drawn «—»); "empty" is a cell that does not
 * apply (women and men of an indicator that does not count people).
 */
export type ReportCell =
  | { kind: "text"; text: string; indent?: number; strong?: boolean }
  | { kind: "number"; value: number; format: NumberKind }
  | { kind: "status"; text: string; tone: Tone }
  | { kind: "suppressed" }
  | { kind: "withheld" }
  | { kind: "none" }
  | { kind: "empty" };

export interface HeaderCell {
  text: string;
  colSpan?: number;
  rowSpan?: number;
}

export interface ColumnSpec {
  /** Width in Excel characters; the page lets the browser decide. */
  width: number;
}

export interface ReportRow {
  cells: ReportCell[];
  /** A total row (an indicator's own row, "all institutions") reads bold. */
  total?: boolean;
}

export interface ReportTable {
  /** Stable and unique in the pack: the page's anchors and captions use it. */
  id: string;
  title: string;
  intro?: string;
  /** Header rows, laid out as in HTML: a cell with rowSpan covers the rows below it. */
  header: HeaderCell[][];
  columns: ColumnSpec[];
  rows: ReportRow[];
  /** The first columns name the row (th scope="row"; frozen in the workbook). */
  rowHeaderColumns: number;
  notes: string[];
}

export type SectionChart = "trends" | "parity";

/** One sheet of the workbook and one section of the page. */
export interface ReportSection {
  key: string;
  sheetName: string;
  title: string;
  intro: string;
  /** One line for the table of contents. */
  description: string;
  tables: ReportTable[];
  /** Lines under the title: what the marks mean on this sheet, so it reads on its own. */
  legend: string[];
  chart?: SectionChart;
}

export const cells = {
  text(text: string, options: { indent?: number; strong?: boolean } = {}): ReportCell {
    return { kind: "text", text, ...options };
  },
  number(value: number, format: NumberKind): ReportCell {
    return { kind: "number", value, format };
  },
  /** A count of people: the number, or «<k» when hidden, or «—» when there is none. */
  count(value: number | null, suppressed: boolean, format: NumberKind = "count"): ReportCell {
    if (value !== null) return { kind: "number", value, format };
    return suppressed ? { kind: "suppressed" } : { kind: "none" };
  },
  /** A figure derived from counts (a share, a change): the number, «hidden» when its counts are hidden, or «—». */
  derived(value: number | null, format: NumberKind, suppressed: boolean): ReportCell {
    if (value !== null) return { kind: "number", value, format };
    return suppressed ? { kind: "withheld" } : { kind: "none" };
  },
  optional(value: number | null, format: NumberKind): ReportCell {
    return value === null ? { kind: "none" } : { kind: "number", value, format };
  },
  status(text: string, tone: Tone): ReportCell {
    return { kind: "status", text, tone };
  },
  none: { kind: "none" } as ReportCell,
  empty: { kind: "empty" } as ReportCell,
};

/** Compares codes where "*" (all) comes first. Plain code-unit order: the same on every machine. */
export function compareCodes(a: string, b: string): number {
  if (a === b) return 0;
  if (a === "*") return -1;
  if (b === "*") return 1;
  return a < b ? -1 : 1;
}
