import type { LocalizedText } from "../../../core/src/i18n/Language";
import { REJECTION_TEXT } from "./rejectionText";

/** One code per reason a submitted workbook is refused before its cells are used. */
export const XLSX_REJECTION_CODES = [
  "EMPTY_FILE",
  "FILE_TOO_LARGE",
  "NOT_A_ZIP",
  "ENCRYPTED_OR_LEGACY",
  "LOOKS_LIKE_TEXT",
  "ZIP_TRUNCATED",
  "ZIP_CORRUPT",
  "ZIP_ENCRYPTED",
  "UNSUPPORTED_COMPRESSION",
  "TOO_MANY_ENTRIES",
  "UNSAFE_ENTRY_NAME",
  "DUPLICATE_ENTRY",
  "ENTRY_TOO_LARGE",
  "TOTAL_TOO_LARGE",
  "SIZE_MISMATCH",
  "NOT_A_WORKBOOK",
  "MACRO_ENABLED",
  "EXTERNAL_LINK",
  "EMBEDDED_OBJECT",
  "DTD_FORBIDDEN",
  "XML_MALFORMED",
  "DUPLICATE_SHEET",
  "TOO_MANY_ROWS",
  "TOO_MANY_COLUMNS",
  "TOO_MANY_CELLS",
  "CELL_OUT_OF_GRID",
  "TOO_MANY_SHARED_STRINGS",
  "CELL_TEXT_TOO_LONG",
  "TIMEOUT",
  "OUT_OF_MEMORY",
] as const;

export type XlsxRejectionCode = (typeof XLSX_REJECTION_CODES)[number];

/** Values put into a rejection's message: the sheet, the cell, the limit that was passed. */
export interface RejectionParams {
  sheet?: string;
  cell?: string;
  limit?: number | string;
}

/**
 * An expected refusal of a submitted workbook, with what is wrong and what the sender should do, in plain
 * Spanish and English. Anything else thrown while reading is a bug and is never turned into one of these.
 */
export class WorkbookRejected extends Error {
  readonly code: XlsxRejectionCode;
  readonly text: LocalizedText;
  /** The zip entry concerned, when there is one (e.g. "xl/worksheets/sheet2.xml"). */
  readonly part?: string;
  readonly params: RejectionParams;
  /** A technical detail for logs and --debug (the zip or zlib message), never shown as the reason. */
  readonly detail?: string;

  constructor(code: XlsxRejectionCode, options: { part?: string; params?: RejectionParams; detail?: string } = {}) {
    const params = options.params ?? {};
    const text = formatRejection(code, params);
    super(`${code}: ${text.en}${options.part ? ` [${options.part}]` : ""}`);
    this.name = "WorkbookRejected";
    this.code = code;
    this.text = text;
    this.params = params;
    if (options.part !== undefined) this.part = options.part;
    if (options.detail !== undefined) this.detail = options.detail;
  }
}

export function isWorkbookRejected(e: unknown): e is WorkbookRejected {
  return e instanceof WorkbookRejected;
}

function formatRejection(code: XlsxRejectionCode, params: RejectionParams): LocalizedText {
  const t = REJECTION_TEXT[code];
  const fill = (s: string) =>
    s.replace(/\{(sheet|cell|limit)\}/g, (_, k: keyof RejectionParams) => {
      const v = params[k];
      return v === undefined ? "?" : typeof v === "number" ? v.toLocaleString("es-PE") : v;
    });
  return { es: fill(t.es), en: fill(t.en) };
}
