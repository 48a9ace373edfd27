import { REPORT_TEXT, SECTION_DESCRIPTIONS, SHEET_NAMES, suppressionLegend } from "../reportText";
import { institutionRank, sortByKeys, type ReportContext } from "./ReportContext";
import { cells, type ReportSection } from "./ReportTable";

/** Women's share of personnel by institution, category and rank (ranks keep the data's own order: seniority). */
export function buildPersonnelSection(ctx: ReportContext): ReportSection {
  const { data, lang, labels } = ctx;
  const T = REPORT_TEXT;
  const rows = sortByKeys(data.personnel, (p) => [institutionRank(ctx, p.institution), p.institution, labels.order("category", p.category), p.category, p.rank === "*" ? 0 : 1]);
  const asOf = [...new Set(data.personnel.map((p) => p.asOf))].sort();
  const legend = [T.legendNone[lang]];
  legend.unshift(...suppressionLegend(data.suppression, lang));
  return {
    key: "personnel",
    sheetName: SHEET_NAMES.personnel[lang],
    description: SECTION_DESCRIPTIONS.personnel[lang],
    title: T.personnelTitle[lang],
    intro: `${T.personnelIntro[lang]}${asOf.length > 0 ? ` ${T.personnelAsOf[lang]} ${asOf.join(", ")}.` : ""}`,
    legend,
    tables: [
      {
        id: "personnel",
        title: T.personnelTitle[lang],
        header: [[T.colInstitution, T.colCategory, T.colRank, T.colWomen, T.colMen, T.colTotal, T.colWomenShare].map((h) => ({ text: h[lang] }))],
        columns: [{ width: 30 }, { width: 30 }, { width: 26 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 10 }],
        rowHeaderColumns: 3,
        notes: [],
        rows: rows.map((p) => ({
          total: p.rank === "*",
          cells: [
            cells.text(labels.institution(p.institution)),
            cells.text(labels.category(p.category)),
            cells.text(p.rank === "*" ? T.all[lang] : p.rankLabel, { indent: p.rank === "*" ? 0 : 1 }),
            cells.count(p.women, p.suppressed),
            cells.count(p.men, p.suppressed),
            cells.count(p.total, p.suppressed),
            cells.derived(p.womenSharePct, "pct", p.suppressed),
          ],
        })),
      },
    ],
  };
}
