import type { LocalizedText } from "../../../core/src/i18n/Language";
import { excelSerialToIso, readDate } from "../../../core/src/validation/cellValues";
import { isBlank } from "../../../core/src/validation/WorkbookGrid";
import { ChoiceList } from "../../../core/src/validation/ChoiceList";
import type { MasterIssueCode } from "./MasterIssue";
import { showValue } from "../../../core/src/validation/cellValues";

/** What reading one cell gives: nothing, a value, or a problem with a message saying how to fix it. */
export type CellRead<T> = { kind: "blank" } | { kind: "value"; value: T } | { kind: "invalid"; code: MasterIssueCode; message: LocalizedText };

const BLANK: CellRead<never> = { kind: "blank" };

export function invalid(code: MasterIssueCode, es: string, en: string): CellRead<never> {
  return { kind: "invalid", code, message: { es, en } };
}

export { isBlank, ChoiceList };

/** A cell's value as shown in a message (service-number-like digits masked): core's rule, shared with templates. */
export const showCell = showValue;

/** Excel's error values, as the reader gives a cell whose cached result is an error. */
const EXCEL_ERRORS = new Set(["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!", "#SPILL!", "#CALC!", "#GETTING_DATA"]);

export function isExcelError(value: unknown): value is string {
  return typeof value === "string" && value.startsWith("#") && EXCEL_ERRORS.has(value.trim().toUpperCase());
}

function cellText(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  // An Excel TRUE/FALSE cell reads as what a CSV export of it would say.
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return undefined;
}

export function readTextCell(value: unknown, max: number): CellRead<string> {
  if (isBlank(value)) return BLANK;
  const text = cellText(value) ?? showCell(value);
  if (text.length > max) {
    return invalid("TEXT_TOO_LONG", `El texto tiene ${text.length} caracteres y el máximo es ${max}. Abrévielo.`, `The text has ${text.length} characters and the limit is ${max}. Shorten it.`);
  }
  return { kind: "value", value: text };
}

/**
 * A service number: text, or in .xlsx a whole number (Excel drops leading zeros, hence the hint). The message
 * describes the value (its length) but never repeats it.
 */
export function readServiceNumberCell(value: unknown, pattern: RegExp, description: LocalizedText): CellRead<string> {
  if (isBlank(value)) return BLANK;
  const isNumber = typeof value === "number";
  const text = isNumber ? (Number.isInteger(value) && value >= 0 ? String(value) : undefined) : typeof value === "string" ? value.trim() : undefined;
  if (text !== undefined && pattern.test(text)) return { kind: "value", value: text };
  const shape = text === undefined ? { es: "no es un número entero", en: "it is not a whole number" } : describeShape(text);
  const zeros = isNumber
    ? {
        es: " Si el número empieza por 0, Excel lo perdió: dé formato de texto a la columna y escríbalo de nuevo.",
        en: " If the number starts with 0, Excel dropped it: format the column as text and type it again.",
      }
    : { es: "", en: "" };
  return invalid(
    "SERVICE_NUMBER_FORMAT",
    `El número de servicio no es válido (${shape.es}). ${description.es}${zeros.es}`,
    `The service number is not valid (${shape.en}). ${description.en}${zeros.en}`,
  );
}

function describeShape(text: string): LocalizedText {
  const digitsOnly = /^[0-9]*$/.test(text);
  return digitsOnly
    ? { es: `tiene ${text.length} dígitos`, en: `it has ${text.length} digits` }
    : { es: `tiene ${text.length} caracteres, no solo dígitos`, en: `it has ${text.length} characters, not only digits` };
}

/** A value from a list; `unknown` builds the message for a value that is not in it. */
export function readChoiceCell(value: unknown, list: ChoiceList, code: MasterIssueCode, unknown: (shown: string) => LocalizedText): CellRead<string> {
  if (isBlank(value)) return BLANK;
  const text = cellText(value);
  const found = text === undefined ? undefined : list.find(text);
  if (found !== undefined) return { kind: "value", value: found };
  const message = unknown(showCell(value));
  return { kind: "invalid", code, message };
}

const PLAIN_NUMBER = /^[0-9]+(\.[0-9]+)?$/;

/** A number written with plain digits (and a decimal point); `whole` also refuses fractions. */
export function readNumberCell(value: unknown, range: { min: number; max: number; whole: boolean }): CellRead<number> {
  if (isBlank(value)) return BLANK;
  let n: number;
  if (typeof value === "number") n = value;
  else if (typeof value === "string" && PLAIN_NUMBER.test(value.trim())) n = Number(value.trim());
  else {
    return invalid(
      "NOT_A_NUMBER",
      `«${showCell(value)}» no es un número. Escriba solo dígitos, sin separador de miles, espacios ni signos${range.whole ? "" : " (decimales con punto: 6.5)"}.`,
      `"${showCell(value)}" is not a number. Write digits only, with no thousands separator, spaces or signs${range.whole ? "" : " (decimals with a point: 6.5)"}.`,
    );
  }
  if (!Number.isFinite(n)) return invalid("NOT_A_NUMBER", `«${showCell(value)}» no es un número.`, `"${showCell(value)}" is not a number.`);
  // Shown masked: a service number typed in a number column must not be echoed.
  const shown = showCell(n);
  if (range.whole && !Number.isInteger(n)) return invalid("NOT_WHOLE_NUMBER", `${shown} no es un número entero. Escriba un número sin decimales.`, `${shown} is not a whole number. Write it without decimals.`);
  if (n < range.min || n > range.max) {
    return invalid("OUT_OF_RANGE", `${shown} está fuera del rango aceptado (${range.min} a ${range.max}). Corrija el valor.`, `${shown} is outside the accepted range (${range.min} to ${range.max}). Correct the value.`);
  }
  return { kind: "value", value: Object.is(n, -0) ? 0 : n };
}

/** Days between Excel's 1904 and 1900 date systems (old Mac workbooks store dates 1,462 days smaller). */
const DAYS_1904 = 1462;
const ANY_DATE = { kind: "date", min: "0001-01-01", max: "9999-12-31" } as const;

/**
 * A date as YYYY-MM-DD, DD/MM/YYYY or (in .xlsx) a date cell, i.e. an Excel serial number. Returns ISO
 * YYYY-MM-DD within [min, max].
 */
export function readDateCell(value: unknown, range: { min: string; max: string; date1904: boolean }): CellRead<string> {
  if (isBlank(value)) return BLANK;
  let iso: string | undefined;
  if (typeof value === "number") iso = excelSerialToIso(range.date1904 ? value + DAYS_1904 : value);
  else if (typeof value === "string") {
    const read = readDate(value, ANY_DATE);
    if (read.kind === "value") iso = read.value;
  }
  if (iso === undefined) {
    return invalid(
      "INVALID_DATE",
      `«${showCell(value)}» no es una fecha válida. Escriba AAAA-MM-DD (2026-03-15) o DD/MM/AAAA (15/03/2026); en Excel sirve también una celda con formato de fecha.`,
      `"${showCell(value)}" is not a valid date. Write YYYY-MM-DD (2026-03-15) or DD/MM/YYYY (15/03/2026); in Excel a date-formatted cell works too.`,
    );
  }
  if (iso < range.min || iso > range.max) {
    return invalid("OUT_OF_RANGE", `La fecha ${iso} está fuera del rango aceptado (${range.min} a ${range.max}). Corríjala.`, `The date ${iso} is outside the accepted range (${range.min} to ${range.max}). Correct it.`);
  }
  return { kind: "value", value: iso };
}
