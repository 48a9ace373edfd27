import { neutraliseCsvText, startsLikeFormula } from "../../../pipeline/src/report/format/neutraliseText";
import { escapeHtml, html, SafeHtml } from "../../../pipeline/src/report/html/safeHtml";
import { buildCsv } from "../../../pipeline/src/report/tables/buildCsv";
import { uniqueSheetName } from "../../../pipeline/src/report/xlsx/buildCommitteeWorkbook";
import { encodeOoxmlText } from "../../../pipeline/src/report/xlsx/ooxmlText";
import { decodeCellText } from "../../../pipeline/src/xlsx/xmlText";
import { readZipEntries, writeZipArchive } from "../../../pipeline/src/report/xlsx/zipArchive";

describe("startsLikeFormula / neutraliseCsvText", () => {
  it.each(["=1+1", "+1", "-1+1", "@SUM(1)", "\tcmd", "\rcmd", "\ncmd"])("treats %j as formula-like and prefixes it in CSV", (s) => {
    expect(startsLikeFormula(s)).toBe(true);
    expect(neutraliseCsvText(s)).toBe(`'${s}`);
  });

  it.each(["EP", "1+1", " =1", "«<5»", "", "'", "'plain", "'1"])("leaves %j alone", (s) => {
    expect(startsLikeFormula(s)).toBe(false);
    expect(neutraliseCsvText(s)).toBe(s);
  });

  it.each([
    ["'=1", "''=1"],
    ["''+x", "'''+x"],
    ["'\tcmd", "''\tcmd"],
  ])("gives %j one more apostrophe in CSV, so that stripping one gives it back", (s, csv) => {
    expect(startsLikeFormula(s)).toBe(false);
    expect(neutraliseCsvText(s)).toBe(csv);
  });
});

describe("encodeOoxmlText", () => {
  it("escapes what XML cannot carry or would change, and reads back exactly with the project's reader", () => {
    const samples = ["\rcmd", "a\r\nb", "x\u0001y", "_x0041_", "literal _x005F_ too", "tab\tkept", "line\nkept", "ñandú «<5»", "\uD83D\uDE00 emoji", "lone \uD800 surrogate"];
    for (const s of samples) expect(decodeCellText(encodeOoxmlText(s), "test")).toBe(s);
    expect(encodeOoxmlText("\rcmd")).toBe("_x000D_cmd");
    expect(encodeOoxmlText("_x0041_")).toBe("_x005F_x0041_");
    expect(encodeOoxmlText("tab\tkept")).toBe("tab\tkept");
    expect(encodeOoxmlText("plain text")).toBe("plain text");
  });
});

describe("html", () => {
  it("escapes every interpolated string, in text and in attributes", () => {
    const evil = `"><script>alert('x')</script>`;
    expect(html`<p title="${evil}">${evil}</p>`.value).toBe(
      '<p title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</p>',
    );
    expect(escapeHtml("a & b")).toBe("a &amp; b");
  });

  it("passes its own markup through and joins lists", () => {
    const items = ["<a>", "b"].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}</ul>`.value).toBe("<ul><li>&lt;a&gt;</li><li>b</li></ul>");
    expect(html`${new SafeHtml("<b>")}${null}${undefined}${3}`.value).toBe("<b>3");
    expect(() => html`${Number.NaN}`).toThrow("not a finite number");
  });
});

describe("buildCsv", () => {
  it("quotes what needs quoting and tells an empty text from NULL", () => {
    const csv = buildCsv({
      name: "t",
      columns: [
        { name: "a", type: "VARCHAR", meaning: "" },
        { name: "b", type: "DOUBLE", meaning: "" },
        { name: "c", type: "BOOLEAN", meaning: "" },
      ],
      rows: [
        ["", null, true],
        [null, -3.5, false],
        ['say "hi", twice', 0.1, null],
        [" padded", 1e-7, null],
      ],
    });
    expect(csv).toBe('\uFEFFa,b,c\r\n"",,true\r\n,-3.5,false\r\n"say ""hi"", twice",0.1,\r\n" padded",1e-7,\r\n');
  });

  it("writes the comment as one first line", () => {
    expect(buildCsv({ name: "t", columns: [{ name: "a", type: "VARCHAR", meaning: "" }], rows: [] }, { comment: "X\nY" })).toBe("\uFEFF# X Y\r\na\r\n");
  });
});

describe("uniqueSheetName", () => {
  it("follows Excel's rules: 31 characters, no []:*?/\\, unique regardless of case", () => {
    const used = new Set<string>();
    expect(uniqueSheetName("1. Socorro y Recuperación: [fase] 2/3 *?", used)).toBe("1. Socorro y Recuperación- -fas");
    expect(uniqueSheetName("Datos", used)).toBe("Datos");
    expect(uniqueSheetName("DATOS", used)).toBe("DATOS 2");
    expect(uniqueSheetName("'quoted'", used)).toBe("quoted");
    for (const n of used) expect(n.length).toBeLessThanOrEqual(31);
  });
});

describe("zip archive", () => {
  it("round-trips entries and depends only on the entries and the date", () => {
    const entries = [
      { name: "a.xml", data: Buffer.from("<a>ñ</a>".repeat(100)) },
      { name: "dir/", data: Buffer.alloc(0) },
      { name: "dir/b.bin", data: Buffer.from([0, 1, 2, 255]) },
    ];
    const date = new Date("2026-07-20T15:00:00Z");
    const zip = writeZipArchive(entries, date);
    expect(readZipEntries(zip)).toEqual(entries);
    expect(writeZipArchive(entries, new Date(date)).equals(zip)).toBe(true);
    expect(writeZipArchive(entries, new Date("2026-07-21T15:00:00Z")).equals(zip)).toBe(false);
  });
});
