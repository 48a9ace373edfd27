import { formatPeriod, formatTimestamp, formatYesNo } from "../format/formatValues";
import { EXCLUSION_REASON_LABELS, REPORT_TEXT, SECTION_DESCRIPTIONS, SHEET_NAMES, suppressionLegend, suppressionRuleText } from "../reportText";
import { institutionRank, sortByKeys, type ReportContext } from "./ReportContext";
import { cells, type ReportSection, type ReportTable } from "./ReportTable";

export interface CoverModel {
  title: string;
  subtitle: string;
  facts: Array<{ label: string; value: string }>;
  notices: string[];
  suppressionTitle: string;
  suppressionText: string;
  legend: string[];
  contents: Array<{ key: string; name: string; description: string }>;
  submissions: ReportTable;
  excluded: ReportTable;
}

/** Enough of a file's SHA-256 to match it against a file at hand; the data files carry it whole. */
function shortHash(sha256: string): string {
  return sha256.length > 16 ? `${sha256.slice(0, 16)}…` : sha256;
}

/** The cover: what this pack is, its sources, how to read it, and what each sheet holds. */
export function buildCover(ctx: ReportContext, sections: readonly ReportSection[]): CoverModel {
  const { data, lang, labels } = ctx;
  const T = REPORT_TEXT;
  const k = data.suppression.k;
  const legend = [T.legendNone[lang], T.legendNotComparable[lang], T.legendColours[lang]];
  legend.unshift(...suppressionLegend(data.suppression, lang));
  const included = sortByKeys(data.submissions.included, (s) => [institutionRank(ctx, s.institution), s.institution, s.period, s.version, s.fileName]);
  const excluded = sortByKeys(data.submissions.excluded, (s) => [s.institution ?? "~", s.period ?? "", s.fileName, s.sha256]);
  return {
    title: T.packTitle[lang],
    subtitle: T.packSubtitle[lang],
    facts: [
      { label: T.period[lang], value: formatPeriod(data.period, lang) },
      { label: T.dataAsOf[lang], value: data.dataAsOf === null ? T.noDataYet[lang] : formatTimestamp(data.dataAsOf) },
      { label: T.generatedAt[lang], value: formatTimestamp(data.generatedAt) },
      { label: T.catalogVersion[lang], value: data.catalogVersion },
    ],
    notices: data.catalogWordingPending ? [T.wordingPending[lang]] : [],
    suppressionTitle: T.suppressionTitle[lang],
    suppressionText: data.suppression.applied ? suppressionRuleText(k, lang) : T.suppressionOff[lang],
    legend,
    contents: [
      { key: "cover", name: SHEET_NAMES.cover[lang], description: SECTION_DESCRIPTIONS.cover[lang] },
      ...sections.map((s) => ({ key: s.key, name: s.sheetName, description: s.description })),
    ],
    submissions: {
      id: "submissions",
      title: T.submissionsTitle[lang],
      intro: T.submissionsIntro[lang],
      header: [[T.colInstitution, T.colPeriod, T.colVersion, T.colFile, T.colReceived, T.colLate, T.colWarnings, T.colSha256].map((h) => ({ text: h[lang] }))],
      columns: [{ width: 30 }, { width: 22 }, { width: 9 }, { width: 34 }, { width: 20 }, { width: 12 }, { width: 13 }, { width: 20 }],
      rowHeaderColumns: 1,
      notes: included.length === 0 ? [T.noneReceived[lang]] : [],
      rows: included.map((s) => ({
        cells: [
          cells.text(labels.institution(s.institution)),
          cells.text(formatPeriod(s.period, lang)),
          cells.number(s.version, "count"),
          cells.text(s.fileName),
          cells.text(formatTimestamp(s.receivedAt)),
          s.late ? cells.status(formatYesNo(true, lang), "warn") : cells.text(formatYesNo(false, lang)),
          cells.number(s.warnings, "count"),
          cells.text(shortHash(s.sha256)),
        ],
      })),
    },
    excluded: {
      id: "excluded",
      title: T.excludedTitle[lang],
      intro: T.excludedIntro[lang],
      header: [[T.colFile, T.colInstitution, T.colPeriod, T.colReason, T.colDetail, T.colSha256].map((h) => ({ text: h[lang] }))],
      columns: [{ width: 34 }, { width: 30 }, { width: 22 }, { width: 30 }, { width: 40 }, { width: 20 }],
      rowHeaderColumns: 1,
      notes: excluded.length === 0 ? [T.noneReceived[lang]] : [],
      rows: excluded.map((s) => ({
        cells: [
          cells.text(s.fileName),
          s.institution === null ? cells.none : cells.text(labels.institution(s.institution)),
          s.period === null ? cells.none : cells.text(formatPeriod(s.period, lang)),
          cells.status(EXCLUSION_REASON_LABELS[s.reason][lang], s.reason === "refused" ? "bad" : "neutral"),
          cells.text(s.detail),
          cells.text(shortHash(s.sha256)),
        ],
      })),
    },
  };
}
