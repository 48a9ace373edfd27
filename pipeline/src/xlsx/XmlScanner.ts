import { WorkbookRejected } from "./WorkbookRejected";
import { malformed } from "./xmlText";

/**
 * What a part reader does with the scanner's events. Everything arrives as byte ranges of the inflated UTF-8
 * (no string is made unless the handler makes one): names are local names ("x:row" arrives as "row"), and a
 * buffer is only valid during the call unless the handler keeps a reference to it (the scanner never writes
 * into a buffer it has handed on).
 */
export interface XmlHandler {
  /**
   * A start tag: its local name is buf[nameStart, nameEnd), its raw attribute text buf[nameEnd, attrsEnd). A
   * self-closing tag is followed by close().
   */
  open(buf: Buffer, nameStart: number, nameEnd: number, attrsEnd: number, selfClosing: boolean): void;
  close(buf: Buffer, nameStart: number, nameEnd: number): void;
  /** Raw text between tags, entities still encoded (CDATA arrives re-encoded), possibly in several pieces. */
  text(buf: Buffer, start: number, end: number): void;
}

const enum Mode {
  Markup,
  Comment,
  CData,
  Instruction,
}

const LT = 60; // <
const GT = 62; // >
const SLASH = 47;
const COLON = 58;

/** The longest tag accepted, in bytes; a template's longest (a data validation) is under 1,000. */
export const MAX_TAG_BYTES = 256 * 1024;

const TERMINATORS: Record<Mode.Comment | Mode.CData | Mode.Instruction, Buffer> = {
  [Mode.Comment]: Buffer.from("-->"),
  [Mode.CData]: Buffer.from("]]>"),
  [Mode.Instruction]: Buffer.from("?>"),
};
const COMMENT_OPEN = Buffer.from("<!--");
const CDATA_OPEN = Buffer.from("<![CDATA[");

/**
 * A streaming, non-validating XML tokenizer over the inflated bytes of a part: no tree, no stack, no decoding
 * (UTF-8 keeps every markup character in ASCII, so markup is found byte by byte and only the text a handler
 * keeps is ever decoded), and nothing kept between chunks but an unfinished tag (at most MAX_TAG_BYTES), so
 * memory stays bounded and the work is linear in the input: every byte is looked at a bounded number of times
 * (an unfinished tag is rescanned once per chunk, and at most MAX_TAG_BYTES / chunk size times). Text is handed
 * on as it comes and never buffered here. Any DTD construct is refused.
 */
export class XmlScanner {
  private pending: Buffer | undefined;
  private mode = Mode.Markup;

  constructor(
    private readonly handler: XmlHandler,
    private readonly part: string,
  ) {}

  feed(chunk: Buffer): void {
    const s = this.pending === undefined ? chunk : Buffer.concat([this.pending, chunk]);
    this.pending = undefined;
    const len = s.length;
    const h = this.handler;
    let pos = 0;
    while (pos < len) {
      if (this.mode !== Mode.Markup) {
        pos = this.skipSpecial(s, pos);
        if ((this.mode as Mode) !== Mode.Markup) break;
        continue;
      }
      let lt = pos;
      while (lt < len && s[lt] !== LT) lt++;
      if (lt > pos) h.text(s, pos, lt);
      pos = lt;
      if (lt + 1 >= len) break; // no "<" left, or a lone "<" at the end: wait for the rest
      const c1 = s[lt + 1]!;
      if (c1 === 33 /* ! */) {
        if (startsWith(s, lt, COMMENT_OPEN)) {
          this.mode = Mode.Comment;
          pos = lt + 4;
        } else if (startsWith(s, lt, CDATA_OPEN)) {
          this.mode = Mode.CData;
          pos = lt + 9;
        } else if (isDtdDeclaration(s, lt)) {
          throw new WorkbookRejected("DTD_FORBIDDEN", { part: this.part, detail: s.toString("latin1", lt, Math.min(len, lt + 10)) });
        } else if (len - lt < 10) break; // wait for enough bytes to tell a comment from a declaration
        else throw malformed(this.part, `unknown declaration ${JSON.stringify(s.toString("utf8", lt, lt + 10))}`);
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
    if (pos < len) {
      if (len - pos > MAX_TAG_BYTES) throw malformed(this.part, `a tag longer than ${MAX_TAG_BYTES} bytes`);
      // A copy, so that the (possibly large) chunk it came from is not kept alive.
      this.pending = Buffer.from(s.subarray(pos));
    }
  }

  /** Call after the last chunk: an unfinished tag, comment or section means the part was cut short. */
  end(): void {
    if (this.pending !== undefined || this.mode !== Mode.Markup) throw malformed(this.part, "the part ends inside a tag");
  }

  /** Inside a comment, CDATA section or processing instruction: consume up to its end, or all but a tail. */
  private skipSpecial(s: Buffer, pos: number): number {
    const mode = this.mode as Mode.Comment | Mode.CData | Mode.Instruction;
    const terminator = TERMINATORS[mode];
    const end = s.indexOf(terminator, pos);
    const stop = end < 0 ? Math.max(pos, s.length - (terminator.length - 1)) : end;
    if (mode === Mode.CData && stop > pos) {
      const encoded = encodeCData(s, pos, stop);
      this.handler.text(encoded, 0, encoded.length);
    }
    if (end < 0) return stop;
    this.mode = Mode.Markup;
    return end + terminator.length;
  }

  private tag(s: Buffer, lt: number, gt: number): void {
    let start = lt + 1;
    const closing = s[start] === SLASH;
    if (closing) start++;
    let i = start;
    let local = start;
    while (i < gt) {
      const c = s[i]!;
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === SLASH) break;
      if (c === COLON && local === start) local = i + 1;
      i++;
    }
    if (i === start) throw malformed(this.part, "a tag without a name");
    if (closing) {
      this.handler.close(s, local, i);
      return;
    }
    const selfClosing = s[gt - 1] === SLASH && gt - 1 >= i;
    this.handler.open(s, local, i, selfClosing ? gt - 1 : gt, selfClosing);
    if (selfClosing) this.handler.close(s, local, i);
  }
}

/**
 * The index of the ">" that ends a tag, skipping quoted attribute values; -1 when the bytes end first. A plain
 * byte loop: tags are short, and the per-call overhead of indexOf costs more than it saves here.
 */
function findTagEnd(s: Buffer, from: number, part: string): number {
  const n = s.length;
  for (let i = from; i < n; i++) {
    const c = s[i]!;
    if (c === GT) return i;
    if (c === 34 || c === 39) {
      for (i++; i < n; i++) {
        const d = s[i]!;
        if (d === c) break;
        if (d === LT) throw malformed(part, "'<' inside an attribute value");
      }
    } else if (c === LT) throw malformed(part, "'<' inside a tag");
  }
  return -1;
}

function startsWith(s: Buffer, at: number, prefix: Buffer): boolean {
  if (at + prefix.length > s.length) return false;
  for (let i = 0; i < prefix.length; i++) if (s[at + i] !== prefix[i]) return false;
  return true;
}

// What a DTD or entity declaration starts with after "<!"; Excel, LibreOffice and openpyxl never write one.
const DTD_KEYWORDS = ["DOCTYPE", "ENTITY", "ELEMENT", "ATTLIST", "NOTATION"].map((k) => Buffer.from(k));

/** "<!" at `at` followed by a DTD keyword in any case (ASCII case folding, as the /i of a non-unicode RegExp). */
export function isDtdDeclaration(s: Buffer, at: number): boolean {
  if (s[at] !== LT || s[at + 1] !== 33) return false;
  for (const keyword of DTD_KEYWORDS) {
    if (at + 2 + keyword.length > s.length) continue;
    let i = 0;
    while (i < keyword.length && (s[at + 2 + i]! & 0xdf) === keyword[i]) i++;
    if (i === keyword.length) return true;
  }
  return false;
}

/** CDATA holds literal text; re-encode it so handlers decode every piece of text the same way. */
function encodeCData(s: Buffer, from: number, to: number): Buffer {
  let extra = 0;
  for (let i = from; i < to; i++) {
    if (s[i] === 38) extra += 4;
    else if (s[i] === LT) extra += 3;
  }
  if (extra === 0) return Buffer.from(s.subarray(from, to));
  const out = Buffer.allocUnsafe(to - from + extra);
  let o = 0;
  for (let i = from; i < to; i++) {
    const c = s[i]!;
    if (c === 38) o += out.write("&amp;", o, "latin1");
    else if (c === LT) o += out.write("&lt;", o, "latin1");
    else out[o++] = c;
  }
  return out;
}
