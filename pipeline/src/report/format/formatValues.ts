import { parseSemester, semesterLabel } from "../../../../core/src/period/Semester";
import type { Language } from "../../../../core/src/i18n/Language";
import { MONTH_NAMES, REPORT_TEXT } from "../reportText";

/** How a number reads: whole counts, decimals (hours, values), percentages 0–100, or a signed change. */
export type NumberKind = "count" | "decimal" | "pct" | "change";

/** Peru writes 1,234.5 (es-PE); English readers get the same digits. */
const LOCALES: Record<Language, string> = { es: "es-PE", en: "en-GB" };

const FORMATS: Record<NumberKind, Intl.NumberFormatOptions> = {
  count: { maximumFractionDigits: 0 },
  decimal: { maximumFractionDigits: 2 },
  pct: { minimumFractionDigits: 1, maximumFractionDigits: 1 },
  change: { maximumFractionDigits: 2, signDisplay: "exceptZero" },
};

const formatters = new Map<string, Intl.NumberFormat>();

export function formatNumber(value: number, kind: NumberKind, language: Language): string {
  const key = `${language}:${kind}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALES[language], FORMATS[kind]);
    formatters.set(key, f);
  }
  return f.format(value);
}

/** Excel number formats for the same kinds (the brief of the pack: counts "0", percentages "0.0"). */
export const XLSX_NUMBER_FORMATS: Record<NumberKind, string> = {
  count: "0",
  decimal: "0.0#",
  pct: "0.0",
  change: "+0.0#;-0.0#;0",
};

const WHOLE_MEASURES = new Set(["people", "events", "documents", "count"]);

/** Counts of people, events, documents are whole; hours and other values may have decimals; percentages are shares. */
export function numberKindFor(measure: string, value: number): NumberKind {
  if (measure === "percentage") return "pct";
  return WHOLE_MEASURES.has(measure) && Number.isInteger(value) ? "count" : "decimal";
}

/** "2026-03" → "mar. 2026"; anything else is returned as it came. */
export function formatMonth(month: string, language: Language): string {
  const m = /^([0-9]{4})-([0-9]{2})$/.exec(month);
  const name = m ? MONTH_NAMES[language][Number(m[2]) - 1] : undefined;
  return m && name ? `${name} ${m[1]}` : month;
}

/** "2026-S1" → "1.er semestre 2026 (2026-S1)": the words for people, the code for matching files. */
export function formatPeriod(period: string, language: Language): string {
  const s = parseSemester(period);
  return s ? `${semesterLabel(s, language)} (${period})` : period;
}

/**
 * An ISO date-time; one without a zone (as DuckDB's TIMESTAMP prints) is UTC, which is how the database stores
 * times, never the local time of the machine writing the pack.
 */
export function parseIsoInstant(text: string): Date | undefined {
  const m = /^([0-9]{4}-[0-9]{2}-[0-9]{2})(?:[T ]([0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?))?(Z|[+-][0-9]{2}:?[0-9]{2})?$/.exec(text.trim());
  if (!m) return undefined;
  const d = new Date(`${m[1]}T${m[2] ?? "00:00"}${m[3] ?? "Z"}`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** ISO dates stay ISO (unambiguous in both languages); timestamps read "2026-07-15 10:30 UTC". */
export function formatTimestamp(iso: string): string {
  const d = parseIsoInstant(iso);
  if (!d) return iso;
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function formatYesNo(value: boolean, language: Language): string {
  return (value ? REPORT_TEXT.yes : REPORT_TEXT.no)[language];
}
