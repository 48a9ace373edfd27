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
   * end cleanly; a second request ends the process at once. Returns the function that stops listening.
   */
  onInterrupt?: (handler: (signal: NodeJS.Signals) => void) => () => void;
}

export interface CommandContext {
  language: Language;
  debug: boolean;
  effects: Effects;
}

export const processEffects: Effects = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
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
    return stopListening;
  },
};

/** A shell's exit status for a command ended by `signal`: 128 + its number (130 for Ctrl+C, 143 for SIGTERM). */
export function interruptedExitCode(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? constants.signals.SIGINT);
}
