import { parentPort, workerData } from "node:worker_threads";
import { createWorkbookReader } from "./createWorkbookReader";
import { formatFileResult } from "./fileOutput";
import { ingest } from "./ingest";
import { failureOf, type IngestEvent, type IngestWorkerData, type IngestWorkerMessage, type IngestWorkerRequest } from "./ingestWorkerProtocol";

/**
 * The worker thread behind ingestInWorker: runs `ingest` with the caller's options and clock, and sends its
 * events (each file's result, progress, warnings) back in order, a batch at a time.
 */
const port = parentPort;
if (!port) throw new Error("ingestWorker must run in a worker thread (see ingestInWorker)");
const data = workerData as IngestWorkerData;

function post(message: IngestWorkerMessage): void {
  port!.postMessage(message);
}

// Events are sent once per turn of the event loop rather than one message each: a group commit acknowledges up to
// 50 files at once, and every message wakes the main thread.
let pending: IngestEvent[] = [];
function send(event: IngestEvent): void {
  if (pending.length === 0) setImmediate(flush);
  pending.push(event);
}
function flush(): void {
  if (pending.length === 0) return;
  const events = pending;
  pending = [];
  post({ type: "events", events });
}

// Asked to stop (Ctrl+C in the main thread): the ingest stops between two files and ends as usual.
const stop = new AbortController();
port.on("message", (m: IngestWorkerRequest) => {
  if (m.type === "stop") stop.abort();
});

const { clock, output } = data;
const now = clock === "system" ? () => new Date() : () => new Date(clock.fixedAt);

ingest(data.paths, data.options, {
  now,
  env: data.env,
  warn: (text) => send({ kind: "warn", text }),
  progress: (done, total, file) => send({ kind: "progress", done, total, file }),
  onFile: output ? (result) => send({ kind: "output", text: formatFileResult(result, output.format, output.language) }) : (result) => send({ kind: "file", result }),
  createReader: () => createWorkbookReader(),
  signal: stop.signal,
}).then(
  (summary) => {
    flush();
    post({ type: "done", summary });
  },
  (error: unknown) => {
    flush();
    post(failureOf(error));
  },
);
