import { performance } from "node:perf_hooks";
import { readWorkbook } from "../../../pipeline/src/xlsx/readWorkbook";
import { handWorkbook } from "../../helpers/zipWorkbook";

/** The fastest of a few reads (the least disturbed by other work on the machine). */
async function fastestRead(bytes: Buffer): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await readWorkbook(bytes);
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

// Shapes that made other scanners quadratic: many inline strings, one long text run outside any cell (kept
// across inflate chunks), and many long tags. Each is read at size n and 4n.
const SHAPES: Record<string, (n: number) => Buffer> = {
  "inline strings": (n) =>
    handWorkbook({ sheets: [{ name: "S", rows: Array.from({ length: n }, (_, r) => `<row r="${r + 1}"><c r="A${r + 1}" t="inlineStr"><is><t>${"texto ".repeat(40)}${r}</t></is></c></row>`).join("") }] }),
  "one long text run outside the cells": (n) =>
    handWorkbook({ sheets: [{ name: "S", xml: `<worksheet><sheetPr><note>${"á".repeat(n * 250)}</note></sheetPr><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>` }] }),
  "long tags": (n) =>
    handWorkbook({ sheets: [{ name: "S", xml: `<worksheet><sheetData/>${Array.from({ length: n / 10 }, () => `<dataValidation sqref="${"A1 ".repeat(800)}"/>`).join("")}</worksheet>` }] }),
};

describe("readWorkbook scales linearly", () => {
  it.each(Object.keys(SHAPES))("reads %s four times as large in about four times the time", async (shape) => {
    const small = SHAPES[shape]!(4000);
    const large = SHAPES[shape]!(16000);
    await readWorkbook(small); // warm up the JIT
    const ratio = (await fastestRead(large)) / (await fastestRead(small));
    // Linear work gives about 4; a quadratic search gives about 16. The bound is loose on purpose (shared CI cores).
    expect(ratio).toBeLessThan(9);
    expect(ratio).toBeGreaterThan(1);
  });
});
