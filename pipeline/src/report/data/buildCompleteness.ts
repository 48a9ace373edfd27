import type { Catalog } from "../../../../core/src/catalog/Catalog";
import { listIndicators } from "../../../../core/src/catalog/catalogQueries";
import { compareVersions } from "../../../../core/src/catalog/checkCatalogReferences";
import { compareSemesters, formatSemester, reportingDeadline, requireSemester, semesterRange } from "../../../../core/src/period/Semester";
import type { CompletenessCell, CompletenessStatus } from "../../../../core/src/stats/ReportData";
import type { RefusedFact, SubmissionFact } from "../../db/stats/readSubmissionFacts";

/**
 * Institution × indicator × semester: what was expected (the institution is responsible for the indicator in the
 * catalog in force that semester, and it is entered in templates), whether a file arrived, whether it was accepted
 * and reported the indicator, and whether it came after the deadline (days after the semester's end).
 */
export function buildCompleteness(
  catalogs: readonly Catalog[],
  from: string,
  to: string,
  deadlineDays: number,
  submissions: readonly SubmissionFact[],
  refused: readonly RefusedFact[],
  reported: ReadonlyArray<{ institution: string; period: string; indicator_code: string }>,
): CompletenessCell[] {
  const current = new Map(submissions.filter((s) => s.status === "current").map((s) => [`${s.institution}|${s.period}`, s]));
  const refusedFor = new Set(refused.filter((r) => r.institution && r.period).map((r) => `${r.institution}|${r.period}`));
  const reportedSet = new Set(reported.map((r) => `${r.institution}|${r.period}|${r.indicator_code}`));
  const out: CompletenessCell[] = [];
  for (const semester of semesterRange(requireSemester(from), requireSemester(to))) {
    const period = formatSemester(semester);
    const catalog = catalogInForce(catalogs, period);
    if (!catalog) continue;
    const deadline = reportingDeadline(semester, deadlineDays);
    for (const institution of catalog.reference.institutions.filter((i) => i.reports)) {
      const sub = current.get(`${institution.code}|${period}`);
      for (const { indicator } of listIndicators(catalog)) {
        if (!indicator.responsible.includes(institution.code) || indicator.source === "deployments") continue;
        const received = sub !== undefined || refusedFor.has(`${institution.code}|${period}`);
        const accepted = sub !== undefined && reportedSet.has(`${institution.code}|${period}|${indicator.code}`);
        const late = sub !== undefined && sub.first_received_at.slice(0, 10) > deadline;
        let status: CompletenessStatus;
        if (accepted) status = late ? "late" : "complete";
        else if (sub) status = "not-reported";
        else if (received) status = "refused";
        else status = "missing";
        out.push({ institution: institution.code, indicatorCode: indicator.code, period, expected: true, received, accepted, late, missing: !accepted, status, deadline });
      }
    }
  }
  return out;
}

/** The newest catalog already in force in a semester. */
export function catalogInForce(catalogs: readonly Catalog[], period: string): Catalog | undefined {
  const p = requireSemester(period);
  return [...catalogs]
    .filter((c) => compareSemesters(requireSemester(c.effectiveFrom), p) <= 0)
    .sort((a, b) => compareVersions(b.version, a.version))[0];
}
