import type { Language, LocalizedText } from "../../../core/src/i18n/Language";
import { PipelineError } from "../cli/PipelineError";
import type { FileOutputFormat } from "./fileOutput";
import type { IngestOptions } from "./ingest";
import type { FileResult, IngestSummary } from "./IngestResult";

/** What the ingest worker thread starts with (see ingestInWorker). */
export interface IngestWorkerData {
  paths: readonly string[];
  options: IngestOptions;
  env: Record<string, string | undefined>;
  /** The system clock, or a fixed time (ms since the epoch) for every reading (tests, replays). */
  clock: "system" | { fixedAt: number };
  /** When given, each file's result is sent as the text the command prints (fileOutput.ts), not as an object. */
  output?: { format: FileOutputFormat; language: Language };
}

export type IngestEvent =
  | { kind: "file"; result: FileResult }
  | { kind: "output"; text: string }
  | { kind: "progress"; done: number; total: number; file: string }
  | { kind: "warn"; text: LocalizedText };

/** What the thread that started the worker may send it: stop after the file being decided (Ctrl+C). */
export type IngestWorkerRequest = { type: "stop" };

export type IngestWorkerMessage = { type: "events"; events: IngestEvent[] } | { type: "done"; summary: IngestSummary } | IngestFailure;

export interface IngestFailure {
  type: "failed";
  name: string;
  message: string;
  stack?: string;
  pipeline?: { code: string; text: LocalizedText; exitCode: number };
  /** A system error's code and path (a disk full, a folder not readable…), so the command can say it plainly. */
  system?: { code: string; path?: string; syscall?: string };
}

/** What a run that failed in the worker sends back: enough for the command to report it as it would in one thread. */
export function failureOf(error: unknown): IngestFailure {
  const e = error instanceof Error ? error : new Error(String(error));
  const failure: IngestFailure = {
    type: "failed",
    name: e.name,
    message: e.message,
    ...(e.stack ? { stack: e.stack } : {}),
  };
  if (error instanceof PipelineError)
    failure.pipeline = {
      code: error.code,
      text: error.text,
      exitCode: error.exitCode,
    };
  else {
    const { code, path, syscall } = e as NodeJS.ErrnoException;
    if (typeof code === "string")
      failure.system = {
        code,
        ...(typeof path === "string" ? { path } : {}),
        ...(typeof syscall === "string" ? { syscall } : {}),
      };
  }
  return failure;
}

/** The error the command gets for a failure: the PipelineError itself, or an Error with the system error's code and path. */
export function errorOf(failure: IngestFailure): Error {
  if (failure.pipeline) return new PipelineError(failure.pipeline.code, failure.pipeline.text, failure.pipeline.exitCode);
  const error: NodeJS.ErrnoException = new Error(failure.message);
  error.name = failure.name;
  if (failure.stack) error.stack = failure.stack;
  if (failure.system) Object.assign(error, failure.system);
  return error;
}
