import type { LocalizedText } from "../../../core/src/i18n/Language";
import type { SheetGrid } from "../../../core/src/validation/WorkbookGrid";
import { isWorkbookRejected } from "../xlsx/readWorkbook";

/** What the xlsx reader gives ingestion (pipeline/src/xlsx/ implements it). */
export interface WorkbookContent {
  sheets: Map<string, SheetGrid>;
  sheetNames: string[];
  date1904: boolean;
}

export interface WorkbookReader {
  /**
   * Reads the cells of `bytes`, the file's content as ingestion read and hashed it (`file` names it in messages).
   * The bytes may be transferred to a worker thread: the caller must not use them afterwards.
   */
  read(file: string, bytes: Uint8Array): Promise<WorkbookContent>;
  close(): Promise<void>;
}

/** A file refused before its cells are read (not a zip, macros, a zip bomb…), in plain words. */
export interface FileRejection {
  code: string;
  text: LocalizedText;
  part?: string;
  sheet?: string;
  cell?: string;
}

/** The reader's refusal as ingestion records it; anything else (a bug) is not a refusal and is rethrown. */
export function asFileRejection(error: unknown): FileRejection | undefined {
  if (!isWorkbookRejected(error)) return undefined;
  const r: FileRejection = { code: error.code, text: error.text };
  if (error.part !== undefined) r.part = error.part;
  if (error.params.sheet !== undefined) r.sheet = error.params.sheet;
  if (error.params.cell !== undefined) r.cell = error.params.cell;
  return r;
}
