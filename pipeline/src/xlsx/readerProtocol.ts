import type { WireWorkbook } from "./workbookWire";
import type { RejectionParams, XlsxRejectionCode } from "./WorkbookRejected";
import type { XlsxLimits } from "./XlsxLimits";

/** Messages between createReaderPool and readerWorker (structured clone: Maps and sparse arrays survive). */
export interface ReadRequest {
  id: number;
  path: string;
  /** The file's content, read by the caller (transferred, not copied); absent: the worker reads `path`. */
  bytes?: Uint8Array;
  limits: XlsxLimits;
}

export type WorkerMessage =
  | { type: "ready" }
  | { type: "result"; id: number; data: WireWorkbook }
  | { type: "rejected"; id: number; code: XlsxRejectionCode; part?: string; params: RejectionParams; detail?: string }
  | { type: "failed"; id: number; name: string; message: string; stack?: string };
