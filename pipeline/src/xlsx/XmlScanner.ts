import { WorkbookRejected } from "./WorkbookRejected";
import { malformed } from "./xmlText";

/** What a part reader does with the scanner's events. Names are local names: "x:row" arrives as "row". */
export interface XmlHandler {
  /** `attrs` is the raw attribute text after the name; a self-closing tag is followed by close(). */
  open(name: string, attrs: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Raw text between tags, entities still encoded (CDATA arrives re-encoded), possibly in several pieces. */
  text(raw: string): void;
}

const enum Mode {
  Markup,
  Comment,
  CData,
  Instruction,
}

/** The longest tag accepted; a template's longest (a data validation) is under 1,000 characters. */
export const MAX_TAG_CHARS = 256 * 1024;

/**
 * A streaming, non-validating XML tokenizer over decoded text chunks: no tree, no stack, and nothing kept
 * between chunks but an unfinished tag (at most MAX_TAG_CHARS), so memory stays bounded and the work is
 * linear in the input. Text is handed on as it comes and never buffered here. Any DTD construct is refused.
 */
export class XmlScanner {
  private pending = "";
  private mode = Mode.Markup;

  constructor(
    private readonly handler: XmlHandler,
    private readonly part: string,
  ) {}

  feed(chunk: string): void {
    const s = this.pending.length > 0 ? this.pending + chunk : chunk;
    const len = s.length;
    const h = this.handler;
    let pos = 0;
    while (pos < len) {
      if (this.mode !== Mode.Markup) {
        pos = this.skipSpecial(s, pos);
        if ((this.mode as Mode) !== Mode.Markup) break;
        continue;
      }
      const lt = s.indexOf("<", pos);
      if (lt < 0) {
        h.text(s.slice(pos));
        pos = len;
        break;
      }
      if (lt > pos) h.text(s.slice(pos, lt));
      pos = lt;
      if (lt + 1 >= len) break;
      const c1 = s.charCodeAt(lt + 1);
      if (c1 === 33 /* ! */) {
        const head = s.slice(lt, lt + 10);
        if (head.startsWith("<!--")) {
          this.mode = Mode.Comment;
          pos = lt + 4;
        } else if (head.startsWith("<![CDATA[")) {
          this.mode = Mode.CData;
          pos = lt + 9;
        } else if (/^<!(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i.test(head)) {
          throw new WorkbookRejected("DTD_FORBIDDEN", { part: this.part, detail: head });
        } else if (head.length < 10) break; // wait for enough text to tell a comment from a declaration
        else throw malformed(this.part, `unknown declaration ${JSON.stringify(head)}`);
        continue;
      }
      if (c1 === 63 /* ? */) {
        this.mode = Mode.Instruction;
        pos = lt + 2;
        continue;
      }
      const gt = findTagEnd(s, lt + 1, this.part);
      if (gt < 0) break;
      this.tag(s, lt, gt);
      pos = gt + 1;
    }
    this.pending = pos < len ? s.slice(pos) : "";
    if (this.pending.length > MAX_TAG_CHARS) throw malformed(this.part, `a tag longer than ${MAX_TAG_CHARS} characters`);
  }

  /** Call after the last chunk: an unfinished tag, comment or section means the part was cut short. */
  end(): void {
    if (this.pending.trim().length > 0 || this.mode !== Mode.Markup) throw malformed(this.part, "the part ends inside a tag");
  }

  /** Inside a comment, CDATA section or processing instruction: consume up to its end, or all but a tail. */
  private skipSpecial(s: string, pos: number): number {
    const terminator = this.mode === Mode.Comment ? "-->" : this.mode === Mode.CData ? "]]>" : "?>";
    const end = s.indexOf(terminator, pos);
    const stop = end < 0 ? Math.max(pos, s.length - (terminator.length - 1)) : end;
    if (this.mode === Mode.CData && stop > pos) this.handler.text(encodeCData(s.slice(pos, stop)));
    if (end < 0) return stop;
    this.mode = Mode.Markup;
    return end + terminator.length;
  }

  private tag(s: string, lt: number, gt: number): void {
    let start = lt + 1;
    const closing = s.charCodeAt(start) === 47; /* / */
    if (closing) start++;
    let i = start;
    while (i < gt) {
      const c = s.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 47) break;
      i++;
    }
    if (i === start) throw malformed(this.part, "a tag without a name");
    let name = s.slice(start, i);
    const colon = name.indexOf(":");
    if (colon >= 0) name = name.slice(colon + 1);
    if (closing) {
      this.handler.close(name);
      return;
    }
    const selfClosing = s.charCodeAt(gt - 1) === 47 && gt - 1 >= i;
    this.handler.open(name, s.slice(i, selfClosing ? gt - 1 : gt), selfClosing);
    if (selfClosing) this.handler.close(name);
  }
}

/**
 * The index of the ">" that ends a tag, skipping quoted attribute values; -1 when the text ends first. A plain
 * character loop: tags are short, and per-call overhead of indexOf costs more than it saves here.
 */
function findTagEnd(s: string, from: number, part: string): number {
  const n = s.length;
  for (let i = from; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 62 /* > */) return i;
    if (c === 34 || c === 39) {
      for (i++; i < n; i++) {
        const d = s.charCodeAt(i);
        if (d === c) break;
        if (d === 60) throw malformed(part, "'<' inside an attribute value");
      }
    } else if (c === 60 /* < */) throw malformed(part, "'<' inside a tag");
  }
  return -1;
}

/** CDATA holds literal text; re-encode it so handlers decode every piece of text the same way. */
function encodeCData(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
}
