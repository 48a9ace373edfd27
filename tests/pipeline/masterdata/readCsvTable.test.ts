import { detectDelimiter, readCsvTable } from "../../../pipeline/src/masterdata/readCsvTable";

const read = (text: string | Buffer) => readCsvTable(typeof text === "string" ? Buffer.from(text, "utf8") : text);

describe("readCsvTable", () => {
  it("numbers rows by the line they start on, across quoted line breaks, blank lines and CRLF", () => {
    const r = read('a,b,c\r\n1,"two\r\nlines",3\r\n\r\n4,5,6\r\n,,\r\n\r\n"7",8,"9"\r\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.table.header).toEqual(["a", "b", "c"]);
    expect(r.table.rows.map((x) => [x.rowNumber, ...x.cells])).toEqual([
      [2, "1", "two\nlines", "3"],
      [5, "4", "5", "6"],
      [8, "7", "8", "9"],
    ]);
  });

  it("counts lines the same with old Mac line endings and with plain LF", () => {
    for (const eol of ["\r", "\n"]) {
      const r = read(["a,b", "1,2", "", '"x', 'y",3', "4,5"].join(eol));
      expect(r.ok && r.table.rows.map((x) => x.rowNumber)).toEqual([2, 4, 6]);
    }
  });

  it("drops a UTF-8 byte-order mark and detects semicolons from the header line", () => {
    const r = read("\ufeffnombre;monto\n\"Pérez, Ana\";1\n");
    expect(r.ok && r.table.header).toEqual(["nombre", "monto"]);
    expect(r.ok && r.table.rows[0]!.cells).toEqual(["Pérez, Ana", "1"]);
    expect(detectDelimiter('"a;b",c,d\n1;2;3;4')).toBe(",");
    const hinted = read("sep=;\r\na,b;c\r\n1,5;2\r\n");
    expect(hinted.ok && hinted.table.header).toEqual(["a,b", "c"]);
    expect(hinted.ok && hinted.table.rows.map((x) => [x.rowNumber, ...x.cells])).toEqual([[3, "1,5", "2"]]);
    expect(detectDelimiter("a;b;c,d\n")).toBe(";");
  });

  it("reports a line with too many fields and reads the others; trailing separators are harmless", () => {
    const r = read("a,b\n1,2\n3,4,5\n6,7,,\n");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.issues.map((i) => `${i.code} ${i.row}`)).toEqual(["WRONG_FIELD_COUNT 3"]);
    expect(r.table.rows.map((x) => x.rowNumber)).toEqual([2, 4]);
  });

  it("refuses broken quoting with its line and without quoting the content", () => {
    const r = read('a,b\n1,2\n3,"40123456"x\n');
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => `${i.code} ${i.row}`)).toEqual(["CSV_MALFORMED 3"]);
    expect(r.issues[0]!.message.en).not.toContain("40123456");
  });

  it("refuses text that is not UTF-8, a workbook renamed .csv, and a file without a header", () => {
    expect(read(Buffer.from("a,b\nPer\xfa,1\n", "latin1")).issues.map((i) => i.code)).toEqual(["NOT_UTF8"]);
    expect(read(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0])).issues.map((i) => i.code)).toEqual(["NOT_TEXT"]);
    expect(read("").issues.map((i) => i.code)).toEqual(["NO_HEADER"]);
    expect(read(",,\n1,2,3\n").issues.map((i) => `${i.code} ${i.row}`)).toEqual(["NO_HEADER 1"]);
  });
});
