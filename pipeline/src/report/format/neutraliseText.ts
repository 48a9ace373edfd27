/**
 * Text that came from a submission (a file name, a reference number, a detail) must never act as a formula when a
 * reader opens a published file in a spreadsheet (OWASP "CSV injection"). These are the first characters Excel,
 * LibreOffice and Google Sheets read as the start of a formula or a command.
 */
const FORMULA_START = /^[=+\-@\t\r\n]/;

export function startsLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** CSV has no "this is text" mark: a leading apostrophe is the convention spreadsheets hide and keep as text. */
export function neutraliseCsvText(text: string): string {
  return startsLikeFormula(text) ? `'${text}` : text;
}
