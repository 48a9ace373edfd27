import { constants } from "node:os";
import type { Language } from "../../../core/src/i18n/Language";

/** Side effects passed in, so tests run commands with a fixed clock and captured output. */
export interface Effects {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  now: () => Date;
  /**
   * What `now` reads, for work handed to another thread (a function cannot cross): the system clock, or always this
   * time (tests and replays).
   */
  clock: "system" | Date;
  env: NodeJS.ProcessEnv;
  /** True when stderr is a terminal (progress bars are drawn only then). */
  isTTY: boolean;
  /**
   * Calls `handler` when the analyst asks the command to stop (Ctrl+C, or SIGTERM from a scheduler) so that it can
   * end cleanly; a second request ends the process at once. Also when whoever reads the output has stopped
   * reading ("SIGPIPE": `pa1325 ingest … | head`), as a closed pipe ends other commands. Returns the function
   * that stops listening.
   */
  onInterrupt?: (handler: (signal: NodeJS.Signals) => void) => () => void;
}

/** Handlers to call when standard output's reader goes away (see onInterrupt). */
const outputClosedHandlers = new Set<(signal: NodeJS.Signals) => void>();
const closed = { stdout: false, stderr: false };
let watching = false;

/**
 * Node ignores SIGPIPE: writing to a pipe whose reader has gone (`| head`, quitting `less`) emits an EPIPE error
 * that, unhandled, crashes the process with a stack trace — in the middle of an ingest, under DuckDB's threads,
 * which then abort. Instead the stream is marked closed, later writes to it are dropped, and a command that
 * listens for interruptions is told once (standard output only: it carries the results).
 */
function watchOutputs(): void {
  if (watching) return;
  watching = true;
  for (const name of ["stdout", "stderr"] as const) {
    process[name].on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
      if (closed[name]) return;
      closed[name] = true;
      if (name === "stdout") for (const handler of outputClosedHandlers) handler("SIGPIPE");
    });
  }
}

function writeTo(name: "stdout" | "stderr", text: string): void {
  watchOutputs();
  if (!closed[name]) process[name].write(text);
}

export interface CommandContext {
  language: Language;
  debug: boolean;
  effects: Effects;
}

export const processEffects: Effects = {
  stdout: (line) => writeTo("stdout", `${line}\n`),
  stderr: (line) => writeTo("stderr", `${line}\n`),
  now: () => new Date(),
  clock: "system",
  env: process.env,
  isTTY: Boolean(process.stderr.isTTY),
  onInterrupt: (handler) => {
    let asked = false;
    const stopListening = () => {
      process.off("SIGINT", on);
      process.off("SIGTERM", on);
    };
    // A closed output counts as the first request: Ctrl+C after it ends the process at once.
    const once = (signal: NodeJS.Signals) => {
      if (asked) return;
      asked = true;
      handler(signal);
    };
    const on = (signal: NodeJS.Signals) => {
      if (asked) {
        // A second request: the signal again, with nothing listening, ends the process at once as it would have
        // without a handler (what was committed stays, DuckDB's WAL; the rest is rolled back at the next open).
        // process.exit() instead would run DuckDB's destructors under its working threads, which abort.
        stopListening();
        process.kill(process.pid, signal);
        return;
      }
      asked = true;
      handler(signal);
    };
    process.on("SIGINT", on);
    process.on("SIGTERM", on);
    watchOutputs();
    outputClosedHandlers.add(once);
    return () => {
      stopListening();
      outputClosedHandlers.delete(once);
    };
  },
};

/** A command's stop request (see `stopRequests`). */
export interface StopRequest {
  /** Aborted at the first request. */
  readonly signal: AbortSignal;
  /** What asked, once asked: SIGINT (Ctrl+C), SIGTERM, or SIGPIPE (the output's reader went away). */
  readonly by: NodeJS.Signals | undefined;
  /** Stops listening (once the command's work is over). */
  dispose(): void;
}

/**
 * Turns `effects.onInterrupt` into an AbortSignal for a command that stops cleanly between two steps. `notice` runs
 * at the first request to tell the analyst what happens now — not for SIGPIPE: nobody reads the output any more.
 * Without `onInterrupt` (tests) the signal is never aborted.
 */
export function stopRequests(effects: Effects, notice: () => void): StopRequest {
  const controller = new AbortController();
  let by: NodeJS.Signals | undefined;
  const stopListening = effects.onInterrupt?.((signal) => {
    by = signal;
    controller.abort();
    if (signal !== "SIGPIPE") notice();
  });
  return {
    signal: controller.signal,
    get by() {
      return by;
    },
    dispose: () => stopListening?.(),
  };
}

/** A shell's exit status for a command ended by `signal`: 128 + its number (130 for Ctrl+C, 143 for SIGTERM). */
export function interruptedExitCode(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? constants.signals.SIGINT);
}

/** What a command stopped by Ctrl+C between its steps tells the analyst (see `untilStopped`). */
export interface StopWords {
  /** At the first request: what happens now (not said for SIGPIPE). */
  stopping: () => void;
  /** When the work ended early: what was left as it was. */
  interrupted: () => void;
  /** When the request came too late to stop the work (its last step had begun): that it is complete. */
  completed: () => void;
}

/**
 * Runs a command's work, which Ctrl+C (or SIGTERM) may stop: `work` gets the stop's signal and ends with the
 * signal's reason at a step where stopping leaves nothing half-done, or runs to its end once its last step has
 * begun. Says what happened (`words`) and gives the work's value, or the shell's exit code for the stop (130 for
 * Ctrl+C). A second Ctrl+C quits at once (`processEffects.onInterrupt`). Any other error is thrown as it came.
 */
export async function untilStopped<T>(effects: Effects, words: StopWords, work: (signal: AbortSignal) => Promise<T>): Promise<{ value: T } | { exitCode: number }> {
  const stop = stopRequests(effects, words.stopping);
  let value: T;
  try {
    value = await work(stop.signal);
  } catch (error) {
    if (stop.by === undefined || error !== stop.signal.reason) throw error;
    words.interrupted();
    return { exitCode: interruptedExitCode(stop.by) };
  } finally {
    stop.dispose();
  }
  if (stop.by !== undefined && stop.by !== "SIGPIPE") words.completed();
  return { value };
}
