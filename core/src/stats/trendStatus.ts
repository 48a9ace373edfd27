/**
 * Whether an indicator is on track. With a baseline and a target, the expected value at each semester lies on the
 * straight line from the baseline (at its semester) to the target (at its semester); an indicator to increase is on
 * track at or above that line (to decrease: at or below). The plan gives no targets yet, so most indicators say
 * "no target" until the Committee sets them in the catalog.
 */
export type TrendStatus = "on-track" | "behind" | "no-target" | "no-data";

export interface TrendGoal {
  baseline: number | null;
  baselineIndex: number | null;
  target: number | null;
  targetIndex: number | null;
  direction: "increase" | "decrease";
}

/** `index` counts semesters (any consistent origin); `value` is the value the goal is about (running total for cumulative indicators). */
export function trendStatus(value: number | null, index: number, goal: TrendGoal): TrendStatus {
  if (value === null) return "no-data";
  if (goal.target === null || goal.targetIndex === null) return "no-target";
  const start = goal.baseline ?? 0;
  const startIndex = goal.baselineIndex ?? index;
  const span = goal.targetIndex - startIndex;
  const expected = span <= 0 || index >= goal.targetIndex ? goal.target : start + ((goal.target - start) * (index - startIndex)) / span;
  return goal.direction === "increase" ? (value >= expected ? "on-track" : "behind") : value <= expected ? "on-track" : "behind";
}

export const TREND_STATUS_LABELS: Record<TrendStatus, { es: string; en: string }> = {
  "on-track": { es: "en camino", en: "on track" },
  behind: { es: "rezagado", en: "behind" },
  "no-target": { es: "sin meta", en: "no target" },
  "no-data": { es: "sin datos", en: "no data" },
};
