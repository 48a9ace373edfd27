import type { XlsxLimits, XlsxRejectionCode } from "../../pipeline/src/xlsx/readWorkbook";
import { buildZip, zeroBomb, type ZipEntrySpec } from "./zipWriter";
import { handWorkbook, handWorkbookEntries, type HandWorkbookOptions } from "./zipWorkbook";

export interface HostileCase {
  label: string;
  bytes: Buffer;
  /** The refusal expected, or "read" for a file that must be read faithfully. */
  expect: XlsxRejectionCode | "read";
  limits?: Partial<XlsxLimits>;
}

const MIB = 1024 * 1024;
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const base: HandWorkbookOptions = { sheets: [{ name: "Hoja1", rows: '<row r="1"><c r="A1"><v>1</v></c></row>' }] };
const withExtra = (extraEntries: ZipEntrySpec[], more: Partial<HandWorkbookOptions> = {}) => handWorkbook({ ...base, ...more, extraEntries });
const oneSheet = (rows: string, more: Partial<HandWorkbookOptions> = {}) => handWorkbook({ ...more, sheets: [{ name: "Hoja1", rows }] });
const replaceEntry = (name: string, change: (e: ZipEntrySpec) => ZipEntrySpec) => buildZip(handWorkbookEntries(base).map((e) => (e.name === name ? change(e) : e)));

/** A part that streams (over 1 MiB) with `<!DOCTYPE` cut in two by the 64 KiB inflate chunk boundary. */
function splitDoctypePart(): string {
  const boundary = 64 * 1024 * 3;
  const head = '<?xml version="1.0"?>';
  const pad = " ".repeat(boundary - head.length - 4);
  return `${head}${pad}<!DOCTYPE x [<!ENTITY a "b">]><x/>${" ".repeat(MIB + 100_000)}`;
}

/** Files a hostile or careless sender could send, each with the outcome the reader must give. */
export function hostileCorpus(): HostileCase[] {
  const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ""};`.repeat(10)}">`).join("")}]><sst xmlns="x"><si><t>&lol9;</t></si></sst>`;
  const xxe = `<?xml version="1.0"?><!DOCTYPE workbook [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><workbook><sheets><sheet name="&xxe;" sheetId="1" r:id="rId1" xmlns:r="${REL}"/></sheets></workbook>`;
  const manyStrings = Array.from({ length: 200_001 }, () => "<si><t>x</t></si>").join("");
  return [
    // Not a zip at all
    { label: "empty file", bytes: Buffer.alloc(0), expect: "EMPTY_FILE" },
    { label: "OLE compound file (encrypted .xlsx or .xls)", bytes: Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.alloc(4096, 0xff)]), expect: "ENCRYPTED_OR_LEGACY" },
    { label: "CSV renamed to .xlsx", bytes: Buffer.from("institución;mujeres;hombres\r\nEP;12;80\r\n", "latin1"), expect: "LOOKS_LIKE_TEXT" },
    { label: "HTML renamed to .xlsx", bytes: Buffer.from('\ufeff<html><body><table><tr><td>1</td></tr></table><script>alert(1)</script></body></html>'), expect: "LOOKS_LIKE_TEXT" },
    { label: "random binary", bytes: Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919) % 251)), expect: "NOT_A_ZIP" },
    { label: "zip cut in half", bytes: withExtra([]).subarray(0, 700), expect: "ZIP_TRUNCATED" },
    { label: "zip cut to its first bytes", bytes: withExtra([]).subarray(0, 10), expect: "ZIP_TRUNCATED" },
    { label: "file over the size cap", bytes: withExtra([]), expect: "FILE_TOO_LARGE", limits: { maxFileBytes: 1000 } },
    // Zip structure
    { label: "zip bomb: one entry declaring 1 GiB", bytes: withExtra([{ name: "xl/media/bomb.bin", data: Buffer.alloc(0), compressed: zeroBomb(1024 * MIB), declaredSize: 1024 * MIB, crc: 0 }]), expect: "ENTRY_TOO_LARGE" },
    { label: "zip bomb: 1 GiB behind a header declaring 1,000 bytes", bytes: withExtra([{ name: "xl/media/bomb.bin", data: Buffer.alloc(0), compressed: zeroBomb(1024 * MIB), declaredSize: 1000, crc: 0 }]), expect: "SIZE_MISMATCH" },
    { label: "zip bomb: 1 GiB behind a header declaring 50 MiB (streamed)", bytes: withExtra([{ name: "xl/media/bomb2.bin", data: Buffer.alloc(0), compressed: zeroBomb(1024 * MIB), declaredSize: 50 * MIB, crc: 0 }]), expect: "SIZE_MISMATCH" },
    { label: "zip bomb: 13 entries of 10 MiB each", bytes: withExtra(Array.from({ length: 13 }, (_, i) => ({ name: `xl/media/b${i}.bin`, data: Buffer.alloc(0), compressed: zeroBomb(10 * MIB), declaredSize: 10 * MIB, crc: 0 }))), expect: "TOTAL_TOO_LARGE" },
    { label: "zip bomb: 400 entries", bytes: withExtra(Array.from({ length: 400 }, (_, i) => ({ name: `xl/media/e${i}.bin`, data: "x" }))), expect: "TOO_MANY_ENTRIES" },
    { label: "overlapping entries (one body, many names)", bytes: withExtra(Array.from({ length: 5 }, (_, i) => ({ name: `xl/media/o${i}.bin`, data: "same bytes", offset: 0 }))), expect: "ZIP_CORRUPT" },
    { label: "stored entry whose sizes disagree", bytes: withExtra([{ name: "xl/media/s.bin", data: "12345", method: 0, declaredSize: 4 }]), expect: "SIZE_MISMATCH" },
    { label: "CRC-32 that does not match", bytes: replaceEntry("xl/workbook.xml", (e) => ({ ...e, crc: 12345 })), expect: "ZIP_CORRUPT" },
    { label: "deflate data that is garbage", bytes: replaceEntry("xl/workbook.xml", (e) => ({ ...e, compressed: Buffer.from("not deflate at all, just text"), declaredSize: 100 })), expect: "ZIP_CORRUPT" },
    { label: "entry encrypted with a zip password", bytes: replaceEntry("xl/workbook.xml", (e) => ({ ...e, flags: 0x801 })), expect: "ZIP_ENCRYPTED" },
    { label: "entry compressed with bzip2 (method 12)", bytes: replaceEntry("xl/workbook.xml", (e) => ({ ...e, method: 12, compressed: Buffer.from("BZh9") })), expect: "UNSUPPORTED_COMPRESSION" },
    { label: "entry name ../evil.xml", bytes: withExtra([{ name: "../evil.xml", data: "<x/>" }]), expect: "UNSAFE_ENTRY_NAME" },
    { label: "entry name /etc/cron.d/x", bytes: withExtra([{ name: "/etc/cron.d/x", data: "x" }]), expect: "UNSAFE_ENTRY_NAME" },
    { label: "entry name with backslashes", bytes: withExtra([{ name: "xl\\..\\..\\evil.xml", data: "x" }]), expect: "UNSAFE_ENTRY_NAME" },
    { label: "entry name with a drive letter", bytes: withExtra([{ name: "C:/Windows/evil.xml", data: "x" }]), expect: "UNSAFE_ENTRY_NAME" },
    { label: "two entries with the same name", bytes: withExtra([{ name: "XL/workbook.xml", data: "<workbook/>" }]), expect: "DUPLICATE_ENTRY" },
    // Package content
    { label: "docx renamed to .xlsx", bytes: buildZip([{ name: "[Content_Types].xml", data: '<Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>' }, { name: "_rels/.rels", data: `<Relationships><Relationship Id="r" Type="${REL}/officeDocument" Target="word/document.xml"/></Relationships>` }, { name: "word/document.xml", data: "<document/>" }]), expect: "NOT_A_WORKBOOK" },
    { label: "zip without [Content_Types].xml", bytes: buildZip([{ name: "hello.txt", data: "hello" }]), expect: "NOT_A_WORKBOOK" },
    { label: "macro project xl/vbaProject.bin", bytes: withExtra([{ name: "xl/vbaProject.bin", data: Buffer.alloc(100, 1) }]), expect: "MACRO_ENABLED" },
    { label: "macro-enabled main content type (.xlsm)", bytes: handWorkbook({ ...base, extraContentTypes: '<Override PartName="/xl/x.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/>' }), expect: "MACRO_ENABLED" },
    { label: "external link part", bytes: withExtra([{ name: "xl/externalLinks/externalLink1.xml", data: "<externalLink/>" }]), expect: "EXTERNAL_LINK" },
    { label: "external link relationship", bytes: handWorkbook({ ...base, extraWorkbookRels: `<Relationship Id="rX" Type="${REL}/externalLink" Target="externalLinks/x.xml"/>` }), expect: "EXTERNAL_LINK" },
    { label: "embedded OLE object", bytes: withExtra([{ name: "xl/embeddings/oleObject1.bin", data: Buffer.alloc(64, 7) }]), expect: "EMBEDDED_OBJECT" },
    { label: "ActiveX control", bytes: withExtra([{ name: "xl/activeX/activeX1.xml", data: "<ax/>" }]), expect: "EMBEDDED_OBJECT" },
    // XML
    { label: "billion laughs in the shared strings", bytes: handWorkbook({ ...base, sharedStrings: laughs }), expect: "DTD_FORBIDDEN" },
    { label: "external entity (XXE) in the workbook part", bytes: replaceEntry("xl/workbook.xml", (e) => ({ ...e, data: xxe })), expect: "DTD_FORBIDDEN" },
    { label: "DOCTYPE split across two inflate chunks of a streamed part", bytes: withExtra([{ name: "docProps/custom.xml", data: splitDoctypePart() }]), expect: "DTD_FORBIDDEN" },
    { label: "undefined entity in a cell", bytes: oneSheet('<row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row>'), expect: "XML_MALFORMED" },
    { label: "worksheet cut off mid-cell", bytes: handWorkbook({ sheets: [{ name: "Hoja1", xml: '<worksheet><sheetData><row r="1"><c r="A1"><v>1' }] }), expect: "XML_MALFORMED" },
    { label: "shared string index past the table", bytes: oneSheet('<row r="1"><c r="A1" t="s"><v>7</v></c></row>', { sharedStrings: "<si><t>a</t></si>" }), expect: "XML_MALFORMED" },
    { label: "two sheets with the same name", bytes: handWorkbook({ sheets: [{ name: "Datos" }, { name: "DATOS" }] }), expect: "DUPLICATE_SHEET" },
    // Grid
    { label: "forged dimension A1:XFD1048576 with one cell", bytes: handWorkbook({ sheets: [{ name: "Hoja1", xml: '<worksheet><dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1"><v>7</v></c></row></sheetData></worksheet>' }] }), expect: "read" },
    { label: "cell XFE1, beyond Excel's columns", bytes: oneSheet('<row r="1"><c r="XFE1"><v>1</v></c></row>'), expect: "CELL_OUT_OF_GRID" },
    { label: "cell A1048577, beyond Excel's rows", bytes: oneSheet('<row r="1048577"><c r="A1048577"><v>1</v></c></row>'), expect: "CELL_OUT_OF_GRID" },
    { label: "a value in row 20,001", bytes: oneSheet('<row r="20001"><c r="A20001"><v>1</v></c></row>'), expect: "TOO_MANY_ROWS" },
    { label: "a value in column 257 (IW)", bytes: oneSheet('<row r="1"><c r="IW1"><v>1</v></c></row>'), expect: "TOO_MANY_COLUMNS" },
    { label: "more cells than the cap", bytes: oneSheet('<row r="1"><c><v>1</v></c><c><v>2</v></c><c><v>3</v></c></row>'), expect: "TOO_MANY_CELLS", limits: { maxCells: 2 } },
    { label: "200,001 shared strings", bytes: oneSheet("", { sharedStrings: manyStrings }), expect: "TOO_MANY_SHARED_STRINGS" },
    { label: "a cell of 40,000 characters", bytes: oneSheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>${"a".repeat(40_000)}</t></is></c></row>`), expect: "CELL_TEXT_TOO_LONG" },
    // Read faithfully
    { label: "__proto__ as a sheet name and as text", bytes: handWorkbook({ sheets: [{ name: "__proto__", rows: '<row r="1"><c r="A1" t="inlineStr"><is><t>__proto__</t></is></c><c r="B1" t="inlineStr"><is><t>constructor</t></is></c></row>' }, { name: "constructor" }, { name: "hasOwnProperty" }] }), expect: "read" },
    { label: "control characters and literal _x0041_ escapes", bytes: oneSheet('<row r="1"><c r="A1" t="inlineStr"><is><t>_x0001__x0009_tab_x000D_</t></is></c><c r="B1" t="inlineStr"><is><t>_x005F_x0041_</t></is></c></row>'), expect: "read" },
  ];
}
