import type { Language } from "../i18n/Language";
import type { ParityStatus } from "./parityStatus";
import type { TrendStatus } from "./trendStatus";

/**
 * Everything a Committee pack shows, already computed and already protected: every count of people that could
 * identify someone is `null` with `suppressed: true` (never 0). The pipeline fills it (SQL in DuckDB, then
 * suppression); the writers (xlsx, HTML, Parquet, Arrow) only render it. Codes stay as codes; labels are in the
 * report's language. "*" in a dimension column means "all" (a total).
 */
export interface ReportData {
  period: string;
  language: Language;
  /** When the pack was made, and the last time data entered the database (ISO). */
  generatedAt: string;
  dataAsOf: string | null;
  catalogVersion: string;
  catalogWordingPending: boolean;
  suppression: SuppressionRule;
  submissions: { included: IncludedSubmission[]; excluded: ExcludedSubmission[] };
  indicators: IndicatorStat[];
  deliverables: DeliverableStat[];
  roster: RosterStat[];
  rosterConsistency: RosterConsistency[];
  parity: ParityStat[];
  personnel: PersonnelStat[];
  trends: TrendPoint[];
  completeness: CompletenessCell[];
  /** Areas and indicators in plan order, with labels, for grouping the summaries. */
  areas: Array<{ code: string; name: string; indicators: Array<{ code: string; text: string; measure: string; unit: string }> }>;
  institutions: Array<{ code: string; name: string }>;
}

export interface SuppressionRule {
  /** False only in the Committee's internal working copy (`--no-suppression`), which says so everywhere. */
  applied: boolean;
  /** Counts of people from 1 to k−1 are hidden (with secondary suppression). */
  k: number;
}

export interface IncludedSubmission {
  institution: string;
  period: string;
  version: number;
  fileName: string;
  sha256: string;
  receivedAt: string;
  late: boolean;
  warnings: number;
}

export interface ExcludedSubmission {
  institution: string | null;
  period: string | null;
  fileName: string;
  sha256: string;
  reason: "superseded" | "refused";
  detail: string;
}

/** A reported indicator value, by institution ("*" all), breakdown ("*" all) and sex ("*" both; null when not people). */
export interface IndicatorStat {
  period: string;
  area: string;
  indicatorCode: string;
  indicator: string;
  measure: string;
  unit: string;
  institution: string;
  breakdownKey: string;
  breakdown: string;
  sex: "F" | "M" | "*" | null;
  value: number | null;
  suppressed: boolean;
  /** How many institutions' submissions the value sums (for institution "*"). */
  institutionsReporting: number;
  /** False when part of the value comes from an older catalog whose indicator was split or merged. */
  comparable: boolean;
}

export interface DeliverableStat {
  period: string;
  indicatorCode: string;
  indicator: string;
  institution: string;
  status: string;
  statusLabel: string;
  progress: number | null;
  approvalDate: string | null;
  reference: string | null;
}

/** People on template rosters, each counted once, by their institution, category and sex from the personnel data. */
export interface RosterStat {
  period: string;
  indicatorCode: string;
  indicator: string;
  /** The person's institution per the personnel data; "UNKNOWN" when the person is not in it. */
  institution: string;
  category: string;
  sex: "F" | "M" | "*" | "UNKNOWN";
  people: number | null;
  suppressed: boolean;
}

/** Does an institution's roster back the number it reported? Counts are shown only without suppression. */
export interface RosterConsistency {
  period: string;
  indicatorCode: string;
  institution: string;
  breakdownKey: string;
  reported: number | null;
  listed: number | null;
  status: "match" | "differs";
}

/** Participation 1.2: women's share of deployed personnel against the UN target. */
export interface ParityStat {
  period: string;
  /** "YYYY-MM" for a month (people deployed on its last day), "*" for the semester (anyone deployed in it). */
  month: string;
  mission: string;
  unPersonnelType: string;
  parityCategory: string;
  women: number | null;
  men: number | null;
  total: number | null;
  womenSharePct: number | null;
  suppressed: boolean;
  targetPct: number | null;
  targetSource: string | null;
  status: ParityStatus | null;
  /** The UN-wide share for the same month, mission and type (all contributing countries), when loaded. */
  unWomenSharePct: number | null;
  /** Peru's share as the UN's own data reports it, when loaded. */
  peruUnWomenSharePct: number | null;
}

/** Women's share of personnel by institution, category and rank: the baseline for "from acceptance to inclusion". */
export interface PersonnelStat {
  asOf: string;
  institution: string;
  category: string;
  rank: string;
  rankLabel: string;
  women: number | null;
  men: number | null;
  total: number | null;
  womenSharePct: number | null;
  suppressed: boolean;
}

/** One indicator (or one series of a non-additive indicator) in one semester, all institutions together. */
export interface TrendPoint {
  indicatorCode: string;
  indicator: string;
  /** "" for the indicator as a whole; e.g. "hourKind=GENDER_HOURS" for one series of an overlapping breakdown. */
  series: string;
  seriesLabel: string;
  measure: string;
  period: string;
  value: number | null;
  previous: number | null;
  change: number | null;
  changePct: number | null;
  cumulative: boolean;
  cumulativeToDate: number | null;
  baseline: number | null;
  target: number | null;
  targetPeriod: string | null;
  status: TrendStatus;
  comparable: boolean;
  suppressed: boolean;
}

export type CompletenessStatus = "complete" | "late" | "not-reported" | "refused" | "missing";

export interface CompletenessCell {
  institution: string;
  indicatorCode: string;
  period: string;
  expected: boolean;
  received: boolean;
  accepted: boolean;
  late: boolean;
  missing: boolean;
  status: CompletenessStatus;
  deadline: string;
}
