import { Worker } from "node:worker_threads";
import type { Language } from "../../../core/src/i18n/Language";
import { PipelineError } from "../cli/PipelineError";
import { compiledScript } from "../workers/compiledScript";
import type { IngestEffects, IngestOptions } from "./ingest";
import type { FileOutputFormat } from "./fileOutput";
import type { IngestSummary } from "./IngestResult";
import { errorOf, type IngestWorkerData, type IngestWorkerMessage, type IngestWorkerRequest } from "./ingestWorkerProtocol";

/**
 * The heap of the thread that runs an ingest (MB). Its live data is bounded by design — a batch holds at most
 * 50,000 rows, at most 64 files (about 16 MB) are read ahead, the index of stored submissions is ~300 bytes each — and stays near
 * 12 MB for 16 or 3,000 files; without a limit V8 lets garbage grow the heap to 150–170 MB between its few full
 * collections (bench/README.md), which put the whole process over 300 MB.
 */
export const INGEST_HEAP_MB = 128;

/**
 * The limit of that thread's young generation (MB), where V8 puts new objects. What survives there is a few MB,
 * but at ingestion's rate of allocation V8 grows it to its default 48 MB and keeps it, resident, for the rest of
 * the run; it and the reader's (XlsxLimits.youngGenerationMb) were most of what made a long run's peak creep up.
 * Side by side (bench/README.md, "Young generations capped"): 1,000 files 231–233 → 207 MB, 9,000 files 298–302 →
 * 275–283 MB, 18,000 files 344–361 → 314–318 MB, for 0–4% more time (more, smaller scavenges).
 */
export const INGEST_YOUNG_GENERATION_MB = 8;

/** Each file's result as printed text (see fileOutput.ts): made in the worker, written by `write` in this thread. */
export interface FileOutput {
  format: FileOutputFormat;
  language: Language;
  write: (text: string) => void;
}

/**
 * Runs `ingest` in a worker thread whose heap is capped at `heapMb`, relaying its events to `effects` in order.
 * `clock`: the worker reads the system clock, or every reading is this fixed time (tests and replays; a function
 * cannot cross to the worker, and asking this thread for each reading costs a round trip per file). Same result
 * and errors as `ingest`; a run that needs more heap than the cap ends with a PipelineError, the files already
 * acknowledged being stored. Aborting `signal` asks the worker to stop between two files (`ingest`'s signal).
 * With `output`, each file's result arrives as the text the command prints, made in the worker, instead of `onFile`.
 */
export function ingestInWorker(
  paths: readonly string[],
  options: IngestOptions,
  effects: Omit<IngestEffects, "createReader" | "catalogs" | "now"> & { clock: "system" | Date; output?: FileOutput },
  heapMb: number = INGEST_HEAP_MB,
): Promise<IngestSummary> {
  const clock = effects.clock === "system" ? "system" : { fixedAt: effects.clock.getTime() };
  const env: Record<string, string | undefined> = { ...effects.env };
  const output = effects.output;
  const data: IngestWorkerData = { paths, options, env, clock, ...(output && { output: { format: output.format, language: output.language } }) };
  return new Promise<IngestSummary>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      effects.signal?.removeEventListener("abort", stop);
      fn();
    };
    const worker = new Worker(compiledScript(__dirname, "ingestWorker"), { workerData: data, resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: INGEST_YOUNG_GENERATION_MB } });
    const stop = () => worker.postMessage({ type: "stop" } satisfies IngestWorkerRequest);
    if (effects.signal?.aborted) stop();
    else effects.signal?.addEventListener("abort", stop, { once: true });
    worker.on("message", (m: IngestWorkerMessage) => {
      switch (m.type) {
        case "events":
          for (const e of m.events) {
            if (e.kind === "output") output?.write(e.text);
            else if (e.kind === "file") effects.onFile?.(e.result);
            else if (e.kind === "progress") effects.progress?.(e.done, e.total, e.file);
            else effects.warn(e.text);
          }
          return;
        case "done":
          // Its database is closed and its readers stopped: nothing is cut short.
          void worker.terminate();
          return settle(() => resolve(m.summary));
        case "failed":
          void worker.terminate();
          return settle(() => reject(errorOf(m)));
      }
    });
    worker.on("error", (error: Error & { code?: string }) => {
      if (error.code === "ERR_WORKER_OUT_OF_MEMORY") {
        return settle(() =>
          reject(
            new PipelineError("INGEST_OUT_OF_MEMORY", {
              es: `la ingesta necesitó más de ${heapMb} MB de memoria y se detuvo. Los archivos ya informados como aceptados o rechazados quedaron guardados; vuelva a ejecutarla con menos archivos a la vez e informe del caso.`,
              en: `ingestion needed more than ${heapMb} MB of memory and stopped. The files already reported as accepted or refused are stored; run it again on fewer files at a time, and report the case.`,
            }),
          ),
        );
      }
      settle(() => reject(error));
    });
    worker.on("exit", (code) => settle(() => reject(new Error(`the ingest worker stopped unexpectedly (exit code ${code})`))));
  });
}
