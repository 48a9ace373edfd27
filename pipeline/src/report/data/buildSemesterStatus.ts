import type { Catalog } from "../../../../core/src/catalog/Catalog";
import type { LocalizedText } from "../../../../core/src/i18n/Language";
import { reportingDeadline, requireSemester, semesterBounds } from "../../../../core/src/period/Semester";
import type { RefusedFact, SubmissionFact } from "../../db/stats/readSubmissionFacts";
import { buildCompleteness, catalogInForce } from "./buildCompleteness";

/*
 * Where a semester's reporting stands, institution by institution: what an analyst needs between two rounds of
 * ingestion to know whom to chase (nothing received), whom to ask for a corrected file (refused), and what is in
 * (the current version, whether it came late, which expected indicators it leaves out). The same facts and rules
 * as the Committee pack's completeness matrix (buildCompleteness), without writing a pack.
 */

export interface RefusedFile {
  fileName: string;
  sha256: string;
  recordedAt: string;
  reasonCode: string | null;
  message: LocalizedText | null;
}

export interface InstitutionStatus {
  institution: string;
  /** received: a version is accepted; refused: only refused files came; missing: nothing came. */
  state: "received" | "refused" | "missing";
  current: { fileName: string; sha256: string; version: number; receivedAt: string; firstReceivedAt: string; late: boolean } | null;
  /** The indicators the plan makes this institution answer for (from its templates, not deployments data). */
  expected: number;
  /** Expected indicators the current version has no value or status for. */
  notReported: string[];
  /** Files refused for this institution and semester after its current version (if any): each needs a corrected file. */
  refused: RefusedFile[];
}

export interface SemesterStatus {
  period: string;
  deadline: string;
  institutions: InstitutionStatus[];
  /** Files refused in the semester whose metadata named no institution (not a template, unreadable). */
  unidentified: RefusedFile[];
}

export function buildSemesterStatus(
  catalogs: readonly Catalog[],
  period: string,
  deadlineDays: number,
  submissions: readonly SubmissionFact[],
  refused: readonly RefusedFact[],
  reported: ReadonlyArray<{ institution: string; period: string; indicator_code: string }>,
): SemesterStatus {
  const cells = buildCompleteness(catalogs, period, period, deadlineDays, submissions, refused, reported);
  const catalog = catalogInForce(catalogs, period);
  const refusedFile = (r: RefusedFact): RefusedFile => ({
    fileName: r.file_name,
    sha256: r.sha256,
    recordedAt: r.recorded_at,
    reasonCode: r.reason_code,
    message: r.message_es === null || r.message_en === null ? null : { es: r.message_es, en: r.message_en },
  });
  const institutions: InstitutionStatus[] = (catalog?.reference.institutions ?? [])
    .filter((i) => i.reports)
    .map((i) => {
      const mine = cells.filter((c) => c.institution === i.code);
      const sub = submissions.find((s) => s.institution === i.code && s.period === period && s.status === "current");
      // Refused before the current version came: that version is what answered them.
      const refusedHere = refused.filter((r) => r.institution === i.code && r.period === period && (!sub || r.recorded_at > sub.received_at)).map(refusedFile);
      return {
        institution: i.code,
        state: sub ? "received" : refusedHere.length > 0 ? "refused" : "missing",
        current: sub
          ? { fileName: sub.file_name, sha256: sub.sha256, version: sub.version, receivedAt: sub.received_at, firstReceivedAt: sub.first_received_at, late: mine.some((c) => c.late) }
          : null,
        expected: mine.length,
        notReported: sub ? mine.filter((c) => !c.accepted).map((c) => c.indicatorCode) : [],
        refused: refusedHere,
      };
    });
  const start = semesterBounds(requireSemester(period)).start;
  return {
    period,
    deadline: reportingDeadline(requireSemester(period), deadlineDays),
    institutions,
    unidentified: refused.filter((r) => r.period === null && r.recorded_at.slice(0, 10) >= start).map(refusedFile),
  };
}
