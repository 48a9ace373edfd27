import { parentPort } from "node:worker_threads";
import type { ReadRequest, WorkerMessage } from "./readerProtocol";
import { readFileCappedSync } from "./readFileCapped";
import { readWorkbook } from "./readWorkbook";
import { encodeWorkbook } from "./workbookWire";
import { WorkbookRejected } from "./WorkbookRejected";

/**
 * The worker thread behind createReaderPool: reads one file per request with readWorkbook. Its heap is capped
 * by the pool (resourceLimits) and the pool terminates it when a file takes too long, so no file can take the
 * main process down. Unexpected errors are passed back as failures, never as rejections.
 */
const port = parentPort;
if (!port) throw new Error("readerWorker must run in a worker thread (see createReaderPool)");

// The pool may hand this worker its next file before the current one is done (so that it never waits for the
// main thread between files): requests are read one after the other, in the order they came.
let previous: Promise<void> = Promise.resolve();
port.on("message", (request: ReadRequest) => {
  previous = previous.then(() => read(request));
});

function read(request: ReadRequest): Promise<void> {
  // The pool enforces the time limit by terminating this thread; the in-process deadline is only a backstop.
  const limits = { ...request.limits, timeoutMs: request.limits.timeoutMs * 2 + 1000 };
  // Bytes the caller read (and hashed) are read as they are; otherwise the file is read here, blocking (this thread
  // has nothing else to do), within the same size cap.
  const { bytes } = request;
  return new Promise<Buffer>((resolve) =>
    resolve(bytes ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : readFileCappedSync(request.path, limits.maxFileBytes)),
  )
    .then((bytes) => readWorkbook(bytes, limits))
    .then(
      (data) => post({ type: "result", id: request.id, data: encodeWorkbook(data) }),
      (error: unknown) => {
        if (error instanceof WorkbookRejected) {
          const message: WorkerMessage = { type: "rejected", id: request.id, code: error.code, params: error.params };
          if (error.part !== undefined) message.part = error.part;
          if (error.detail !== undefined) message.detail = error.detail;
          post(message);
        } else {
          const e = error instanceof Error ? error : new Error(String(error));
          post({ type: "failed", id: request.id, name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}) });
        }
      },
    );
}

function post(message: WorkerMessage): void {
  port!.postMessage(message);
}

post({ type: "ready" });
