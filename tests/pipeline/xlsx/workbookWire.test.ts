import { readWorkbook } from "../../../pipeline/src/xlsx/readWorkbook";
import { decodeWorkbook, encodeWorkbook } from "../../../pipeline/src/xlsx/workbookWire";
import { handWorkbook } from "../../helpers/zipWorkbook";

describe("the reader pool's wire form", () => {
  it("gives back the same grids: values, null results, formulas, holes and lengths", async () => {
    const rows = [
      '<row r="2"><c r="B2"><v>1.5</v></c><c r="D2" t="inlineStr"><is><t>texto</t></is></c></row>',
      '<row r="5"><c r="A5"><f>B2*2</f></c><c r="C5" t="b"><v>1</v></c><c r="E5"><f>B2+1</f><v>2.5</v></c></row>',
    ].join("");
    const data = await readWorkbook(handWorkbook({ sheets: [{ name: "Datos", rows }, { name: "Vacía" }] }));
    const back = decodeWorkbook(structuredClone(encodeWorkbook(data)));
    expect(back.sheetNames).toEqual(data.sheetNames);
    expect([...back.sheetStates]).toEqual([...data.sheetStates]);
    expect(back.stats).toEqual(data.stats);
    const grid = back.sheets.get("Datos")!;
    expect(grid.values).toEqual(data.sheets.get("Datos")!.values);
    expect(grid.formulas).toEqual(data.sheets.get("Datos")!.formulas);
    expect(grid.values.length).toBe(5);
    expect(0 in grid.values).toBe(false); // row 1 is a hole, as the reader leaves it
    expect(0 in grid.values[1]!).toBe(false);
    expect(grid.values[4]).toEqual([null, undefined, true, undefined, 2.5]);
    expect(grid.formulas?.[4]?.[0]).toBe("=B2*2");
    expect(back.sheets.get("Vacía")!.values).toEqual([]);
  });

  it("gives back the same grids when a sheet lists cells out of order or twice (the last of a cell counts)", async () => {
    const rows = [
      '<row r="5"><c r="C5"><v>3</v></c><c r="A5"><v>1</v></c></row>',
      '<row r="2"><c r="B2"><f>A5+1</f><v>2</v></c><c r="B2"><v>9</v></c></row>',
    ].join("");
    const data = await readWorkbook(handWorkbook({ sheets: [{ name: "Desorden", rows }] }));
    const grid = data.sheets.get("Desorden")!;
    expect(grid.values[4]).toEqual([1, undefined, 3]);
    expect(grid.values[1]).toEqual([undefined, 9]);
    expect(grid.formulas?.[1]?.[1]).toBe("=A5+1");
    const back = decodeWorkbook(structuredClone(encodeWorkbook(data))).sheets.get("Desorden")!;
    expect(back.values).toEqual(grid.values);
    expect(back.formulas).toEqual(grid.formulas);
  });
});
