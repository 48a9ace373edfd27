/**
 * Text that came from a submission (a file name, a reference number, a detail) must never act as a formula when a
 * reader opens a published file in a spreadsheet (OWASP "CSV injection"). These are the first characters Excel,
 * LibreOffice and Google Sheets read as the start of a formula or a command.
 */
const FORMULA_START = /^[=+\-@\t\r\n]/;

export function startsLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** Text that gets a leading apostrophe in CSV: formula-like, or already apostrophes and then a formula character. */
const NEEDS_APOSTROPHE = /^'*[=+\-@\t\r\n]/;

/**
 * CSV has no "this is text" mark: a leading apostrophe is the convention spreadsheets hide and keep as text. Text
 * that already starts with apostrophes before a formula character gets one more too, so that the documented way
 * back — strip one apostrophe from a field made of apostrophes then a formula character — gives every text back
 * exactly ("'=1" is written "''=1"; written as is, it would read back as "=1").
 */
export function neutraliseCsvText(text: string): string {
  return NEEDS_APOSTROPHE.test(text) ? `'${text}` : text;
}
