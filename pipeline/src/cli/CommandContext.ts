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
};
