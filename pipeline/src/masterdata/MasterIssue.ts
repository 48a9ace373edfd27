import type { LocalizedText } from "../../../core/src/i18n/Language";
import type { Severity } from "../../../core/src/validation/ValidationIssue";
import type { XlsxRejectionCode } from "../xlsx/readWorkbook";

/**
 * Every problem a master-data file can have. Each code has one severity: errors refuse the whole load,
 * warnings travel with a loaded one (master_load_issues has no severity column; the code says it).
 */
export const MASTER_ISSUE_SEVERITY = {
  // The file as a whole
  FILE_TOO_LARGE: "error",
  NOT_UTF8: "error",
  NOT_TEXT: "error",
  CSV_MALFORMED: "error",
  NO_VISIBLE_SHEET: "error",
  NO_HEADER: "error",
  NO_DATA_ROWS: "error",
  // The header row
  MISSING_COLUMN: "error",
  DUPLICATE_COLUMN: "error",
  UNKNOWN_COLUMNS: "warning",
  // A row or a cell
  WRONG_FIELD_COUNT: "error",
  REQUIRED: "error",
  EXCEL_ERROR_VALUE: "error",
  SERVICE_NUMBER_FORMAT: "error",
  DUPLICATE_SERVICE_NUMBER: "error",
  DUPLICATE_ROW: "error",
  UNKNOWN_INSTITUTION: "error",
  INVALID_SEX: "error",
  UNKNOWN_RANK: "error",
  UNKNOWN_CATEGORY: "error",
  INVALID_STATUS: "error",
  UNKNOWN_COURSE_TYPE: "error",
  UNKNOWN_MISSION: "error",
  UNKNOWN_PERSONNEL_TYPE: "error",
  UNKNOWN_ROLE: "error",
  UNKNOWN_PARITY_CATEGORY: "error",
  INVALID_CERTAINTY: "error",
  INVALID_ISO3: "error",
  NOT_A_NUMBER: "error",
  NOT_WHOLE_NUMBER: "error",
  OUT_OF_RANGE: "error",
  INVALID_DATE: "error",
  DATE_ORDER: "error",
  TEXT_TOO_LONG: "error",
} as const satisfies Record<string, Severity>;

export type MasterIssueCode = keyof typeof MASTER_ISSUE_SEVERITY;

/** One problem, located as the analyst sees the file: the CSV line or Excel row, and the column's header. */
export interface MasterIssue {
  /** A master-data code, or the xlsx reader's refusal code (e.g. MACRO_ENABLED) for a workbook refused unread. */
  code: MasterIssueCode | XlsxRejectionCode;
  severity: Severity;
  /** CSV line or Excel row number (1 is the header); null for the file as a whole. */
  row: number | null;
  /** The column's header as written in the file (or the expected name when it is missing). */
  column: string | null;
  message: LocalizedText;
}

export function masterIssue(code: MasterIssueCode, row: number | null, column: string | null, message: LocalizedText): MasterIssue {
  return { code, severity: MASTER_ISSUE_SEVERITY[code], row, column, message };
}

export function countErrors(issues: readonly MasterIssue[]): number {
  let n = 0;
  for (const i of issues) if (i.severity === "error") n++;
  return n;
}
