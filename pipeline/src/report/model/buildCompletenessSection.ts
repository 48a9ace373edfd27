import type { CompletenessCell } from "../../../../core/src/stats/ReportData";
import { COMPLETENESS_LABELS, REPORT_TEXT, SECTION_DESCRIPTIONS, SHEET_NAMES } from "../reportText";
import { indicatorRank, institutionRank, sortByKeys, type ReportContext } from "./ReportContext";
import { cells, type ReportCell, type ReportSection } from "./ReportTable";

type Mark = keyof typeof COMPLETENESS_LABELS;

export function completenessMark(c: CompletenessCell): Mark {
  return c.expected ? c.status : "not-expected";
}

/** Institutions × indicators for the semester, one short mark per cell, and the legend of the marks. */
export function buildCompletenessSection(ctx: ReportContext): ReportSection {
  const { data, lang, labels } = ctx;
  const T = REPORT_TEXT;
  const inPeriod = data.completeness.filter((c) => c.period === data.period);
  const institutions = sortByKeys([...new Set(inPeriod.map((c) => c.institution))], (i) => [institutionRank(ctx, i), i]);
  const indicators = sortByKeys([...new Set(inPeriod.map((c) => c.indicatorCode))], (i) => [indicatorRank(ctx, i), i]);
  const at = new Map(inPeriod.map((c) => [`${c.institution}|${c.indicatorCode}`, c]));
  const legendLines = (Object.keys(COMPLETENESS_LABELS) as Mark[]).map((m) => `«${COMPLETENESS_LABELS[m].mark[lang]}»: ${COMPLETENESS_LABELS[m].meaning[lang]}`);
  return {
    key: "completeness",
    sheetName: SHEET_NAMES.completeness[lang],
    description: SECTION_DESCRIPTIONS.completeness[lang],
    title: T.completenessTitle[lang],
    intro: T.completenessIntro[lang],
    legend: [...legendLines, T.legendColours[lang]],
    tables: [
      {
        id: "completeness",
        title: T.completenessTitle[lang],
        header: [[{ text: T.colInstitution[lang] }, { text: T.deadline[lang] }, ...indicators.map((i) => ({ text: i }))]],
        columns: [{ width: 30 }, { width: 12 }, ...indicators.map(() => ({ width: 8 }))],
        rowHeaderColumns: 2,
        notes: [`${T.legendTitle[lang]}: ${legendLines.join("; ")}.`],
        rows: institutions.map((inst) => {
          const deadlines = [...new Set(inPeriod.filter((c) => c.institution === inst).map((c) => c.deadline))].sort();
          return {
            cells: [
              cells.text(labels.institution(inst)),
              cells.text(deadlines.join(", ")),
              ...indicators.map((code): ReportCell => {
                const c = at.get(`${inst}|${code}`);
                // No cell: the institution is not responsible for the indicator.
                const mark = COMPLETENESS_LABELS[c ? completenessMark(c) : "not-expected"];
                return cells.status(mark.mark[lang], mark.tone);
              }),
            ],
          };
        }),
      },
    ],
  };
}
