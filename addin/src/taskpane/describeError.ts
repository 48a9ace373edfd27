import { AddinError, type AddinErrorCode } from "../workbook/AddinError";
import type { Translate, UiKey } from "../i18n/uiText";

const ADDIN_MESSAGES: Record<AddinErrorCode, UiKey> = {
  SHEET_NAME_TAKEN: "errSheetTaken",
  PREPARER_REQUIRED: "errPreparer",
};

/** Office.js error codes (OfficeExtension.ErrorCodes) and what the user can do about each. */
const OFFICE_MESSAGES: Record<string, UiKey> = {
  ItemNotFound: "errMissingSheet",
  InvalidOperation: "errBusy",
  AccessDenied: "errBusy",
  ActivityLimitReached: "errBusy",
  RequestPayloadSizeLimitExceeded: "errTooLarge",
  ResponsePayloadSizeLimitExceeded: "errTooLarge",
};

/** A failure as a sentence that says what to do next, for the task pane's MessageBar. */
export function describeError(error: unknown, t: Translate): string {
  if (error instanceof AddinError) return t(ADDIN_MESSAGES[error.code], error.params);
  const code = typeof error === "object" && error !== null && typeof (error as { code?: unknown }).code === "string" ? (error as { code: string }).code : undefined;
  if (code && code in OFFICE_MESSAGES) return t(OFFICE_MESSAGES[code]!);
  const detail = code ?? (error instanceof Error ? error.message : String(error));
  return t("errUnexpected", { code: detail.slice(0, 120) });
}
