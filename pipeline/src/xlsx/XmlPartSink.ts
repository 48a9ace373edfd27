import { WorkbookRejected } from "./WorkbookRejected";
import { XmlScanner, isDtdDeclaration, type XmlHandler } from "./XmlScanner";
import { malformed } from "./xmlText";

// "<!NOTATION" is the longest DTD opening (10 bytes): the last 9 bytes of a chunk are enough to see one split in two.
const DTD_TAIL = 9;
const MARKUP_DECLARATION = Buffer.from("<!");
const BANG = 33;
const LT = 60;

/**
 * Hands an XML part's inflated chunks to a scanner as bytes, and refuses the part if a DTD declaration appears
 * anywhere — in markup, comments or text, and across chunk boundaries (the last few bytes of each chunk are kept
 * to see a declaration split in two). Every markup character is ASCII in UTF-8, and a UTF-8 multi-byte sequence
 * never contains an ASCII byte, so looking for "<!DOCTYPE" in the bytes finds exactly what looking in the
 * decoded text would. UTF-16 parts are refused: they would hide markup from these checks.
 */
export class XmlPartSink {
  private readonly scanner: XmlScanner | undefined;
  private tail: Buffer | undefined;
  private first = true;

  constructor(
    private readonly part: string,
    handler?: XmlHandler,
  ) {
    this.scanner = handler ? new XmlScanner(handler, part) : undefined;
  }

  readonly write = (chunk: Buffer): void => {
    if (chunk.length === 0) return;
    if (this.first) {
      this.first = false;
      // Excel writes UTF-8; a UTF-16 part would hide markup from the checks below.
      if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff) || chunk[0] === 0 || chunk[1] === 0) {
        throw malformed(this.part, "not UTF-8");
      }
      // A UTF-8 byte order mark is not part of the XML.
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    }
    this.check(chunk);
    this.scanner?.feed(chunk);
  };

  end(): void {
    this.scanner?.end();
  }

  private check(chunk: Buffer): void {
    if (this.tail !== undefined) {
      const seam = Buffer.concat([this.tail, chunk.subarray(0, DTD_TAIL)]);
      for (let at = seam.indexOf(MARKUP_DECLARATION); at >= 0; at = seam.indexOf(MARKUP_DECLARATION, at + 1)) {
        if (isDtdDeclaration(seam, at)) throw new WorkbookRejected("DTD_FORBIDDEN", { part: this.part });
      }
    }
    // "!" is rare in XML, and a one-byte search is a memchr: look for it, then at the byte before it.
    for (let at = chunk.indexOf(BANG, 1); at >= 0; at = chunk.indexOf(BANG, at + 1)) {
      if (chunk[at - 1] === LT && isDtdDeclaration(chunk, at - 1)) throw new WorkbookRejected("DTD_FORBIDDEN", { part: this.part });
    }
    // Copied: a reference would keep the whole chunk alive.
    this.tail = chunk.length >= DTD_TAIL ? Buffer.from(chunk.subarray(chunk.length - DTD_TAIL)) : Buffer.concat([this.tail ?? Buffer.alloc(0), chunk]).subarray(-DTD_TAIL);
  }
}
