import type { ParityStat } from "../../../../core/src/stats/ReportData";
import { formatMonth } from "../format/formatValues";
import { PARITY_LABELS, REPORT_TEXT, SECTION_DESCRIPTIONS, SHEET_NAMES, suppressionLegend } from "../reportText";
import { sortByKeys, type ReportContext } from "./ReportContext";
import { cells, type ReportSection } from "./ReportTable";

/** Category (plan order), mission, UN type, then the months in order and the semester row last. */
export function sortParity(ctx: ReportContext, rows: readonly ParityStat[]): ParityStat[] {
  const o = ctx.labels.order;
  return sortByKeys(rows, (p) => [
    o("parityCategory", p.parityCategory),
    p.parityCategory,
    p.mission === "*" ? "" : p.mission,
    o("unPersonnelType", p.unPersonnelType),
    p.unPersonnelType,
    p.month === "*" ? "~" : p.month,
  ]);
}

export function monthLabel(ctx: ReportContext, month: string): string {
  return month === "*" ? REPORT_TEXT.semesterRow[ctx.lang] : formatMonth(month, ctx.lang);
}

/** Participation 1.2: women's share of deployed personnel by month and for the semester, against the UN target. */
export function buildParitySection(ctx: ReportContext): ReportSection {
  const { data, lang, labels } = ctx;
  const T = REPORT_TEXT;
  const legend = [T.parityColoursNote[lang], T.legendColours[lang], T.legendNone[lang]];
  legend.unshift(...suppressionLegend(data.suppression, lang));
  return {
    key: "parity",
    sheetName: SHEET_NAMES.parity[lang],
    description: SECTION_DESCRIPTIONS.parity[lang],
    title: T.parityTitle[lang],
    intro: T.parityIntro[lang],
    legend,
    chart: "parity",
    tables: [
      {
        id: "parity",
        title: T.parityTitle[lang],
        header: [
          [
            T.colParityCategory,
            T.colMission,
            T.colUnPersonnelType,
            T.colMonth,
            T.colWomen,
            T.colMen,
            T.colTotal,
            T.colWomenShare,
            T.colTargetPct,
            T.colStatus,
            T.colUnShare,
            T.colPeruUnShare,
            T.colTargetSource,
          ].map((h) => ({ text: h[lang] })),
        ],
        columns: [{ width: 26 }, { width: 12 }, { width: 24 }, { width: 16 }, { width: 9 }, { width: 9 }, { width: 9 }, { width: 10 }, { width: 10 }, { width: 22 }, { width: 12 }, { width: 12 }, { width: 30 }],
        rowHeaderColumns: 4,
        notes: [],
        rows: sortParity(ctx, data.parity).map((p) => {
          const status = p.status === null ? null : PARITY_LABELS[p.status];
          return {
            total: p.month === "*",
            cells: [
              cells.text(labels.parityCategory(p.parityCategory)),
              cells.text(labels.mission(p.mission)),
              cells.text(labels.unPersonnelType(p.unPersonnelType)),
              cells.text(monthLabel(ctx, p.month), { strong: p.month === "*" }),
              cells.count(p.women, p.suppressed),
              cells.count(p.men, p.suppressed),
              cells.count(p.total, p.suppressed),
              cells.derived(p.womenSharePct, "pct", p.suppressed),
              cells.optional(p.targetPct, "pct"),
              status === null ? (p.suppressed ? { kind: "withheld" } : cells.none) : cells.status(status.text[lang], status.tone),
              cells.optional(p.unWomenSharePct, "pct"),
              cells.optional(p.peruUnWomenSharePct, "pct"),
              p.targetSource === null ? cells.none : cells.text(p.targetSource),
            ],
          };
        }),
      },
    ],
  };
}
