/**
 * Runs the workbook check after changes settle: a burst of edits (a paste, fast typing) gives one check, and a
 * change during a running check gives exactly one more after it. Timers are passed in so tests control time.
 */
export class CheckScheduler {
  private timer: unknown;
  private running = false;
  private again = false;

  constructor(
    private readonly check: () => Promise<void>,
    private readonly onError: (error: unknown) => void,
    private readonly delayMs = 250,
    private readonly timers: { set(f: () => void, ms: number): unknown; clear(t: unknown): void } = {
      set: (f, ms) => setTimeout(f, ms),
      clear: (t) => clearTimeout(t as ReturnType<typeof setTimeout>),
    },
  ) {}

  request(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = this.timers.set(() => void this.run(), this.delayMs);
  }

  /** Checks now (after an action of the pane's own). */
  async run(): Promise<void> {
    this.timer = undefined;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      await this.check();
    } catch (error) {
      this.onError(error);
    } finally {
      this.running = false;
    }
    if (this.again) {
      this.again = false;
      this.request();
    }
  }

  cancel(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
    this.again = false;
  }
}
