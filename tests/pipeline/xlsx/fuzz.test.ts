import fc from "fast-check";
import { readWorkbook, WorkbookRejected } from "../../../pipeline/src/xlsx/readWorkbook";
import { filledTemplateXlsx } from "../../helpers/filledTemplateXlsx";
import { mutate, mutationsArb } from "../../soak/mutateWorkbook";

describe("readWorkbook under mutation fuzzing", () => {
  let bases: Buffer[] = [];
  beforeAll(async () => {
    bases = [await filledTemplateXlsx("EP", "es", 1), await filledTemplateXlsx("CECOPAZ", "en", 2)];
  });

  it("ends every mutated template in a WorkbookData or a WorkbookRejected: no hang, crash or other error", async () => {
    const outcomes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 1 }), mutationsArb, async (which, mutations) => {
        const bytes = mutate(bases[which]!, mutations);
        try {
          const wb = await readWorkbook(bytes, { timeoutMs: 5000 });
          expect(wb.sheets.size).toBe(wb.sheetNames.length);
          outcomes.set("read", (outcomes.get("read") ?? 0) + 1);
        } catch (e) {
          if (!(e instanceof WorkbookRejected)) throw e;
          outcomes.set(e.code, (outcomes.get(e.code) ?? 0) + 1);
        }
      }),
      { seed: 1325, numRuns: 400 },
    );
    // The mutations must reach past the zip layer into the XML, and some must leave a readable file.
    expect(outcomes.get("read") ?? 0).toBeGreaterThan(10);
    expect(outcomes.get("XML_MALFORMED") ?? 0).toBeGreaterThan(5);
    expect(outcomes.size).toBeGreaterThan(5);
  });
});
