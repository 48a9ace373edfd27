import type { ChoiceList } from "./ChoiceList";
import type { ValidationRule } from "../layout/TemplateLayout";
import type { IssueCode } from "./ValidationIssue";
import type { IssueParams } from "./issueMessages";

/** The outcome of reading one cell: blank, a value (maybe with a warning), or a problem. */
export type CellResult<T> =
  | { kind: "blank" }
  | { kind: "value"; value: T; warning?: { code: IssueCode; params: IssueParams } }
  | { kind: "invalid"; code: IssueCode; params: IssueParams };

const NUMERIC_TEXT = /^[+-]?[0-9]+(\.[0-9]+)?$/;

/**
 * Shows a cell's value in a message: one line, at most 40 characters, and any run of 7 or more digits masked
 * ("4012••••") so that a service number typed in the wrong place never reaches a message, a log or a table.
 */
export function showValue(value: unknown): string {
  const s = typeof value === "string" ? value : String(value);
  const flat = maskDigitRuns(s.replace(/[\r\n\t]+/g, " "));
  return flat.length > 40 ? `${flat.slice(0, 39)}…` : flat;
}

/** Masks every run of 7 or more digits ("4012••••"): a service number typed in free text must not be published. */
export function maskDigitRuns(text: string): string {
  return text.replace(/[0-9]{7,}/g, (digits) => `${digits.slice(0, 4)}••••`);
}

/** A would-be identifier shown in a message: its first four characters only ("4012••••"). */
export function maskIdentifier(value: unknown): string {
  const s = (typeof value === "string" ? value : String(value)).trim().replace(/[\r\n\t]+/g, " ");
  return s.length <= 4 ? "••••" : `${s.slice(0, 4)}••••`;
}

export function readNumber(value: unknown, rule: Extract<ValidationRule, { kind: "wholeNumber" | "decimal" }>): CellResult<number> {
  if (value === null || value === undefined) return { kind: "blank" };
  let n: number;
  let warning: { code: IssueCode; params: IssueParams } | undefined;
  if (typeof value === "number") n = value;
  else if (typeof value === "string") {
    const t = value.trim();
    if (t === "") return { kind: "blank" };
    if (!NUMERIC_TEXT.test(t)) return { kind: "invalid", code: "NOT_A_NUMBER", params: { value: showValue(value) } };
    n = Number(t);
    warning = { code: "NUMBER_AS_TEXT", params: { value: t } };
  } else return { kind: "invalid", code: "NOT_A_NUMBER", params: { value: showValue(value) } };
  if (!Number.isFinite(n)) return { kind: "invalid", code: "NOT_A_NUMBER", params: { value: showValue(value) } };
  if (rule.kind === "wholeNumber" && !Number.isInteger(n)) return { kind: "invalid", code: "NOT_WHOLE_NUMBER", params: { value: n } };
  if (n < 0 && rule.min >= 0) return { kind: "invalid", code: "NEGATIVE_NUMBER", params: { value: n } };
  if (n < rule.min || n > rule.max) return { kind: "invalid", code: "OUT_OF_RANGE", params: { value: n, min: rule.min, max: rule.max } };
  if (Object.is(n, -0)) n = 0;
  return warning ? { kind: "value", value: n, warning } : { kind: "value", value: n };
}

export function readText(value: unknown, max: number): CellResult<string> {
  if (value === null || value === undefined) return { kind: "blank" };
  const s = typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : "";
  if (s.trim() === "") return { kind: "blank" };
  if (s.length > max) return { kind: "invalid", code: "TEXT_TOO_LONG", params: { length: s.length, max } };
  return { kind: "value", value: s };
}

/** Excel's 1900 date system: serial 1 is 1900-01-01; day 0 of the epoch is 1899-12-30 for every serial after Excel's fictitious 1900-02-29. */
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);

export function excelSerialToIso(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 61 || serial > 2958465) return undefined;
  const day = Math.floor(serial);
  let iso = isoByDay.get(day);
  if (iso === undefined) {
    iso = new Date(EXCEL_EPOCH_UTC + day * 86_400_000).toISOString().slice(0, 10);
    if (isoByDay.size < 100_000) isoByDay.set(day, iso);
  }
  return iso;
}

/** Days already turned into text: a roster's dates fall on a few hundred days, read many times over. */
const isoByDay = new Map<number, string>();

export function isoToExcelSerial(iso: string): number {
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
  return Math.round((Date.UTC(y!, m! - 1, d!) - EXCEL_EPOCH_UTC) / 86_400_000);
}

/** A date typed as a date (a serial number) or as text (2026-03-15 or 15/03/2026); returns ISO YYYY-MM-DD. */
export function readDate(value: unknown, rule: Extract<ValidationRule, { kind: "date" }>): CellResult<string> {
  if (value === null || value === undefined) return { kind: "blank" };
  let iso: string | undefined;
  if (typeof value === "number") iso = excelSerialToIso(value);
  else if (value instanceof Date && !Number.isNaN(value.getTime())) iso = value.toISOString().slice(0, 10);
  else if (typeof value === "string") {
    const t = value.trim();
    if (t === "") return { kind: "blank" };
    let m = /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[T ][0-9:.]+Z?)?$/.exec(t);
    if (m) iso = checkedIso(Number(m[1]), Number(m[2]), Number(m[3]));
    else if ((m = /^([0-9]{1,2})\/([0-9]{1,2})\/([0-9]{4})$/.exec(t))) iso = checkedIso(Number(m[3]), Number(m[2]), Number(m[1]));
  }
  if (!iso || iso < rule.min || iso > rule.max) return { kind: "invalid", code: "INVALID_DATE", params: { value: showValue(value) } };
  return { kind: "value", value: iso };
}

function checkedIso(y: number, m: number, d: number): string | undefined {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return undefined;
  return t.toISOString().slice(0, 10);
}

/** Folds case and accents so that "en elaboracion" matches "En elaboración". */
export function foldText(s: string): string {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").trim().toLowerCase().replace(/\s+/g, " ");
}

/**
 * A value from a list, matched against each option's code and its labels in both languages (a template
 * filled in one language and read in the other still reads). Returns the option's code.
 */
export function readChoice(value: unknown, list: ChoiceList): CellResult<string> {
  if (value === null || value === undefined) return { kind: "blank" };
  if (typeof value !== "string" && typeof value !== "number") return { kind: "invalid", code: "INVALID_CHOICE", params: { value: showValue(value), expected: list.shown } };
  const text = String(value);
  const code = list.find(text);
  if (code !== undefined) return { kind: "value", value: code };
  if (foldText(text) === "") return { kind: "blank" };
  return { kind: "invalid", code: "INVALID_CHOICE", params: { value: showValue(value), expected: list.shown } };
}
