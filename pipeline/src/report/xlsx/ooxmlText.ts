/** Excel's limit on the characters of one cell; a longer text makes Excel repair the file. */
export const XLSX_MAX_CELL_TEXT = 32_767;

/**
 * Writes text in OOXML's own escape (ECMA-376 Part 1, 22.9.2.19 ST_Xstring), which ExcelJS does not apply: a
 * character XML cannot carry (controls) or loses (a CR becomes LF when the XML is read) is written "_xHHHH_",
 * and a literal "_xHHHH_" in the text gets its "_" escaped as "_x005F_", so Excel, LibreOffice and our own
 * reader all read back exactly the text given.
 */
export function encodeOoxmlText(text: string): string {
  // eslint-disable-next-line no-control-regex -- the control characters are what this escapes
  return text.replace(/_(?=x[0-9A-Fa-f]{4}_)|[\u0000-\u0008\u000B\u000C\u000D\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, (c) =>
    `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`,
  );
}
