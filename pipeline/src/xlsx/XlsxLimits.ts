/**
 * Caps applied to every workbook before and while it is read. Submitted files come from many senders by
 * email and are treated as hostile: each cap bounds time or memory, and each is counted on what is actually
 * read (inflated bytes, rows, strings), never on what a header claims.
 */
export interface XlsxLimits {
  /** Size of the .xlsx file itself. */
  maxFileBytes: number;
  /** Zip entries (a template has about 15). */
  maxEntries: number;
  /** Bytes one zip entry may inflate to, counted while inflating. */
  maxEntryInflatedBytes: number;
  /** Bytes all entries together may inflate to, counted while inflating. */
  maxTotalInflatedBytes: number;
  /** Rows from row 1: a cell in a row beyond this is refused (the roster has 504). */
  maxRowsPerSheet: number;
  /** Columns from A: a cell in a column beyond this is refused. */
  maxColumnsPerSheet: number;
  /** Entries in the shared-string table. */
  maxSharedStrings: number;
  /** Characters in one cell's text or formula (Excel's own limit is 32,767). */
  maxCellTextLength: number;
  /** Cells holding a value or formula, over the whole workbook. */
  maxCells: number;
  /** Time to read one file (the pool terminates a worker that exceeds it). */
  timeoutMs: number;
  /** Heap limit in MB of the worker thread that parses (createReaderPool). */
  heapMb: number;
  /**
   * Limit in MB of that worker's young generation, where V8 puts new objects (its default, 48 MB, lets it grow
   * over a long run though what survives is a few MB; see INGEST_YOUNG_GENERATION_MB).
   */
  youngGenerationMb: number;
}

export const DEFAULT_XLSX_LIMITS: Readonly<XlsxLimits> = Object.freeze({
  maxFileBytes: 20 * 1024 * 1024,
  maxEntries: 300,
  maxEntryInflatedBytes: 60 * 1024 * 1024,
  maxTotalInflatedBytes: 120 * 1024 * 1024,
  maxRowsPerSheet: 20_000,
  maxColumnsPerSheet: 256,
  maxSharedStrings: 200_000,
  maxCellTextLength: 32_767,
  maxCells: 2_000_000,
  timeoutMs: 15_000,
  heapMb: 256,
  youngGenerationMb: 8,
});

const LIMIT_KEYS = Object.keys(DEFAULT_XLSX_LIMITS) as Array<keyof XlsxLimits>;

/** Applies defaults; a limit that is not a positive number is a programming error, not a file problem. */
export function resolveLimits(partial: Partial<XlsxLimits> = {}): XlsxLimits {
  const out = { ...DEFAULT_XLSX_LIMITS };
  for (const key of LIMIT_KEYS) {
    const v = partial[key];
    if (v === undefined) continue;
    if (typeof v !== "number" || !(v > 0)) throw new RangeError(`XlsxLimits.${key} must be a positive number, got ${String(v)}`);
    out[key] = v;
  }
  return out;
}
