import zlib from "node:zlib";
import { readWorkbook, WorkbookRejected } from "../../pipeline/src/xlsx/readWorkbook";
import { hostileCorpus } from "../helpers/zipHostileCorpus";

// hostileCorpus.test.ts checks that each zip bomb is refused with its own code, within a generous time bound (a
// tight one flakes on a loaded machine). This checks the work itself, which does not depend on the machine: how
// many bytes were inflated before the refusal. Every inflated chunk goes through zlib.crc32 (ZipPackage checks
// each part's CRC as it inflates), so counting its input counts the inflated bytes. A reader that let a bomb
// inflate to its end and compared sizes afterwards would give the same refusal code, later; this catches it.

const MIB = 1_048_576;
const bombs = hostileCorpus().filter((c) => c.label.startsWith("zip bomb"));

describe("zip bombs are stopped while inflating, not after", () => {
  let inflated = 0;
  /** Printed at the end (figures for docs/security.md, not asserted). */
  const figures: string[] = [];
  afterAll(() => console.log(`inflated before the refusal:\n  ${figures.join("\n  ")}`));
  beforeEach(() => {
    inflated = 0;
    const crc32 = zlib.crc32.bind(zlib);
    jest.spyOn(zlib, "crc32").mockImplementation((data: string | NodeJS.ArrayBufferView, value?: number) => {
      inflated += typeof data === "string" ? Buffer.byteLength(data) : data.byteLength;
      return crc32(data, value);
    });
  });
  afterEach(() => jest.restoreAllMocks());

  it("counts the inflated bytes of a workbook that is read (the check of the check)", async () => {
    const plain = hostileCorpus().find((c) => c.label.startsWith("forged dimension"))!;
    await readWorkbook(plain.bytes);
    expect(inflated).toBeGreaterThan(500);
    expect(inflated).toBeLessThan(10 * MIB);
  });

  it.each(bombs.map((c) => [c.label, c] as const))("%s", async (_label, c) => {
    let code = "read";
    try {
      await readWorkbook(c.bytes, c.limits);
    } catch (e) {
      if (!(e instanceof WorkbookRejected)) throw e;
      code = e.code;
    }
    expect(code).toBe(c.expect);
    // At most the largest size a header admits to (50 MiB here), one 64 KiB chunk past it, and the small parts:
    // a 1 GiB bomb is never inflated whole.
    expect(inflated).toBeLessThanOrEqual(50 * MIB + 1 * MIB);
    figures.push(`${c.label}: ${code} after ${(inflated / MIB).toFixed(2)} MiB`);
  });
});
