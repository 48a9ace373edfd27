import type { WireWorkbook } from "./workbookWire";
import type { RejectionParams, XlsxRejectionCode } from "./WorkbookRejected";
import type { XlsxLimits } from "./XlsxLimits";

/** Messages between createReaderPool and readerWorker (structured clone: Maps and sparse arrays survive). */
export interface ReadRequest {
  id: number;
  path: string;
  limits: XlsxLimits;
}

export type WorkerMessage =
  | { type: "ready" }
  | { type: "result"; id: number; data: WireWorkbook }
  | { type: "rejected"; id: number; code: XlsxRejectionCode; part?: string; params: RejectionParams; detail?: string }
  | { type: "failed"; id: number; name: string; message: string; stack?: string };
