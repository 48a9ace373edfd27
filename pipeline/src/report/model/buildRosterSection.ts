import type { RosterStat } from "../../../../core/src/stats/ReportData";
import { CONSISTENCY_LABELS, REPORT_TEXT, SECTION_DESCRIPTIONS, SHEET_NAMES, suppressionLegend } from "../reportText";
import { groupBy } from "./groupBy";
import { indicatorRank, institutionRank, sortByKeys, type ReportContext } from "./ReportContext";
import { cells, type ReportCell, type ReportSection, type ReportTable } from "./ReportTable";

/** Rosters against reported numbers, and the people on the rosters by institution, category and sex. */
export function buildRosterSection(ctx: ReportContext): ReportSection {
  const { data, lang } = ctx;
  const T = REPORT_TEXT;
  const legend = [T.legendNone[lang]];
  if (data.suppression.applied) legend.unshift(...suppressionLegend(data.suppression, lang), T.rosterCountsHidden[lang]);
  return {
    key: "roster",
    sheetName: SHEET_NAMES.roster[lang],
    description: SECTION_DESCRIPTIONS.roster[lang],
    title: T.rosterTitle[lang],
    intro: T.rosterIntro[lang],
    legend,
    tables: [consistencyTable(ctx), peopleTable(ctx)],
  };
}

function consistencyTable(ctx: ReportContext): ReportTable {
  const { data, lang, labels } = ctx;
  const T = REPORT_TEXT;
  const breakdownLabel = new Map(data.indicators.map((s) => [`${s.indicatorCode}|${s.breakdownKey}`, s.breakdown]));
  const hidden = data.suppression.applied;
  const rows = sortByKeys(
    data.rosterConsistency.filter((r) => r.period === data.period),
    (r) => [indicatorRank(ctx, r.indicatorCode), r.indicatorCode, institutionRank(ctx, r.institution), r.institution, r.breakdownKey === "*" ? "" : r.breakdownKey],
  );
  return {
    id: "roster-consistency",
    title: T.rosterTitle[lang],
    header: [[T.colCode, T.colInstitution, T.colBreakdown, T.colReported, T.colListed, T.colResult].map((h) => ({ text: h[lang] }))],
    columns: [{ width: 10 }, { width: 30 }, { width: 30 }, { width: 11 }, { width: 11 }, { width: 14 }],
    rowHeaderColumns: 3,
    notes: hidden ? [T.rosterCountsHidden[lang]] : [],
    rows: rows.map((r) => {
      const status = CONSISTENCY_LABELS[r.status];
      const breakdown = r.breakdownKey === "*" ? T.total[lang] : (breakdownLabel.get(`${r.indicatorCode}|${r.breakdownKey}`) ?? r.breakdownKey);
      return {
        cells: [
          cells.text(r.indicatorCode),
          cells.text(labels.institution(r.institution)),
          cells.text(breakdown),
          cells.derived(r.reported, "count", hidden),
          cells.derived(r.listed, "count", hidden),
          cells.status(status.text[lang], status.tone),
        ],
      };
    }),
  };
}

function peopleTable(ctx: ReportContext): ReportTable {
  const { data, lang, labels } = ctx;
  const T = REPORT_TEXT;
  const inPeriod = data.roster.filter((r) => r.period === data.period);
  const groups = groupBy(inPeriod, (r) => `${r.indicatorCode}|${r.institution}|${r.category}`);
  const keys = sortByKeys([...groups.values()].map((g) => g[0]!), (r) => [
    indicatorRank(ctx, r.indicatorCode),
    r.indicatorCode,
    r.institution === "UNKNOWN" ? Number.MAX_SAFE_INTEGER : institutionRank(ctx, r.institution),
    r.institution,
    labels.order("category", r.category),
    r.category,
  ]);
  const bySex = (group: RosterStat[], sex: RosterStat["sex"]): ReportCell => {
    const r = group.find((x) => x.sex === sex);
    return r ? cells.count(r.people, r.suppressed) : cells.none;
  };
  return {
    id: "roster-people",
    title: T.rosterPeopleTitle[lang],
    intro: T.rosterPeopleIntro[lang],
    header: [[T.colCode, T.colIndicator, T.colPersonnelInstitution, T.colCategory, T.colWomen, T.colMen, T.colUnknownSex, T.colTotal].map((h) => ({ text: h[lang] }))],
    columns: [{ width: 10 }, { width: 40 }, { width: 30 }, { width: 30 }, { width: 10 }, { width: 10 }, { width: 11 }, { width: 10 }],
    rowHeaderColumns: 4,
    notes: [],
    rows: keys.map((first) => {
      const group = groups.get(`${first.indicatorCode}|${first.institution}|${first.category}`)!;
      const all = first.institution === "*";
      return {
        total: all,
        cells: [
          cells.text(first.indicatorCode),
          cells.text(first.indicator),
          cells.text(labels.institution(first.institution)),
          cells.text(labels.category(first.category)),
          bySex(group, "F"),
          bySex(group, "M"),
          bySex(group, "UNKNOWN"),
          bySex(group, "*"),
        ],
      };
    }),
  };
}
