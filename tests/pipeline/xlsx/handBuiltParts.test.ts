import { readWorkbook } from "../../../pipeline/src/xlsx/readWorkbook";
import { buildSharedFormula, shiftSharedFormula } from "../../../pipeline/src/xlsx/sharedFormula";
import { handWorkbook } from "../../helpers/zipWorkbook";

const at = (grid: { values: ReadonlyArray<ReadonlyArray<unknown>> } | undefined, row: number, col: number) => grid?.values[row]?.[col];
const formulaAt = (grid: { formulas?: ReadonlyArray<ReadonlyArray<unknown>> } | undefined, row: number, col: number) => grid?.formulas?.[row]?.[col];

describe("readWorkbook on hand-built parts", () => {
  it("reads shared strings with rich-text runs, leaving out phonetic guides, even when sheets come first in the zip", async () => {
    const wb = await readWorkbook(
      handWorkbook({
        sheetsFirst: true,
        sharedStrings:
          '<si><t>plain</t></si><si><r><rPr><b/></rPr><t xml:space="preserve">Rich </t></r><r><t>text</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh></si><si><t xml:space="preserve">  two spaces and\r\nCRLF  </t></si><si><t>_x005F_x0041_ and _x0041_ and _x0007_bell</t></si><si><t>&lt;&amp;&gt;&quot;&apos; &#233;&#x1F600;</t></si>',
        sheets: [{ name: "S", rows: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>' }],
      }),
    );
    const s = wb.sheets.get("S");
    expect(s?.values[0]).toEqual(["plain", "Rich text", "  two spaces and\r\nCRLF  ", "_x0041_ and A and \u0007bell", "<&>\"' é😀"]);
  });

  it("reads inline strings, x:-prefixed elements, rows and cells without r, booleans, errors, t=\"d\" and str results", async () => {
    const xml = `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:dimension ref="A1:XFD1048576"/><x:sheetData>
      <x:row><x:c t="inlineStr"><x:is><x:r><x:t>in</x:t></x:r><x:r><x:t xml:space="preserve">line </x:t></x:r></x:is></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c t="b"><x:v>0</x:v></x:c></x:row>
      <x:row><x:c t="e"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c><x:c t="d"><x:v>2026-03-15T00:00:00</x:v></x:c><x:c t="str"><x:f>"a"&amp;"b"</x:f><x:v>ab</x:v></x:c><x:c><x:v>-1.5E3</x:v></x:c></x:row>
      <x:row r="5"><x:c r="C5" s="3"/><x:c><x:v>42</x:v></x:c></x:row>
    </x:sheetData></x:worksheet>`;
    const wb = await readWorkbook(handWorkbook({ sheets: [{ name: "P", xml }] }));
    const p = wb.sheets.get("P");
    expect(p?.values[0]).toEqual(["inline ", true, false]);
    expect(p?.values[1]).toEqual(["#DIV/0!", "2026-03-15T00:00:00", "ab", -1500]);
    expect(formulaAt(p, 1, 0)).toBe("=1/0");
    expect(formulaAt(p, 1, 2)).toBe('="a"&"b"');
    // Row 5 had an empty styled C5 then a cell without r: it is D5.
    expect(at(p, 4, 3)).toBe(42);
    expect(at(p, 4, 2)).toBeUndefined();
    expect(p?.values.length).toBe(5);
    expect(p?.values[2]).toBeUndefined();
  });

  it("gives shared-formula children the master's formula with relative references moved and $ kept", async () => {
    const rows = [
      '<row r="6"><c r="G6"><f t="shared" ref="G6:G8" si="0">E6+F6</f><v>3</v></c><c r="H6"><f t="shared" ref="H6:I7" si="1">SUM($E$6:E6)*Sheet2!B$1+\'My Sheet\'!$C6+LOG10(A1)+"E6"</f><v>1</v></c><c r="I6"><f t="shared" si="1"/><v>1</v></c></row>',
      '<row r="7"><c r="G7"><f t="shared" si="0"/><v>5</v></c><c r="H7"><f t="shared" si="1"/><v>2</v></c></row>',
      '<row r="8"><c r="G8"><f t="shared" si="0"/></c><c r="H8"><f t="array" ref="H8:H9">SUM(E6:E12*F6:F12)</f><v>9</v></c></row>',
    ].join("");
    const wb = await readWorkbook(handWorkbook({ sheets: [{ name: "F", rows }] }));
    const f = wb.sheets.get("F");
    expect(formulaAt(f, 5, 6)).toBe("=E6+F6");
    expect(formulaAt(f, 6, 6)).toBe("=E7+F7");
    expect(formulaAt(f, 7, 6)).toBe("=E8+F8");
    expect(at(f, 7, 6)).toBeNull(); // no cached value
    expect(formulaAt(f, 5, 8)).toBe("=SUM($E$6:F6)*Sheet2!C$1+'My Sheet'!$C6+LOG10(B1)+\"E6\"");
    expect(formulaAt(f, 6, 7)).toBe("=SUM($E$6:E7)*Sheet2!B$1+'My Sheet'!$C7+LOG10(A2)+\"E6\"");
    expect(formulaAt(f, 7, 7)).toBe("=SUM(E6:E12*F6:F12)");
    expect(at(f, 7, 7)).toBe(9);
  });

  it("reads sheet names, order, visibility and the 1904 date system, and never allocates for a forged dimension", async () => {
    const wb = await readWorkbook(
      handWorkbook({
        date1904: true,
        sheets: [
          { name: "Uno & <dos>", rows: '<row r="1"><c r="A1"><v>45000</v></c></row>' },
          { name: "Oculta", state: "hidden" },
          { name: "pa1325_meta", state: "veryHidden" },
        ],
      }),
    );
    expect(wb.sheetNames).toEqual(["Uno & <dos>", "Oculta", "pa1325_meta"]);
    expect([...wb.sheetStates]).toEqual([
      ["Uno & <dos>", "visible"],
      ["Oculta", "hidden"],
      ["pa1325_meta", "veryHidden"],
    ]);
    expect(wb.date1904).toBe(true);
    expect(at(wb.sheets.get("Uno & <dos>"), 0, 0)).toBe(45000);
    expect(wb.sheets.get("Oculta")?.values).toEqual([]);
    expect(wb.stats.cells).toBe(1);
  });
});

describe("shiftSharedFormula", () => {
  it.each([
    ["E6+F6", 5, 6, 9, 6, "E10+F10"],
    ["$E6+F$6", 5, 6, 9, 8, "$E10+H$6"],
    ["SUM(A:A)+SUM(1:1)", 0, 0, 2, 1, "SUM(B:B)+SUM(3:3)"],
    ["A1-1", 1, 1, 0, 0, "#REF!-1"],
    ["PA1325_META+A1", 0, 0, 1, 0, "PA1325_META+A2"],
    ["Table1[[#This Row],[A1]]+A1", 0, 0, 1, 0, "Table1[[#This Row],[A1]]+A2"],
  ])("%s moved from (%i,%i) to (%i,%i) is %s", (text, r0, c0, r1, c1, expected) => {
    expect(shiftSharedFormula(buildSharedFormula(text, r0, c0), r1, c1)).toBe(expected);
  });
});
