import type { LocalizedText } from "../i18n/Language";

export type Severity = "error" | "warning";

/** Every problem the rules can find. Errors stop a submission; warnings travel with the values. */
export const ISSUE_SEVERITY = {
  SHEET_MISSING: "error",
  ROW_MOVED: "error",
  FORMULA_IN_INPUT: "error",
  NOT_A_NUMBER: "error",
  NOT_WHOLE_NUMBER: "error",
  NEGATIVE_NUMBER: "error",
  OUT_OF_RANGE: "error",
  NUMBER_AS_TEXT: "warning",
  MISSING_VALUE: "error",
  NOT_REPORTED: "warning",
  TOTAL_MISMATCH: "error",
  COMPUTED_CELL_CHANGED: "warning",
  EXCEEDS_RELATED_VALUE: "error",
  LARGE_CHANGE: "warning",
  TEXT_TOO_LONG: "error",
  INVALID_CHOICE: "error",
  INVALID_DATE: "error",
  DATE_AFTER_PERIOD: "error",
  APPROVAL_DATE_REQUIRED: "error",
  STATUS_PROGRESS_MISMATCH: "warning",
  REQUIRED: "error",
  SERVICE_NUMBER_FORMAT: "error",
  DUPLICATE_ROSTER_ENTRY: "error",
  UNKNOWN_MISSION: "error",
  DATE_ORDER: "error",
  OUTSIDE_PERIOD: "warning",
  FIELD_NOT_APPLICABLE: "warning",
  ROSTER_MISMATCH: "warning",
} as const satisfies Record<string, Severity>;

export type IssueCode = keyof typeof ISSUE_SEVERITY;

export interface IssueLocation {
  sheet: string;
  cell: string;
}

/** A problem in user data, as data: the add-in paints it on the cell, the pipeline stores it in a table. */
export interface ValidationIssue {
  code: IssueCode;
  severity: Severity;
  message: LocalizedText;
  location: IssueLocation;
  /** The indicator the cell belongs to; absent for roster rows and whole-sheet problems. */
  indicator?: string;
}

export function hasErrors(issues: readonly ValidationIssue[]): boolean {
  return issues.some((i) => i.severity === "error");
}

export function countIssues(issues: readonly ValidationIssue[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const i of issues) if (i.severity === "error") errors++;
  return { errors, warnings: issues.length - errors };
}
