import type { Language } from "../../../../core/src/i18n/Language";
import type { ReportData } from "../../../../core/src/stats/ReportData";
import { buildCodeLabels, type CodeLabels } from "../format/buildCodeLabels";

export interface IndicatorInfo {
  code: string;
  text: string;
  measure: string;
  unit: string;
  area: string;
  /** Position in plan order. */
  order: number;
}

/** What every section builder needs besides the data: the language, labels for codes, the plan's order. */
export interface ReportContext {
  data: ReportData;
  lang: Language;
  labels: CodeLabels;
  indicators: Map<string, IndicatorInfo>;
  institutionOrder: Map<string, number>;
}

export function buildReportContext(data: ReportData): ReportContext {
  const indicators = new Map<string, IndicatorInfo>();
  for (const area of data.areas) {
    for (const i of area.indicators) indicators.set(i.code, { ...i, area: area.code, order: indicators.size });
  }
  return {
    data,
    lang: data.language,
    labels: buildCodeLabels(data),
    indicators,
    institutionOrder: new Map(data.institutions.map((i, n) => [i.code, n])),
  };
}

/** Plan order for indicators and the data's order for institutions ("*" first; unknown codes last, by code). */
export function indicatorRank(ctx: ReportContext, code: string): number {
  return ctx.indicators.get(code)?.order ?? Number.MAX_SAFE_INTEGER;
}

export function institutionRank(ctx: ReportContext, code: string): number {
  if (code === "*") return -1;
  return ctx.institutionOrder.get(code) ?? Number.MAX_SAFE_INTEGER;
}

/** Sorts by a list of keys (numbers compare as numbers, strings by code unit), stable for equal keys. */
export function sortByKeys<T>(rows: readonly T[], key: (row: T) => Array<number | string>): T[] {
  const keyed = rows.map((row, i) => ({ row, k: key(row), i }));
  keyed.sort((a, b) => {
    for (let j = 0; j < a.k.length; j++) {
      const x = a.k[j]!;
      const y = b.k[j]!;
      if (x === y) continue;
      return x < y ? -1 : 1;
    }
    return a.i - b.i;
  });
  return keyed.map((k) => k.row);
}
