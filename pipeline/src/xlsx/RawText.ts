const EMPTY = Buffer.alloc(0);

/**
 * The raw bytes of one piece of text being captured (a cell value, formula or string item), still entity-encoded.
 * Text that arrives in one piece (almost always) is only referenced, never copied; text split across inflate
 * chunks is copied into a buffer that doubles as it grows, so the work stays linear in the text's length.
 */
export class RawText {
  /** True between begin() and clear(): the element was present, even if empty. */
  present = false;
  private buf: Buffer = EMPTY;
  private start = 0;
  private end = 0;
  private owned = false;

  begin(): void {
    this.present = true;
    this.start = this.end = 0;
    this.buf = EMPTY;
    this.owned = false;
  }

  clear(): void {
    this.present = false;
    this.start = this.end = 0;
    this.buf = EMPTY;
    this.owned = false;
  }

  get length(): number {
    return this.end - this.start;
  }

  add(b: Buffer, from: number, to: number): void {
    if (to <= from) return;
    if (this.end === this.start && !this.owned) {
      this.buf = b;
      this.start = from;
      this.end = to;
      return;
    }
    const have = this.end - this.start;
    const need = have + (to - from);
    if (!this.owned || this.start + need > this.buf.length) {
      const next = Buffer.allocUnsafe(Math.max(need, have * 2, 256));
      this.buf.copy(next, 0, this.start, this.end);
      this.buf = next;
      this.start = 0;
      this.end = have;
      this.owned = true;
    }
    b.copy(this.buf, this.end, from, to);
    this.end += to - from;
  }

  /** The byte at offset i of the text (no bounds check beyond the buffer's). */
  byteAt(i: number): number {
    return this.buf[this.start + i]!;
  }

  utf8(): string {
    return this.buf.toString("utf8", this.start, this.end);
  }

  /** For text known or required to be ASCII (numbers, indexes, types): cheaper than UTF-8 decoding. */
  latin1(): string {
    return this.buf.toString("latin1", this.start, this.end);
  }
}
