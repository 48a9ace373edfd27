import { createReaderPool, type XlsxLimits } from "../xlsx/readWorkbook";
import type { WorkbookReader } from "./WorkbookSource";

/**
 * The reader ingestion uses: worker threads with a heap cap and a time limit per file (pipeline/src/xlsx/),
 * started at once so that they are ready when the database is.
 */
export function createWorkbookReader(limits?: Partial<XlsxLimits>): WorkbookReader {
  return createReaderPool({ startNow: true, ...(limits ? { limits } : {}) });
}
