import type { ReportData } from "../../../../core/src/stats/ReportData";
import { formatPeriod, formatTimestamp } from "../format/formatValues";
import { REPORT_TEXT } from "../reportText";
import { buildAreaSections } from "./buildAreaSections";
import { buildCompletenessSection } from "./buildCompletenessSection";
import { buildCover, type CoverModel } from "./buildCover";
import { buildDeliverablesSection } from "./buildDeliverablesSection";
import { buildParitySection } from "./buildParitySection";
import { buildPersonnelSection } from "./buildPersonnelSection";
import { buildRosterSection } from "./buildRosterSection";
import { buildTrendsSection } from "./buildTrendsSection";
import { buildReportContext, type ReportContext } from "./ReportContext";
import type { ReportSection } from "./ReportTable";

/** Everything the workbook and the page show, as drawable tables: both renderers draw this one model. */
export interface ReportModel {
  ctx: ReportContext;
  internal: boolean;
  /** Under every sheet's and section's title, so a printed page still says which semester and data it shows. */
  contextLine: string;
  /** The mark of a hidden count, e.g. "<5". */
  suppressedText: string;
  cover: CoverModel;
  sections: ReportSection[];
}

function buildContextLine(data: ReportData): string {
  const lang = data.language;
  const T = REPORT_TEXT;
  const asOf = data.dataAsOf === null ? T.noDataYet[lang] : formatTimestamp(data.dataAsOf);
  return `${T.period[lang]}: ${formatPeriod(data.period, lang)} · ${T.dataAsOf[lang]}: ${asOf} · ${T.catalogVersion[lang]}: ${data.catalogVersion}`;
}

export function buildReportModel(data: ReportData): ReportModel {
  const ctx = buildReportContext(data);
  const areas = buildAreaSections(ctx);
  const sections = [
    ...areas,
    buildDeliverablesSection(ctx),
    buildTrendsSection(ctx),
    buildParitySection(ctx),
    buildPersonnelSection(ctx),
    buildCompletenessSection(ctx),
    buildRosterSection(ctx),
  ];
  return {
    ctx,
    internal: !data.suppression.applied,
    contextLine: buildContextLine(data),
    suppressedText: `<${data.suppression.k}`,
    cover: buildCover(ctx, sections),
    sections,
  };
}
