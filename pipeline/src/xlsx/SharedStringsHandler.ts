import { RawText } from "./RawText";
import type { ReadContext } from "./ReadContext";
import { WorkbookRejected } from "./WorkbookRejected";
import type { XmlHandler } from "./XmlScanner";
import { decodeCellText, malformed } from "./xmlText";

/**
 * Reads xl/sharedStrings.xml: one string per <si>, the concatenation of its <t> runs (rich text), leaving out
 * phonetic guides (<rPh>), which Excel does not show as cell text. Names are told apart by their bytes, and
 * each item's raw bytes are decoded once, when the item closes.
 */
export class SharedStringsHandler implements XmlHandler {
  private inItem = false;
  private phonetic = 0;
  private capturing = false;
  private readonly raw = new RawText();
  private readonly maxRaw: number;

  constructor(
    private readonly ctx: ReadContext,
    private readonly part: string,
  ) {
    // Counted in bytes before decoding; an entity is at most ~10 bytes for one decoded character.
    this.maxRaw = ctx.limits.maxCellTextLength * 10 + 64;
  }

  open(buf: Buffer, nameStart: number, nameEnd: number): void {
    const n = nameEnd - nameStart;
    if (n === 2 && buf[nameStart] === 115 /* s */ && buf[nameStart + 1] === 105 /* i */) {
      if (this.ctx.sharedStrings.length >= this.ctx.limits.maxSharedStrings) {
        throw new WorkbookRejected("TOO_MANY_SHARED_STRINGS", { part: this.part, params: { limit: this.ctx.limits.maxSharedStrings } });
      }
      this.inItem = true;
      this.phonetic = 0;
      this.raw.begin();
    } else if (!this.inItem) return;
    else if (isRPh(buf, nameStart, n)) this.phonetic++;
    else if (n === 1 && buf[nameStart] === 116 /* t */ && this.phonetic === 0) this.capturing = true;
  }

  close(buf: Buffer, nameStart: number, nameEnd: number): void {
    if (!this.inItem) return;
    const n = nameEnd - nameStart;
    if (n === 1 && buf[nameStart] === 116 /* t */) this.capturing = false;
    else if (isRPh(buf, nameStart, n)) this.phonetic--;
    else if (n === 2 && buf[nameStart] === 115 && buf[nameStart + 1] === 105) {
      this.inItem = false;
      this.capturing = false;
      const text = decodeCellText(this.raw.utf8(), this.part);
      if (text.length > this.ctx.limits.maxCellTextLength) this.tooLong();
      this.ctx.sharedStrings.push(text);
      this.raw.clear();
    }
  }

  text(buf: Buffer, start: number, end: number): void {
    if (!this.capturing) return;
    this.raw.add(buf, start, end);
    if (this.raw.length > this.maxRaw) this.tooLong();
  }

  finish(): void {
    if (this.inItem) throw malformed(this.part, "the shared strings end inside an item");
  }

  private tooLong(): never {
    throw new WorkbookRejected("CELL_TEXT_TOO_LONG", {
      part: this.part,
      params: { sheet: "—", cell: `#${this.ctx.sharedStrings.length}`, limit: this.ctx.limits.maxCellTextLength },
    });
  }
}

function isRPh(buf: Buffer, start: number, n: number): boolean {
  return n === 3 && buf[start] === 114 /* r */ && buf[start + 1] === 80 /* P */ && buf[start + 2] === 104 /* h */;
}
