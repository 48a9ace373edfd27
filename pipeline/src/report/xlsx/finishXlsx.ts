import { readZipEntries, writeZipArchive } from "./zipArchive";

/** The number format ExcelJS writes as built-in id 49; the pack gives it only to text that looks like a formula. */
export const TEXT_FORMAT = "@";

/**
 * Two things ExcelJS cannot do, done on its output: (1) Excel's own "this is text" mark, quotePrefix="1", on the
 * cell formats of text that starts like a formula — those cells, and only those, carry the text format "@"
 * (built-in id 49), so the mark goes on every cellXfs entry with numFmtId 49; (2) reproducible bytes: JSZip
 * stamps each entry with the current time, so the package is re-zipped with every entry dated `date`.
 */
export function finishXlsx(xlsx: Buffer, date: Date): Buffer {
  const entries = readZipEntries(xlsx).map((e) => {
    if (e.name !== "xl/styles.xml") return e;
    const xml = e.data.toString("utf8");
    const start = xml.indexOf("<cellXfs");
    const end = xml.indexOf("</cellXfs>");
    if (start < 0 || end < 0) throw new RangeError("styles.xml without cellXfs");
    const marked = xml.slice(start, end).replace(/<xf numFmtId="49"(?![^>]*quotePrefix)/g, '<xf numFmtId="49" quotePrefix="1"');
    return { name: e.name, data: Buffer.from(xml.slice(0, start) + marked + xml.slice(end), "utf8") };
  });
  return writeZipArchive(entries, date);
}
