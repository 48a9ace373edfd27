import { currentCatalog } from "../../core/src/catalog/builtInCatalogs";
import { buildTemplateLayout } from "../../core/src/layout/buildTemplateLayout";
import { createExcelWorkbook } from "../../addin/src/excel/createExcelWorkbook";
import { fakeExcelHost } from "./fakeOffice/fakeExcelHost";

// The workbook's settings travel with the file to MINDEF and wherever it is forwarded: after a whole session —
// template, values, a roster with service numbers, a note with a name, checks, "ready to submit" with the
// preparer's name — they must hold only which report the file is (taskPaneRules.test.ts checks the source for
// browser storage and HTML from data; excelAdapter.test.ts the settings right after inserting the template).
const catalog = currentCatalog();
const layout = buildTemplateLayout(catalog, "DIGRIN", "2026-S1", "es", { generatedBy: "PA1325 add-in", generatedAt: "2026-07-02T14:00:00.000Z" });
const PREPARER = "Cap. Canaria Quispe Mamani";
const SERVICE_NUMBER = "47913001";

describe("the workbook's settings after a whole session", () => {
  it("hold the institution and semester only: no name, service number or typed value", async () => {
    const { excel, host } = fakeExcelHost({ excelApi: "1.9" });
    const port = createExcelWorkbook(host);
    await port.insertTemplate(layout, { institution: "DIGRIN", period: "2026-S1" });
    for (const r of layout.indicatorRows) excel.paste("Indicadores", r.people ? r.women! : r.total, r.people ? [[2, 3]] : [[1]]);
    // DIGRIN reports no roster: the service number goes where staff could still type one, a note.
    excel.type("Indicadores", layout.indicatorRows[0]!.note, `Verificado por ${PREPARER}, CIP ${SERVICE_NUMBER}`);
    await port.checkEntries(catalog, layout);
    const ready = await port.markReady(catalog, layout, PREPARER, new Date("2026-07-10T15:00:00Z"));
    expect(ready.ok).toBe(true);
    expect(excel.value("pa1325_meta", "B11")).toBe(PREPARER);
    await port.checkEntries(catalog, layout);

    expect([...excel.settings.keys()]).toEqual(["pa1325.choice"]);
    expect(JSON.parse(String(excel.settings.get("pa1325.choice")))).toEqual({ institution: "DIGRIN", period: "2026-S1" });
    const everything = JSON.stringify([...excel.settings]);
    expect([PREPARER, "Canaria", SERVICE_NUMBER].filter((needle) => everything.includes(needle))).toEqual([]);
  });
});
