import { availableParallelism } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { compiledScript } from "../workers/compiledScript";
import type { ReadRequest, WorkerMessage } from "./readerProtocol";
import type { WorkbookData } from "./WorkbookData";
import { decodeWorkbook } from "./workbookWire";
import { WorkbookRejected } from "./WorkbookRejected";
import { resolveLimits, type XlsxLimits } from "./XlsxLimits";

export interface ReaderPoolOptions {
  /** Worker threads (default: the machine's cores, at most 4). */
  size?: number;
  limits?: Partial<XlsxLimits>;
  /**
   * Start the workers now instead of at the first read: each takes ~50 ms to start, which then overlaps the
   * caller's own start-up (ingestion opens the database meanwhile).
   */
  startNow?: boolean;
}

export interface ReaderPool {
  /**
   * Reads one file in a worker; rejects with WorkbookRejected (TIMEOUT and OUT_OF_MEMORY included) or, for a bug,
   * an Error. With `bytes` (the file's content as the caller read it, e.g. to hash it) the worker reads those bytes,
   * not the file: they are transferred to it when they fill their own ArrayBuffer (the caller's view is then
   * emptied), otherwise copied.
   */
  read(file: string, bytes?: Uint8Array): Promise<WorkbookData>;
  /** Stops every worker; reads still waiting are refused with an Error. */
  close(): Promise<void>;
}

interface Job {
  id: number;
  path: string;
  bytes: Uint8Array | undefined;
  resolve(data: WorkbookData): void;
  reject(error: unknown): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Terminated or dying: takes no more jobs, and its exit needs no replacement logic. */
  retired: boolean;
  /** The jobs handed to the worker, in its order: the first is being read, the others wait in its port. */
  jobs: Job[];
  /** The time limit of the first job. */
  timer: NodeJS.Timeout | undefined;
}

/**
 * Jobs handed to a worker at once: the one it reads and the next ones, so that it goes straight on to the next
 * file instead of waiting, idle, until the thread that owns the pool (busy checking and storing earlier files)
 * hands it one. Storing a batch keeps that thread busy for tens of milliseconds at a stretch, during which a
 * worker with only a few jobs ran dry: with one reader worker (two cores), side by side on 1,000 files, 5 runs
 * each, medians: 4 jobs 3.48 s, 16 jobs 3.11 s, 24 jobs 3.13 s (peak memory 212, 221 and 234 MB: the results
 * waiting for that thread). Earlier, with a worker per core, 2 took 4.27 s and 4 took 4.18 s.
 */
const DEPTH = 16;

/**
 * Worker threads that read workbooks with a heap cap (resourceLimits) and a time limit per file. A worker
 * that runs out of heap or time is terminated and replaced; only its file is refused (OUT_OF_MEMORY,
 * TIMEOUT), the file waiting behind it in that worker is handed to another, and the process goes on.
 */
export function createReaderPool(options: ReaderPoolOptions = {}): ReaderPool {
  const limits = resolveLimits(options.limits);
  const size = Math.max(1, Math.floor(options.size ?? Math.min(4, availableParallelism())));
  const script = compiledScript(__dirname, "readerWorker");
  const slots = new Set<Slot>();
  const queue: Job[] = [];
  let nextId = 1;
  let closed = false;

  /** Starts the time limit of the job the worker reads now (its first), measured from when it got to it or later. */
  const startTimer = (slot: Slot) => {
    const job = slot.jobs[0];
    if (!job) return;
    // The worker has it now (it was sent as a copy to wait in the worker): no longer needed here.
    job.bytes = undefined;
    slot.timer = setTimeout(() => {
      fail(slot, new WorkbookRejected("TIMEOUT", { params: { limit: limits.timeoutMs } }));
      void slot.worker.terminate();
      dispatch();
    }, limits.timeoutMs);
  };

  /** Settles the job the worker was reading and starts the next one's time limit. */
  const settleFirst = (slot: Slot, outcome: { data: WorkbookData } | { error: unknown }) => {
    const job = slot.jobs.shift();
    if (!job) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    if (slot.jobs.length === 0) slot.worker.unref();
    else if (!slot.retired) startTimer(slot);
    if ("data" in outcome) job.resolve(outcome.data);
    else job.reject(outcome.error);
  };

  /** A worker that stopped: its first job gets the error, the ones waiting behind it go back to the queue's front. */
  const fail = (slot: Slot, error: unknown) => {
    retire(slot);
    settleFirst(slot, { error });
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    queue.unshift(...slot.jobs.splice(0));
  };

  const spawn = () => {
    const worker = new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: limits.youngGenerationMb } });
    const slot: Slot = { worker, ready: false, retired: false, jobs: [], timer: undefined };
    slots.add(slot);
    worker.unref();
    worker.on("message", (m: WorkerMessage) => {
      if (m.type === "ready") slot.ready = true;
      else if (slot.jobs[0]?.id !== m.id) return; // a late answer from a worker already given up on
      else if (m.type === "result") settleFirst(slot, { data: decodeWorkbook(m.data) });
      else if (m.type === "rejected") {
        settleFirst(slot, { error: new WorkbookRejected(m.code, { params: m.params, ...(m.part !== undefined ? { part: m.part } : {}), ...(m.detail !== undefined ? { detail: m.detail } : {}) }) });
      } else {
        const error = new Error(`${m.name}: ${m.message} (in the xlsx reader worker)`);
        if (m.stack) error.stack = m.stack;
        settleFirst(slot, { error });
      }
      dispatch();
    });
    worker.on("error", (err: Error & { code?: string }) => {
      fail(slot, err.code === "ERR_WORKER_OUT_OF_MEMORY" ? new WorkbookRejected("OUT_OF_MEMORY", { params: { limit: limits.heapMb }, detail: err.message }) : err);
      dispatch();
    });
    worker.on("exit", () => {
      fail(slot, new Error("the xlsx reader worker stopped unexpectedly"));
      if (closed) return;
      if (!slot.ready) {
        // A worker that cannot even start (heap limit too small, missing build) would be respawned forever.
        const failure = new Error(`the xlsx reader worker could not start (heapMb ${limits.heapMb}, script ${script})`);
        for (const job of queue.splice(0)) job.reject(failure);
        return;
      }
      dispatch();
    });
  };

  /** Takes a worker out of service at once, so that no job is handed to it while it is going away. */
  const retire = (slot: Slot) => {
    slot.retired = true;
    slots.delete(slot);
  };

  const dispatch = () => {
    if (closed) return;
    while (slots.size < size && queue.length > 0) spawn();
    for (const slot of slots) {
      while (slot.ready && !slot.retired && slot.jobs.length < DEPTH && queue.length > 0) {
        const job = queue.shift()!;
        slot.jobs.push(job);
        const first = slot.jobs.length === 1;
        const request: ReadRequest = { id: job.id, path: job.path, limits };
        if (job.bytes) request.bytes = job.bytes;
        if (!request.bytes) slot.worker.postMessage(request);
        // Read at once: the bytes are transferred, not copied.
        else if (first) slot.worker.postMessage(request, [request.bytes.buffer as ArrayBuffer]);
        // Waiting behind another file: a copy, kept here so that the job can go to another worker if this one stops.
        else slot.worker.postMessage(request);
        if (first) {
          slot.worker.ref();
          startTimer(slot);
        }
      }
    }
  };

  if (options.startNow) while (slots.size < size) spawn();

  return {
    read(file: string, bytes?: Uint8Array): Promise<WorkbookData> {
      if (closed) return Promise.reject(new Error("the reader pool is closed"));
      // A view sharing its ArrayBuffer (Node's pool of small Buffers, a slice) is copied (`new Uint8Array`, not
      // Buffer's slice, which copies nothing): transferring it would empty the other views.
      const own = bytes && (bytes.byteOffset !== 0 || bytes.byteLength !== bytes.buffer.byteLength || !(bytes.buffer instanceof ArrayBuffer)) ? new Uint8Array(bytes) : bytes;
      return new Promise<WorkbookData>((resolve, reject) => {
        queue.push({ id: nextId++, path: path.resolve(file), bytes: own, resolve, reject });
        dispatch();
      });
    },
    async close(): Promise<void> {
      closed = true;
      const error = new Error("the reader pool was closed");
      for (const job of queue.splice(0)) job.reject(error);
      await Promise.all([...slots].map(async (slot) => {
        if (slot.timer) clearTimeout(slot.timer);
        for (const job of slot.jobs.splice(0)) job.reject(error);
        await slot.worker.terminate();
      }));
      slots.clear();
    },
  };
}
