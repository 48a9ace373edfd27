import type { LocalizedText } from "../../../core/src/i18n/Language";

/** Exit codes: 0 all good, 1 some input refused (the rest done), 2 usage or fatal error. */
export const EXIT = { ok: 0, rejected: 1, fatal: 2 } as const;

/** An expected failure, with a message for the analyst in both languages; the CLI prints it and exits. */
export class PipelineError extends Error {
  constructor(
    readonly code: string,
    readonly text: LocalizedText,
    readonly exitCode: number = EXIT.fatal,
    /** What it says in words, when it comes from another error (kept for --debug and for callers that look). */
    cause?: unknown,
  ) {
    super(text.en, cause === undefined ? undefined : { cause });
    this.name = "PipelineError";
  }
}
