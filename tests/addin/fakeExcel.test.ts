import { FakeExcel } from "./fakeOffice/FakeExcel";

/** The fake must keep Office.js's rules, or the adapter tests prove nothing. */
describe("FakeExcel", () => {
  it("throws on reading a property that was not loaded and synced", async () => {
    const excel = new FakeExcel();
    await excel.run(async (context: Excel.RequestContext) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1:B2");
      expect(() => range.values).toThrow(/PropertyNotLoaded|not available/);
      range.load("values");
      expect(() => range.values).toThrow(/not available/);
      await context.sync();
      expect(range.values).toEqual([
        ["", ""],
        ["", ""],
      ]);
    });
  });

  it("applies queued writes only at sync, and counts each sync", async () => {
    const excel = new FakeExcel();
    await excel.run(async (context: Excel.RequestContext) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").values = [[2, "=A1+A1"]];
      expect(excel.value("Sheet1", "A1")).toBe("");
      await context.sync();
    });
    expect([excel.value("Sheet1", "A1"), excel.value("Sheet1", "B1"), excel.syncCount]).toEqual([2, 4, 1]);
  });

  it("rejects the sync at a failing operation and drops the rest of the batch", async () => {
    const excel = new FakeExcel();
    await expect(
      excel.run(async (context: Excel.RequestContext) => {
        const sheet = context.workbook.worksheets.getItem("Sheet1");
        sheet.getRange("A1").values = [[1]];
        context.workbook.worksheets.getItem("Nope").getRange("A1").values = [[2]];
        sheet.getRange("A2").values = [[3]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ItemNotFound" });
    expect([excel.value("Sheet1", "A1"), excel.value("Sheet1", "A2")]).toEqual([1, ""]);
  });

  it("refuses writes to locked cells of a protected sheet, and arrays of the wrong size", async () => {
    const excel = new FakeExcel();
    const attempt = (write: (context: Excel.RequestContext) => void) =>
      excel.run(async (context: Excel.RequestContext) => {
        write(context);
        await context.sync();
      });
    await attempt((c: Excel.RequestContext) => c.workbook.worksheets.getItem("Sheet1").protection.protect());
    await expect(attempt((c: Excel.RequestContext) => (c.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[1]]))).rejects.toMatchObject({ code: "InvalidOperation" });
    await expect(attempt((c: Excel.RequestContext) => (c.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").numberFormat = [["0"]]))).rejects.toMatchObject({
      code: "InvalidOperation",
    });
    expect(excel.type("Sheet1", "A1", "5")).toEqual({ accepted: false, reason: "protected" });
  });

  it("lets no proxy outlive its Excel.run", async () => {
    const excel = new FakeExcel();
    let leaked: Excel.Range | undefined;
    await excel.run(async (context: Excel.RequestContext) => {
      leaked = context.workbook.worksheets.getItem("Sheet1").getRange("A1");
    });
    expect(() => {
      leaked!.values = [[1]];
    }).toThrow(/Excel.run has ended/);
  });
});
