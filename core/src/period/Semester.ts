import type { Language } from "../i18n/Language";

/**
 * Reporting periods are semesters: institutions report every six months (Action Plan, section 08).
 * "2026-S1" is January to June 2026, "2026-S2" July to December.
 */
export interface Semester {
  year: number;
  half: 1 | 2;
}

const PATTERN = /^([0-9]{4})-S([12])$/;

export function isSemesterCode(value: unknown): value is string {
  return typeof value === "string" && PATTERN.test(value);
}

/** Parses "2026-S1"; undefined when the text is not a semester code. */
export function parseSemester(raw: unknown): Semester | undefined {
  if (typeof raw !== "string") return undefined;
  const m = PATTERN.exec(raw.trim());
  if (!m) return undefined;
  const year = Number(m[1]);
  if (year < 2000 || year > 2999) return undefined;
  return { year, half: m[2] === "1" ? 1 : 2 };
}

/** Like parseSemester, but throws a RangeError naming the expected form. */
export function requireSemester(raw: unknown): Semester {
  const s = parseSemester(raw);
  if (!s) throw new RangeError(`not a semester: ${JSON.stringify(raw)} (expected YYYY-S1 or YYYY-S2, e.g. 2026-S1)`);
  return s;
}

export function formatSemester(s: Semester): string {
  return `${s.year}-S${s.half}`;
}

/** A label for people: "1.er semestre 2026" / "First half 2026". */
export function semesterLabel(s: Semester, language: Language): string {
  if (language === "es") return `${s.half === 1 ? "1.er" : "2.º"} semestre ${s.year}`;
  return `${s.half === 1 ? "First" : "Second"} half ${s.year}`;
}

/** A running index: consecutive semesters differ by one. */
function ordinal(s: Semester): number {
  return s.year * 2 + (s.half - 1);
}

function fromOrdinal(n: number): Semester {
  return { year: Math.floor(n / 2), half: n % 2 === 0 ? 1 : 2 };
}

export function compareSemesters(a: Semester, b: Semester): number {
  return ordinal(a) - ordinal(b);
}

/** Steps by whole semesters: addSemesters(2026-S2, 1) is 2027-S1; negative steps go back. */
export function addSemesters(s: Semester, steps: number): Semester {
  if (!Number.isInteger(steps)) throw new RangeError(`semester steps must be whole: ${steps}`);
  return fromOrdinal(ordinal(s) + steps);
}

export function previousSemester(s: Semester): Semester {
  return addSemesters(s, -1);
}

export function nextSemester(s: Semester): Semester {
  return addSemesters(s, 1);
}

/** Number of semesters from a to b (b - a). */
export function semestersBetween(a: Semester, b: Semester): number {
  return ordinal(b) - ordinal(a);
}

/** Every semester from first to last, both included, in order (empty when last precedes first). */
export function semesterRange(first: Semester, last: Semester): Semester[] {
  const out: Semester[] = [];
  for (let n = ordinal(first); n <= ordinal(last); n++) out.push(fromOrdinal(n));
  return out;
}

/** First and last calendar day of the semester as ISO dates (YYYY-MM-DD). */
export function semesterBounds(s: Semester): { start: string; end: string } {
  return s.half === 1
    ? { start: `${s.year}-01-01`, end: `${s.year}-06-30` }
    : { start: `${s.year}-07-01`, end: `${s.year}-12-31` };
}

/** The semester holding an ISO date (YYYY-MM-DD…). */
export function semesterOfDate(isoDate: string): Semester {
  const m = /^([0-9]{4})-([0-9]{2})/.exec(isoDate);
  if (!m) throw new RangeError(`not an ISO date: ${isoDate}`);
  return { year: Number(m[1]), half: Number(m[2]) <= 6 ? 1 : 2 };
}

export function sortSemesterCodes(codes: Iterable<string>): string[] {
  return [...codes].sort((a, b) => compareSemesters(requireSemester(a), requireSemester(b)));
}

/** The day `days` after the ISO date `isoDate` (YYYY-MM-DD), in UTC. */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

/** The last day a semester's report is on time: its last day plus the catalog's `reportingDeadlineDays`. */
export function reportingDeadline(s: Semester, deadlineDays: number): string {
  return addDays(semesterBounds(s).end, deadlineDays);
}
