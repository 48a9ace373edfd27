import { performance } from "node:perf_hooks";
import { readWorkbook } from "../../../pipeline/src/xlsx/readWorkbook";
import { SMALL_PART_BYTES } from "../../../pipeline/src/xlsx/ZipPackage";
import { handWorkbook } from "../../helpers/zipWorkbook";

/**
 * The ratio of the fastest of several reads of each size, the two sizes read in turn: a burst of other work on
 * the machine (other test suites, other jobs) then slows both alike instead of one size's reads only.
 */
async function fastestRatio(small: Buffer, large: Buffer): Promise<number> {
  const time = async (bytes: Buffer) => {
    const t = performance.now();
    await readWorkbook(bytes);
    return performance.now() - t;
  };
  let bestSmall = Infinity;
  let bestLarge = Infinity;
  for (let i = 0; i < 7; i++) {
    bestSmall = Math.min(bestSmall, await time(small));
    bestLarge = Math.min(bestLarge, await time(large));
  }
  return bestLarge / bestSmall;
}

/** A roster-like sheet: rows of empty styled cells and one number each, as most of a template is. */
function styledRows(rows: number): string {
  const letters = "ABCDEFGHIJ";
  return Array.from({ length: rows }, (_, r) => `<row r="${r + 1}">${[...letters].map((l, c) => (c === 0 ? `<c r="A${r + 1}" s="20"><v>${r}</v></c>` : `<c r="${l}${r + 1}" s="${c + 3}"/>`)).join("")}</row>`).join("");
}

// Shapes that made other scanners quadratic: many inline strings, one long text run outside any cell (kept
// across inflate chunks), and many long tags, all in parts streamed in 64 KiB chunks; and template-like rows in a
// part small enough to be inflated in one call (where a search that restarts from the start of its buffer, bounded
// by the chunk size in the other shapes, is quadratic in the part). Each is read at size n and 4n.
const SHAPES: Record<string, (n: number) => Buffer> = {
  "styled empty cells in one inflate call": (n) => handWorkbook({ sheets: [{ name: "S", rows: styledRows(n / 8) }] }),
  "inline strings": (n) =>
    handWorkbook({ sheets: [{ name: "S", rows: Array.from({ length: n }, (_, r) => `<row r="${r + 1}"><c r="A${r + 1}" t="inlineStr"><is><t>${"texto ".repeat(40)}${r}</t></is></c></row>`).join("") }] }),
  "one long text run outside the cells": (n) =>
    handWorkbook({ sheets: [{ name: "S", xml: `<worksheet><sheetPr><note>${"á".repeat(n * 250)}</note></sheetPr><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>` }] }),
  "long tags": (n) =>
    handWorkbook({ sheets: [{ name: "S", xml: `<worksheet><sheetData/>${Array.from({ length: n / 10 }, () => `<dataValidation sqref="${"A1 ".repeat(800)}"/>`).join("")}</worksheet>` }] }),
};

describe("readWorkbook scales linearly", () => {
  it("reads the one-call shape from a part under the one-call size, at 4n too", () => {
    expect(styledRows(16000 / 8).length).toBeLessThan(SMALL_PART_BYTES - 1000);
    expect(styledRows(4000 / 8).length).toBeGreaterThan(100_000);
  });

  it.each(Object.keys(SHAPES))("reads %s four times as large in about four times the time", async (shape) => {
    const small = SHAPES[shape]!(4000);
    const large = SHAPES[shape]!(16000);
    // Warm up the JIT on both sizes first: a cold first read (still interpreted) would skew the ratio either way.
    for (let i = 0; i < 3; i++) await Promise.all([readWorkbook(small), readWorkbook(large)]);
    const ratio = await fastestRatio(small, large);
    // Linear work gives about 4; a quadratic search gives about 16. The bound is loose on purpose (shared CI cores).
    expect(ratio).toBeLessThan(9);
    expect(ratio).toBeGreaterThan(1);
  });
});
