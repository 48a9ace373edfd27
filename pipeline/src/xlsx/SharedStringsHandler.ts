import type { ReadContext } from "./ReadContext";
import { WorkbookRejected } from "./WorkbookRejected";
import type { XmlHandler } from "./XmlScanner";
import { decodeCellText, malformed } from "./xmlText";

/**
 * Reads xl/sharedStrings.xml: one string per <si>, the concatenation of its <t> runs (rich text), leaving out
 * phonetic guides (<rPh>), which Excel does not show as cell text.
 */
export class SharedStringsHandler implements XmlHandler {
  private inItem = false;
  private phonetic = 0;
  private capturing = false;
  private raw = "";
  private readonly maxRaw: number;

  constructor(
    private readonly ctx: ReadContext,
    private readonly part: string,
  ) {
    this.maxRaw = ctx.limits.maxCellTextLength * 10 + 64;
  }

  open(name: string): void {
    if (name === "si") {
      if (this.ctx.sharedStrings.length >= this.ctx.limits.maxSharedStrings) {
        throw new WorkbookRejected("TOO_MANY_SHARED_STRINGS", { part: this.part, params: { limit: this.ctx.limits.maxSharedStrings } });
      }
      this.inItem = true;
      this.phonetic = 0;
      this.raw = "";
    } else if (!this.inItem) return;
    else if (name === "rPh") this.phonetic++;
    else if (name === "t" && this.phonetic === 0) this.capturing = true;
  }

  close(name: string): void {
    if (!this.inItem) return;
    if (name === "t") this.capturing = false;
    else if (name === "rPh") this.phonetic--;
    else if (name === "si") {
      this.inItem = false;
      this.capturing = false;
      const text = decodeCellText(this.raw, this.part);
      if (text.length > this.ctx.limits.maxCellTextLength) this.tooLong();
      this.ctx.sharedStrings.push(text);
      this.raw = "";
    }
  }

  text(raw: string): void {
    if (!this.capturing) return;
    this.raw += raw;
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
