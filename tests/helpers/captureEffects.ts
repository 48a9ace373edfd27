import type { Effects } from "../../pipeline/src/cli/CommandContext";

/** Effects for running CLI commands in tests: output captured, a fixed clock, a controlled environment. */
export function captureEffects(options: { now?: Date; env?: NodeJS.ProcessEnv } = {}) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const at = options.now ?? new Date("2026-07-15T12:00:00Z");
  const effects: Effects = {
    stdout: (line) => stdout.push(line),
    stderr: (line) => stderr.push(line),
    now: () => at,
    clock: at,
    env: { PA1325_LANG: "es", ...options.env },
    isTTY: false,
  };
  return { effects, stdout, stderr };
}
