import fs from "node:fs";
import type { Effects } from "../../pipeline/src/cli/CommandContext";
import { main } from "../../pipeline/src/cli/main";

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

/** Runs one CLI invocation in this process with captured effects: its exit code and what it printed, as text. */
export async function runMain(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const fx = captureEffects({ env: { PA1325_LANG: "en", ...env } });
  const code = await main(args, fx.effects);
  return { code, stdout: fx.stdout.join("\n"), stderr: fx.stderr.join("\n") };
}

/**
 * Captured effects whose Ctrl+C handler the test holds (`control.interrupt`), to send a signal when it chooses;
 * with `at`, that signal comes on the event loop's next turn after the command starts listening.
 */
export function interruptibleEffects(options: { now?: Date; env?: NodeJS.ProcessEnv; at?: NodeJS.Signals } = {}) {
  const fx = captureEffects(options);
  const control: { interrupt?: (signal: NodeJS.Signals) => void; listening: boolean } = { listening: false };
  fx.effects.onInterrupt = (handler) => {
    control.interrupt = handler;
    control.listening = true;
    if (options.at) setImmediate(() => handler(options.at!));
    return () => {
      control.listening = false;
    };
  };
  return { ...fx, control };
}

/**
 * Ctrl+C at a chosen moment of a file operation: each call of `fs.promises[method]` whose destination `when` picks
 * first sends SIGINT through `control` (from `interruptibleEffects`), then does the real call. Returns the spy (to
 * run under `whileSpying`) and how many calls were picked.
 */
export function interruptAt(control: { interrupt?: (signal: NodeJS.Signals) => void }, method: "copyFile" | "rename", when: (to: string) => boolean) {
  const real = fs.promises[method].bind(fs.promises) as (...args: unknown[]) => Promise<void>;
  const picked = { calls: 0 };
  const spy = jest.spyOn(fs.promises, method).mockImplementation((async (...args: unknown[]) => {
    if (when(String(args[1]))) {
      picked.calls++;
      control.interrupt?.("SIGINT");
    }
    return real(...args);
  }) as never);
  return { spy, picked };
}

/** Runs `work` with `spy` in place, and puts the real function back whatever happens. */
export async function whileSpying<T>(spy: { mockRestore(): void }, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } finally {
    spy.mockRestore();
  }
}
