import { APPROVED_STATUSES, type DeliverableStatus } from "../../../../core/src/layout/deliverableStatus";
import type { DeliverableStat, IndicatorStat, ReportData } from "../../../../core/src/stats/ReportData";
import { numberKindFor } from "../format/formatValues";
import { REPORT_TEXT, SECTION_DESCRIPTIONS, areaSheetTitle, suppressionLegend } from "../reportText";
import { groupBy, slug } from "./groupBy";
import type { ReportContext } from "./ReportContext";
import { cells, type HeaderCell, type ReportCell, type ReportRow, type ReportSection, type ReportTable } from "./ReportTable";


/**
 * One pivot per area of the plan: a row per indicator (its total) and per breakdown, a column group per
 * institution and one for all institutions. People are shown as women | men | total; other measures in the
 * "total / value" column; deliverables by their status.
 */
export function buildAreaSections(ctx: ReportContext): ReportSection[] {
  const { data, lang } = ctx;
  const columns = [...data.institutions.map((i) => i.code), "*"];
  const byIndicator = groupBy(data.indicators.filter((s) => s.period === data.period), (s) => s.indicatorCode);
  const deliverables = groupBy(data.deliverables.filter((d) => d.period === data.period), (d) => d.indicatorCode);
  return data.areas.map((area, n) => {
    const rows: ReportRow[] = [];
    for (const ind of area.indicators) {
      if (ind.measure === "status") rows.push(deliverableRow(ind, columns, deliverables.get(ind.code) ?? []));
      else rows.push(...indicatorRows(ind, columns, byIndicator.get(ind.code) ?? []));
    }
    const header: HeaderCell[][] = [
      [
        { text: REPORT_TEXT.colCode[lang], rowSpan: 2 },
        { text: REPORT_TEXT.colIndicatorBreakdown[lang], rowSpan: 2 },
        ...columns.map((c) => ({ text: c === "*" ? REPORT_TEXT.allInstitutions[lang] : c, colSpan: 3 })),
      ],
      columns.flatMap(() => [{ text: REPORT_TEXT.colWomen[lang] }, { text: REPORT_TEXT.colMen[lang] }, { text: REPORT_TEXT.colTotalValue[lang] }]),
    ];
    const table: ReportTable = {
      id: `area-${slug(area.code)}`,
      title: areaSheetTitle(area.name, lang),
      header,
      columns: [{ width: 10 }, { width: 46 }, ...columns.flatMap(() => [{ width: 9 }, { width: 9 }, { width: 12 }])],
      rows,
      rowHeaderColumns: 2,
      notes: [`${REPORT_TEXT.areaInstitutionsNote[lang]}: ${data.institutions.map((i) => `${i.code} = ${i.name}`).join("; ")}.`],
    };
    return {
      key: `area-${slug(area.code)}`,
      sheetName: `${n + 1}. ${area.name}`,
      title: areaSheetTitle(area.name, lang),
      intro: REPORT_TEXT.areaIntro[lang],
      description: `${SECTION_DESCRIPTIONS.area[lang]}: ${area.name}.`,
      tables: [table],
      legend: areaLegend(data),
    };
  });
}

function areaLegend(data: ReportData): string[] {
  const lang = data.language;
  const lines = [REPORT_TEXT.legendNone[lang], REPORT_TEXT.legendNotComparable[lang]];
  lines.unshift(...suppressionLegend(data.suppression, lang));
  return lines;
}

function indicatorRows(ind: ReportData["areas"][number]["indicators"][number], columns: string[], stats: IndicatorStat[]): ReportRow[] {
  const people = ind.measure === "people";
  const byKey = groupBy(stats, (s) => s.breakdownKey);
  const keys = ["*", ...[...byKey.keys()].filter((k) => k !== "*")];
  // An indicator whose breakdowns overlap (gender hours within total hours) has no total: its first row is a heading.
  const noTotal = keys.length > 1 && !stats.some((s) => s.breakdownKey === "*");
  const at = new Map(stats.map((s) => [`${s.institution}|${s.breakdownKey}|${s.sex ?? "*"}`, s]));
  return keys.map((key) => {
    const inRow = byKey.get(key) ?? [];
    const comparable = inRow.every((s) => s.comparable);
    const label = key === "*" ? `${ind.text} (${ind.unit})` : (inRow[0]?.breakdown ?? key);
    const values: ReportCell[] = columns.flatMap((inst) => {
      const cell = (sex: string): ReportCell => {
        if (noTotal && key === "*") return cells.empty;
        const s = at.get(`${inst}|${key}|${sex}`);
        if (!s) return cells.none;
        return cells.count(s.value, s.suppressed, s.value === null ? "count" : numberKindFor(s.measure, s.value));
      };
      return people ? [cell("F"), cell("M"), cell("*")] : [cells.empty, cells.empty, cell("*")];
    });
    return {
      total: key === "*",
      cells: [cells.text(ind.code), cells.text(`${label}${comparable ? "" : " †"}`, { indent: key === "*" ? 0 : 1, strong: key === "*" }), ...values],
    };
  });
}

function deliverableRow(ind: ReportData["areas"][number]["indicators"][number], columns: string[], list: DeliverableStat[]): ReportRow {
  const byInstitution = new Map(list.map((d) => [d.institution, d]));
  const values = columns.flatMap((inst): ReportCell[] => {
    if (inst === "*") return [cells.empty, cells.empty, cells.empty];
    const d = byInstitution.get(inst);
    if (!d) return [cells.empty, cells.empty, cells.none];
    return [cells.empty, cells.empty, cells.status(d.statusLabel, APPROVED_STATUSES.has(d.status as DeliverableStatus) ? "good" : "neutral")];
  });
  return { total: true, cells: [cells.text(ind.code), cells.text(`${ind.text} (${ind.unit})`, { strong: true }), ...values] };
}
