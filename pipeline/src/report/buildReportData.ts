import { builtInCatalogs, currentCatalog } from "../../../core/src/catalog/builtInCatalogs";
import type { Catalog } from "../../../core/src/catalog/Catalog";
import { reportingInstitutions } from "../../../core/src/catalog/catalogQueries";
import type { Language } from "../../../core/src/i18n/Language";
import { compareSemesters, formatSemester, reportingDeadline, requireSemester, semesterBounds, semesterRange } from "../../../core/src/period/Semester";
import type { ExcludedSubmission, IncludedSubmission, ReportData, TrendPoint } from "../../../core/src/stats/ReportData";
import type { Database } from "../db/Database";
import { readDeployedCounts, readParityTargets, readUnShares } from "../db/stats/readParityAggregates";
import { readDeliverables, readIndicatorAggregates } from "../db/stats/readIndicatorAggregates";
import { readPersonnelCounts } from "../db/stats/readPersonnelAggregates";
import { readRosterAggregates, readRosterListed } from "../db/stats/readRosterAggregates";
import { readDataAsOf, readRefusedFacts, readReportedIndicators, readSubmissionFacts } from "../db/stats/readSubmissionFacts";
import { createStatsHelperTables } from "../db/stats/statsTables";
import { maskDigitRuns } from "../../../core/src/validation/cellValues";
import { CatalogLabels } from "./data/catalogLabels";
import { buildCompleteness } from "./data/buildCompleteness";
import { buildIndicatorStats } from "./data/buildIndicatorStats";
import { buildParityStats } from "./data/buildParityStats";
import { buildPersonnelStats } from "./data/buildPersonnelStats";
import { buildRosterConsistency, buildRosterStats } from "./data/buildRosterStats";
import { buildTrends } from "./data/buildTrends";
import { DELIVERABLE_STATUS_LABELS, type DeliverableStatus } from "../../../core/src/layout/deliverableStatus";

export interface ReportOptions {
  period: string;
  language: Language;
  /** Small-cell threshold: counts of 1 to k−1 people are hidden. */
  k: number;
  /** False only for the Committee's internal working copy. */
  suppression: boolean;
  /** Days after a semester's end before a report counts as late. */
  deadlineDays: number;
  now: Date;
  catalogs?: readonly Catalog[];
}

/**
 * Computes the Committee pack's content for one semester: SQL in DuckDB for every aggregate, then small-cell
 * suppression, then labels. Reads only; the writers render the result.
 */
export async function buildReportData(db: Database, options: ReportOptions): Promise<ReportData> {
  const catalogs = options.catalogs ?? builtInCatalogs();
  const current = catalogs === builtInCatalogs() ? currentCatalog() : [...catalogs].pop()!;
  const labels = new CatalogLabels(current, catalogs, options.language);
  const suppression = { applied: options.suppression, k: options.k };
  const period = formatSemester(requireSemester(options.period));
  const bounds = semesterBounds(requireSemester(period));
  await createStatsHelperTables(db, catalogs, current);

  const aggregates = await readIndicatorAggregates(db);
  const allStats = buildIndicatorStats(aggregates, labels, current, suppression);
  const submissionFacts = await readSubmissionFacts(db);
  const refused = await readRefusedFacts(db);
  const firstPeriod = [period, ...submissionFacts.map((s) => s.period)].sort((a, b) => compareSemesters(requireSemester(a), requireSemester(b)))[0]!;

  const rosterRows = await readRosterAggregates(db);
  const roster = buildRosterStats(rosterRows.filter((r) => r.period === period), labels, suppression);
  const consistency = buildRosterConsistency(aggregates.filter((r) => r.period === period), (await readRosterListed(db)).filter((r) => r.period === period), current, suppression.applied);

  const targets = await readParityTargets(db);
  const parity = buildParityStats(period, await readDeployedCounts(db, bounds), await readUnShares(db, bounds), targets, current, suppression);
  const personnelCounts = await readPersonnelCounts(db);
  const personnel = personnelCounts.asOf ? buildPersonnelStats(personnelCounts.asOf, personnelCounts.rows, labels, suppression) : [];

  const trends: TrendPoint[] = [...buildTrends(allStats, labels, current, period), ...(await buildParityTrend(db, firstPeriod, period, targets, current, labels, suppression))];
  const completeness = buildCompleteness(catalogs, firstPeriod, period, options.deadlineDays, submissionFacts, refused, await readReportedIndicators(db));

  const deadline = reportingDeadline(requireSemester(period), options.deadlineDays);
  const included: IncludedSubmission[] = submissionFacts
    .filter((s) => s.period === period && s.status === "current")
    .map((s) => ({
      institution: s.institution,
      period: s.period,
      version: s.version,
      fileName: maskDigitRuns(s.file_name),
      sha256: s.sha256,
      receivedAt: s.received_at,
      late: s.first_received_at.slice(0, 10) > deadline,
      warnings: s.warning_count,
    }));
  const excluded: ExcludedSubmission[] = [
    ...submissionFacts
      .filter((s) => s.period === period && s.status === "superseded")
      .map((s) => ({
        institution: s.institution,
        period: s.period,
        fileName: maskDigitRuns(s.file_name),
        sha256: s.sha256,
        reason: "superseded" as const,
        detail: options.language === "es" ? `versión ${s.version}, reemplazada por una posterior` : `version ${s.version}, replaced by a later one`,
      })),
    ...refused
      .filter((r) => r.period === period || (r.period === null && r.recorded_at.slice(0, 10) >= bounds.start))
      .map((r) => ({
        institution: r.institution,
        period: r.period,
        fileName: maskDigitRuns(r.file_name),
        sha256: r.sha256,
        reason: "refused" as const,
        detail: maskDigitRuns(`${r.reason_code ?? ""}${(options.language === "es" ? r.message_es : r.message_en) ? `: ${options.language === "es" ? r.message_es : r.message_en}` : ""}`),
      })),
  ];

  return {
    period,
    language: options.language,
    generatedAt: options.now.toISOString(),
    dataAsOf: await readDataAsOf(db),
    catalogVersion: current.version,
    catalogWordingPending: current.wording.status === "awaiting-official",
    suppression,
    submissions: { included, excluded },
    indicators: allStats.filter((s) => s.period === period),
    deliverables: (await readDeliverables(db))
      .filter((d) => d.period === period)
      .map((d) => ({
        period: d.period,
        indicatorCode: d.indicator_code,
        indicator: labels.indicatorText(d.indicator_code),
        institution: d.institution,
        status: d.status,
        statusLabel: DELIVERABLE_STATUS_LABELS[d.status as DeliverableStatus]?.[options.language] ?? d.status,
        progress: d.progress,
        approvalDate: d.approval_date,
        // Free text typed by staff: published escaped, with anything that looks like a service number masked.
        reference: d.reference === null ? null : maskDigitRuns(d.reference),
      })),
    roster,
    rosterConsistency: consistency,
    parity,
    personnel,
    trends,
    completeness,
    areas: current.areas.map((a) => ({
      code: a.code,
      name: a.name[options.language],
      indicators: a.objectives.flatMap((o) => o.actions.flatMap((ac) => ac.indicators)).map((i) => ({ code: i.code, text: i.text[options.language], measure: i.measure, unit: i.unit[options.language] })),
    })),
    institutions: reportingInstitutions(current).map((i) => ({ code: i.code, name: i.name[options.language] })),
  };
}

/** Participation 1.2 over the semesters: women's share by parity category, as a trend series each. */
async function buildParityTrend(
  db: Database,
  from: string,
  to: string,
  targets: Awaited<ReturnType<typeof readParityTargets>>,
  current: Catalog,
  labels: CatalogLabels,
  suppression: { applied: boolean; k: number },
): Promise<TrendPoint[]> {
  const out: TrendPoint[] = [];
  const code = "PART-1.2";
  const indicator = labels.indicator(code)?.indicator;
  if (!indicator) return out;
  const previous = new Map<string, number | null>();
  for (const semester of semesterRange(requireSemester(from), requireSemester(to))) {
    const period = formatSemester(semester);
    const stats = buildParityStats(period, await readDeployedCounts(db, semesterBounds(semester)), [], targets, current, suppression);
    for (const s of stats.filter((x) => x.month === "*" && x.mission === "*" && x.unPersonnelType === "*" && x.parityCategory !== "*" && x.parityCategory !== "UNKNOWN")) {
      const prev = previous.get(s.parityCategory) ?? null;
      out.push({
        indicatorCode: code,
        indicator: indicator.text[labels.language],
        series: `parityCategory=${s.parityCategory}`,
        seriesLabel: current.reference.parityCategories.find((c) => c.code === s.parityCategory)?.name[labels.language] ?? s.parityCategory,
        measure: "percentage",
        period,
        value: s.womenSharePct,
        previous: prev,
        change: s.womenSharePct !== null && prev !== null ? Math.round((s.womenSharePct - prev) * 10) / 10 : null,
        changePct: null,
        cumulative: false,
        cumulativeToDate: null,
        baseline: null,
        target: s.targetPct,
        targetPeriod: s.targetPct === null ? null : period,
        status: s.womenSharePct === null ? "no-data" : s.targetPct === null ? "no-target" : s.womenSharePct >= s.targetPct ? "on-track" : "behind",
        comparable: true,
        suppressed: s.womenSharePct === null && s.suppressed,
      });
      previous.set(s.parityCategory, s.womenSharePct);
    }
  }
  return out;
}
