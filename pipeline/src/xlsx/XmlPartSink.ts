import { StringDecoder } from "node:string_decoder";
import { WorkbookRejected } from "./WorkbookRejected";
import { XmlScanner, type XmlHandler } from "./XmlScanner";
import { malformed } from "./xmlText";

// What a DTD or entity declaration starts with; Excel, LibreOffice and openpyxl never write one.
const DTD = /<!(?:DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i;
const DTD_TAIL = 9;

/**
 * Turns an XML part's inflated chunks into text for a handler: UTF-8 decoded across chunk boundaries, and
 * refused if a DTD declaration appears anywhere — in markup, comments or text, and across chunk boundaries
 * (the last few characters of each chunk are kept to see a declaration split in two).
 */
export class XmlPartSink {
  private readonly decoder = new StringDecoder("utf8");
  private readonly scanner: XmlScanner | undefined;
  private tail = "";
  private first = true;

  constructor(
    private readonly part: string,
    handler?: XmlHandler,
  ) {
    this.scanner = handler ? new XmlScanner(handler, part) : undefined;
  }

  readonly write = (chunk: Buffer): void => {
    if (this.first) {
      this.first = false;
      // Excel writes UTF-8; a UTF-16 part would hide markup from the checks below.
      if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff) || chunk[0] === 0 || chunk[1] === 0) {
        throw malformed(this.part, "not UTF-8");
      }
    }
    let text = this.decoder.write(chunk);
    if (this.tail.length === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    this.check(text);
    this.scanner?.feed(text);
  };

  end(): void {
    const rest = this.decoder.end();
    if (rest) {
      this.check(rest);
      this.scanner?.feed(rest);
    }
    this.scanner?.end();
  }

  private check(text: string): void {
    if (DTD.test(text) || (this.tail.length > 0 && DTD.test(this.tail + text.slice(0, DTD_TAIL)))) {
      throw new WorkbookRejected("DTD_FORBIDDEN", { part: this.part });
    }
    this.tail = text.length >= DTD_TAIL ? text.slice(-DTD_TAIL) : (this.tail + text).slice(-DTD_TAIL);
  }
}
