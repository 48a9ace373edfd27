import type { LocalizedText } from "../../../core/src/i18n/Language";
import type { SheetGrid } from "../../../core/src/validation/WorkbookGrid";

/** What the xlsx reader gives ingestion (pipeline/src/xlsx/ implements it). */
export interface WorkbookContent {
  sheets: Map<string, SheetGrid>;
  sheetNames: string[];
  date1904: boolean;
}

export interface WorkbookReader {
  read(file: string): Promise<WorkbookContent>;
  close(): Promise<void>;
}

/** A file refused before its cells are read (not a zip, macros, a zip bomb…), in plain words. */
export interface FileRejection {
  code: string;
  text: LocalizedText;
  part?: string;
}

export function asFileRejection(error: unknown): FileRejection | undefined {
  if (error instanceof Error && error.name === "WorkbookRejected") {
    const e = error as Error & { code?: unknown; text?: unknown; part?: unknown };
    if (typeof e.code === "string" && typeof e.text === "object" && e.text !== null) {
      const r: FileRejection = { code: e.code, text: e.text as LocalizedText };
      if (typeof e.part === "string") r.part = e.part;
      return r;
    }
  }
  return undefined;
}
