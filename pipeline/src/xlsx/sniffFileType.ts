import { WorkbookRejected } from "./WorkbookRejected";

const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * Refuses, from the first bytes, what is not a zip: an OLE compound file (an encrypted .xlsx or an old .xls),
 * text (CSV or HTML renamed to .xlsx, which some readers would happily parse), or anything else.
 */
export function sniffFileType(buf: Buffer): void {
  if (buf.length === 0) throw new WorkbookRejected("EMPTY_FILE");
  if (buf.length >= 8 && buf.subarray(0, 8).equals(OLE_SIGNATURE)) throw new WorkbookRejected("ENCRYPTED_OR_LEGACY");
  // "PK\3\4" starts every workbook; "PK\5\6" is an empty archive (refused later: it holds no workbook).
  if (buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && ((buf[2] === 3 && buf[3] === 4) || (buf[2] === 5 && buf[3] === 6))) return;
  if (looksLikeText(buf.subarray(0, 4096))) throw new WorkbookRejected("LOOKS_LIKE_TEXT");
  throw new WorkbookRejected("NOT_A_ZIP");
}

/** A byte-order mark, or no NUL and almost no control bytes (any 8-bit text: UTF-8, Windows-1252, …). */
export function looksLikeText(head: Buffer): boolean {
  if ((head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) || (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return true;
  let control = 0;
  for (const b of head) {
    if (b === 0) return false;
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12) control++;
  }
  return control * 100 <= head.length;
}
