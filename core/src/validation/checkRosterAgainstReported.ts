import type { Catalog, Indicator } from "../catalog/Catalog";
import { listIndicators } from "../catalog/catalogQueries";
import type { IssueCollector } from "./IssueCollector";
import type { RosterEntry } from "./ParsedEntries";
import type { RowNumbers } from "./parseIndicatorRows";

/** Does this roster row count toward a roster-derived indicator (and, for a course-type row, which one)? */
export function rosterRowCounts(indicator: Indicator, entry: RosterEntry): boolean {
  const rule = indicator.roster;
  if (!rule || rule.activity !== entry.activity) return false;
  if (rule.courseTypes && !(entry.courseType && rule.courseTypes.includes(entry.courseType))) return false;
  if (rule.roles && !(entry.role && rule.roles.includes(entry.role))) return false;
  return true;
}

/**
 * For roster-derived indicators, the people listed (each counted once) should match the number reported.
 * Rows are compared one by one when the indicator is broken down by course type, else on the rows that the
 * roster stands for (`countsAs`, e.g. the "designated" stage), summed.
 */
export function checkRosterAgainstReported(
  catalog: Catalog,
  rows: Map<string, RowNumbers>,
  roster: readonly RosterEntry[],
  sheet: string,
  issues: IssueCollector,
): void {
  for (const { indicator } of listIndicators(catalog)) {
    if (indicator.source !== "roster") continue;
    const own = [...rows.values()].filter((r) => r.spec.indicator === indicator.code);
    if (own.length === 0 || own.some((r) => r.total === undefined)) continue;
    const countsAs = indicator.roster?.countsAs ?? {};
    const byCourse = indicator.dimensions.some((d) => d.dimension === "courseType");
    const groups = byCourse
      ? own.map((r) => ({ rows: [r], courseType: r.spec.dims.courseType }))
      : [{ rows: own.filter((r) => Object.entries(countsAs).every(([k, v]) => r.spec.dims[k] === v)), courseType: undefined }];
    for (const group of groups) {
      if (group.rows.length === 0) continue;
      const listed = new Set(
        roster.filter((e) => rosterRowCounts(indicator, e) && (group.courseType === undefined || e.courseType === group.courseType)).map((e) => e.serviceNumber),
      ).size;
      const reported = group.rows.reduce((s, r) => s + (r.total ?? 0), 0);
      if (listed !== reported) {
        issues.add("ROSTER_MISMATCH", sheet, group.rows[0]!.spec.total, { value: reported, other: listed, indicator: indicator.code }, indicator.code);
      }
    }
  }
}
