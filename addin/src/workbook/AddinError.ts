/** Expected failures of the add-in's own making (not Office's): each has a message in the task pane's text table. */
export type AddinErrorCode = "SHEET_NAME_TAKEN" | "PREPARER_REQUIRED";

export class AddinError extends Error {
  constructor(
    readonly code: AddinErrorCode,
    readonly params: Readonly<Record<string, string>> = {},
  ) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = "AddinError";
  }
}
