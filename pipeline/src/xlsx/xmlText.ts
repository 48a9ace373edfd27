import { WorkbookRejected } from "./WorkbookRejected";

const NAMED_ENTITIES = new Map<string, string>([
  ["lt", "<"],
  ["gt", ">"],
  ["amp", "&"],
  ["quot", '"'],
  ["apos", "'"],
]);

/**
 * Decodes the five XML entities and numeric character references. Any other entity is refused: without a
 * DTD (which is refused earlier) XML defines no others, and a reader that guessed would read a forged file
 * differently from Excel.
 */
export function decodeXmlText(raw: string, part: string): string {
  let amp = raw.indexOf("&");
  if (amp < 0) return raw;
  let out = "";
  let from = 0;
  while (amp >= 0) {
    const semi = raw.indexOf(";", amp + 1);
    // The longest reference is "&#x10FFFF;" (leading zeros aside): a long run without ";" is not one.
    if (semi < 0 || semi - amp > 32) throw malformed(part, `unterminated entity at ${amp}`);
    out += raw.slice(from, amp) + decodeReference(raw.slice(amp + 1, semi), part);
    from = semi + 1;
    amp = raw.indexOf("&", from);
  }
  return out + raw.slice(from);
}

function decodeReference(name: string, part: string): string {
  if (name.charCodeAt(0) === 35 /* # */) {
    const hex = name.charCodeAt(1) === 120 /* x */;
    const digits = hex ? name.slice(2) : name.slice(1);
    if (!(hex ? /^[0-9A-Fa-f]{1,8}$/ : /^[0-9]{1,9}$/).test(digits)) throw malformed(part, `bad character reference &${name};`);
    const code = Number.parseInt(digits, hex ? 16 : 10);
    // NUL and lone surrogates are not XML characters; past U+10FFFF is not Unicode.
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) throw malformed(part, `bad character reference &${name};`);
    return String.fromCodePoint(code);
  }
  const named = NAMED_ENTITIES.get(name);
  if (named === undefined) throw malformed(part, `undefined entity &${name.slice(0, 20)};`);
  return named;
}

/**
 * OOXML's escape for characters XML cannot carry (ECMA-376 Part 1, 22.9.2.19 ST_Xstring): "_xHHHH_" is the
 * UTF-16 code unit HHHH, so a literal "_x0041_" typed in Excel is stored as "_x005F_x0041_" (an escaped "_").
 */
export function decodeOoxmlEscapes(s: string): string {
  if (s.indexOf("_x") < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** Cell and shared-string text: XML decoding, then OOXML's own escapes. */
export function decodeCellText(raw: string, part: string): string {
  return decodeOoxmlEscapes(decodeXmlText(raw, part));
}

/**
 * The raw (still entity-encoded) value of one attribute in a tag's attribute text, or undefined. Names are
 * matched exactly, prefix included ("r:id"); with `anyPrefix`, "id" also matches "r:id" or "x:id". Attributes
 * are walked in order, so text inside another attribute's value is never taken for a name.
 */
export function attribute(attrs: string, name: string, options?: { anyPrefix?: boolean }): string | undefined {
  const n = attrs.length;
  const anyPrefix = options?.anyPrefix === true;
  let i = 0;
  while (i < n) {
    let c = attrs.charCodeAt(i);
    while (isSpace(c)) c = attrs.charCodeAt(++i);
    if (i >= n) return undefined;
    const nameStart = i;
    while (i < n && c !== 61 /* = */ && !isSpace(c)) c = attrs.charCodeAt(++i);
    const nameEnd = i;
    while (isSpace(c)) c = attrs.charCodeAt(++i);
    if (c !== 61) return undefined;
    c = attrs.charCodeAt(++i);
    while (isSpace(c)) c = attrs.charCodeAt(++i);
    if (c !== 34 && c !== 39) return undefined;
    const valueEnd = attrs.indexOf(c === 34 ? '"' : "'", i + 1);
    if (valueEnd < 0) return undefined;
    const length = nameEnd - nameStart;
    if (length === name.length ? attrs.startsWith(name, nameStart) : anyPrefix && length > name.length && attrs.charCodeAt(nameEnd - name.length - 1) === 58 && attrs.startsWith(name, nameEnd - name.length)) {
      return attrs.slice(i + 1, valueEnd);
    }
    i = valueEnd + 1;
  }
  return undefined;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** An attribute decoded as text (names, targets, content types). */
export function textAttribute(attrs: string, name: string, part: string, options?: { anyPrefix?: boolean }): string | undefined {
  const raw = attribute(attrs, name, options);
  return raw === undefined ? undefined : decodeXmlText(raw, part);
}

export function malformed(part: string, detail: string): WorkbookRejected {
  return new WorkbookRejected("XML_MALFORMED", { part, detail });
}

/**
 * Byte-level `attribute` for the hot parts (worksheets): the start of the raw value of attribute `name` (exact
 * name, prefix included) in a tag's attribute bytes buf[from, to), or -1; the value ends at attributeValueEnd.
 * Attributes are walked in order, so bytes inside another attribute's value are never taken for a name.
 */
export function findAttribute(buf: Buffer, from: number, to: number, name: Buffer): number {
  let i = from;
  while (i < to) {
    while (i < to && isSpace(buf[i]!)) i++;
    if (i >= to) return -1;
    const nameStart = i;
    while (i < to && buf[i] !== 61 /* = */ && !isSpace(buf[i]!)) i++;
    const nameEnd = i;
    while (i < to && isSpace(buf[i]!)) i++;
    if (i >= to || buf[i] !== 61) return -1;
    i++;
    while (i < to && isSpace(buf[i]!)) i++;
    const quote = buf[i];
    if (i >= to || (quote !== 34 && quote !== 39)) return -1;
    const valueEnd = attributeValueEnd(buf, i + 1, to);
    if (valueEnd < 0) return -1;
    if (nameEnd - nameStart === name.length && sameBytes(buf, nameStart, name)) return i + 1;
    i = valueEnd + 1;
  }
  return -1;
}

/** The index of the quote that closes the attribute value starting at `valueStart` (opened by the byte before it), or -1 before `to`. */
export function attributeValueEnd(buf: Buffer, valueStart: number, to: number): number {
  const quote = buf[valueStart - 1];
  for (let i = valueStart; i < to; i++) if (buf[i] === quote) return i;
  return -1;
}

/** buf[at, at + bytes.length) equals `bytes` (a loop: names are a few bytes, shorter than a native call's overhead). */
function sameBytes(buf: Buffer, at: number, bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) if (buf[at + i] !== bytes[i]) return false;
  return true;
}
