import { readFileCapped } from "./readFileCapped";
import { readPackageParts } from "./readPackageParts";
import type { ReadContext } from "./ReadContext";
import { sniffFileType } from "./sniffFileType";
import type { WorkbookData } from "./WorkbookData";
import { WorkbookRejected } from "./WorkbookRejected";
import { resolveLimits, type XlsxLimits } from "./XlsxLimits";
import { megabytes, ZipPackage } from "./ZipPackage";

export { DEFAULT_XLSX_LIMITS, resolveLimits, type XlsxLimits } from "./XlsxLimits";
export { WorkbookRejected, XLSX_REJECTION_CODES, isWorkbookRejected, type XlsxRejectionCode, type RejectionParams } from "./WorkbookRejected";
export type { WorkbookData, SheetGrid, SheetState } from "./WorkbookData";
export { createReaderPool, type ReaderPool, type ReaderPoolOptions } from "./createReaderPool";

/**
 * Reads a submitted .xlsx in this process: the file's type and zip structure are checked, then each part is
 * inflated once in chunks and scanned without building a tree (macros, links, embedded objects and DTDs
 * refused before any cell is read). Every expected refusal is a WorkbookRejected; anything else is a bug.
 * For a folder of files use createReaderPool, which also caps heap and time per file.
 */
export async function readWorkbook(source: string | Buffer, limits?: Partial<XlsxLimits>): Promise<WorkbookData> {
  const lim = resolveLimits(limits);
  const deadline = Date.now() + lim.timeoutMs;
  const buf = typeof source === "string" ? await readFileCapped(source, lim.maxFileBytes) : source;
  if (buf.length > lim.maxFileBytes) throw new WorkbookRejected("FILE_TOO_LARGE", { params: { limit: megabytes(lim.maxFileBytes) }, detail: `${buf.length} bytes` });
  sniffFileType(buf);
  const pkg = await ZipPackage.open(buf, lim, deadline);
  try {
    const ctx: ReadContext = { limits: lim, sharedStrings: [], cells: 0 };
    return await readPackageParts(pkg, ctx);
  } finally {
    pkg.close();
  }
}
