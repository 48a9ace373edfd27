import type { LocalizedText } from "../../../core/src/i18n/Language";
import type { IngestOptions } from "./ingest";
import type { FileResult, IngestSummary } from "./IngestResult";

/** What the ingest worker thread starts with (see ingestInWorker). */
export interface IngestWorkerData {
  paths: readonly string[];
  options: IngestOptions;
  env: Record<string, string | undefined>;
  /** The system clock, or a fixed time (ms since the epoch) for every reading (tests, replays). */
  clock: "system" | { fixedAt: number };
}

export type IngestEvent =
  | { kind: "file"; result: FileResult }
  | { kind: "progress"; done: number; total: number; file: string }
  | { kind: "warn"; text: LocalizedText };

/** What the thread that started the worker may send it: stop after the file being decided (Ctrl+C). */
export type IngestWorkerRequest = { type: "stop" };

export type IngestWorkerMessage =
  | { type: "events"; events: IngestEvent[] }
  | { type: "done"; summary: IngestSummary }
  | { type: "failed"; name: string; message: string; stack?: string; pipeline?: { code: string; text: LocalizedText; exitCode: number } };
