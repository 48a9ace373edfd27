import { APPROVED_STATUSES, type DeliverableStatus } from "../../../../core/src/layout/deliverableStatus";
import { REPORT_TEXT, SECTION_DESCRIPTIONS, SHEET_NAMES } from "../reportText";
import { indicatorRank, institutionRank, sortByKeys, type ReportContext } from "./ReportContext";
import { cells, type ReportSection } from "./ReportTable";


/** Directives, regulations and structures: their status, progress, approval date and reference, by institution. */
export function buildDeliverablesSection(ctx: ReportContext): ReportSection {
  const { data, lang } = ctx;
  const T = REPORT_TEXT;
  const list = sortByKeys(
    data.deliverables.filter((d) => d.period === data.period),
    (d) => [indicatorRank(ctx, d.indicatorCode), d.indicatorCode, institutionRank(ctx, d.institution), d.institution],
  );
  return {
    key: "deliverables",
    sheetName: SHEET_NAMES.deliverables[lang],
    description: SECTION_DESCRIPTIONS.deliverables[lang],
    title: T.deliverablesTitle[lang],
    intro: T.deliverablesIntro[lang],
    legend: [T.legendNone[lang]],
    tables: [
      {
        id: "deliverables",
        title: T.deliverablesTitle[lang],
        header: [[T.colCode, T.colIndicator, T.colInstitution, T.colStatus, T.colProgress, T.colApprovalDate, T.colReference].map((h) => ({ text: h[lang] }))],
        columns: [{ width: 10 }, { width: 46 }, { width: 30 }, { width: 18 }, { width: 10 }, { width: 14 }, { width: 30 }],
        rowHeaderColumns: 3,
        notes: [],
        rows: list.map((d) => ({
          cells: [
            cells.text(d.indicatorCode),
            cells.text(d.indicator),
            cells.text(ctx.labels.institution(d.institution)),
            cells.status(d.statusLabel, APPROVED_STATUSES.has(d.status as DeliverableStatus) ? "good" : "neutral"),
            cells.optional(d.progress, "decimal"),
            d.approvalDate === null ? cells.none : cells.text(d.approvalDate),
            d.reference === null ? cells.none : cells.text(d.reference),
          ],
        })),
      },
    ],
  };
}
