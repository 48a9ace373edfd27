import type { Language } from "../../../core/src/i18n/Language";
import { addSemesters, formatSemester, parseSemester, semesterLabel, semesterOfDate } from "../../../core/src/period/Semester";

/**
 * The semesters offered: the current one and the three before it, newest first. A report is sent after its
 * semester closes, so the default is the previous one.
 */
export function periodChoices(now: Date, language: Language, keep?: string): { options: Array<{ value: string; label: string }>; fallback: string } {
  const current = semesterOfDate(now.toISOString());
  const codes = [0, -1, -2, -3].map((n) => formatSemester(addSemesters(current, n)));
  if (keep && parseSemester(keep) && !codes.includes(keep)) codes.push(keep);
  return { options: codes.map((value) => ({ value, label: periodLabel(value, language) })), fallback: codes[1]! };
}

export function periodLabel(code: string, language: Language): string {
  const s = parseSemester(code);
  return s ? semesterLabel(s, language) : code;
}

/** A time as people in Peru (or English readers) write it: "10 jul. 2026, 3:00 p. m.". */
export function formatDateTime(iso: string, language: Language): string {
  return new Date(iso).toLocaleString(language === "es" ? "es-PE" : "en-GB", { dateStyle: "medium", timeStyle: "short" });
}
