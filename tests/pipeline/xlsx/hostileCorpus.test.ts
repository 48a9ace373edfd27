import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createReaderPool, readWorkbook, WorkbookRejected, XLSX_REJECTION_CODES, type WorkbookData } from "../../../pipeline/src/xlsx/readWorkbook";
import { hostileCorpus, type HostileCase } from "../../helpers/zipHostileCorpus";
import { handWorkbook } from "../../helpers/zipWorkbook";

const corpus = hostileCorpus();

async function outcome(read: () => Promise<WorkbookData>): Promise<{ code: string; data?: WorkbookData; error?: WorkbookRejected }> {
  try {
    const data = await read();
    return { code: "read", data };
  } catch (e) {
    if (e instanceof WorkbookRejected) return { code: e.code, error: e };
    throw e; // a bug, never a rejection in disguise
  }
}

function checkRead(c: HostileCase, data: WorkbookData): void {
  if (c.label.startsWith("__proto__")) {
    expect(data.sheetNames).toEqual(["__proto__", "constructor", "hasOwnProperty"]);
    expect(data.sheets.get("__proto__")?.values[0]).toEqual(["__proto__", "constructor"]);
    expect(data.sheetStates.get("hasOwnProperty")).toBe("visible");
  } else if (c.label.startsWith("control")) {
    expect(data.sheets.get("Hoja1")?.values[0]).toEqual(["\u0001\ttab\r", "_x0041_"]);
  } else if (c.label.startsWith("forged dimension")) {
    expect(data.sheets.get("Hoja1")?.values).toEqual([[7]]);
  }
}

describe("the hostile corpus, read in process", () => {
  const figures: Array<{ label: string; code: string; ms: number; heapDeltaMb: number }> = [];

  afterAll(() => {
    mkdirSync("tests/artifacts", { recursive: true });
    writeFileSync("tests/artifacts/hostile-corpus.json", JSON.stringify(figures, null, 1));
  });

  it.each(corpus.map((c) => [c.label, c] as const))("%s", async (_label, c) => {
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const result = await outcome(() => readWorkbook(c.bytes, c.limits));
    const ms = performance.now() - started;
    figures.push({ label: c.label, code: result.code, ms: Math.round(ms), heapDeltaMb: Math.round((process.memoryUsage().heapUsed - heapBefore) / 1e5) / 10 });
    expect(result.code).toBe(c.expect);
    if (result.data) checkRead(c, result.data);
    if (result.error) {
      expect(result.error.text.es.length).toBeGreaterThan(40);
      expect(result.error.text.en.length).toBeGreaterThan(40);
      expect(result.error.text.es).not.toMatch(/\{\w+\}/);
    }
    // A generous bound that only a hang or a quadratic blow-up would pass: the measured times are in docs/security.md.
    expect(ms).toBeLessThan(5000);
  });

  it("leaves Object.prototype untouched", () => {
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).constructor).toBe(Object);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it("exercises every rejection code but the two only the pool gives", () => {
    const seen = new Set(corpus.map((c) => c.expect));
    const missing = XLSX_REJECTION_CODES.filter((code) => !seen.has(code) && code !== "TIMEOUT" && code !== "OUT_OF_MEMORY");
    expect(missing).toEqual([]);
  });
});

describe("the hostile corpus, read through the worker pool", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "pa1325-hostile-"));
    corpus.forEach((c, i) => writeFileSync(path.join(dir, `case${i}.xlsx`), c.bytes));
    // A valid but large workbook: 20,000 rows of inline text (about 45 MB of XML, under the 60 MB part cap) to run
    // out of time or heap, however fast the reader gets.
    const cols = "ABCDEFGHIJKLMNOP";
    const rows = Array.from({ length: 20_000 }, (_, r) => `<row r="${r + 1}">${Array.from({ length: cols.length }, (_, c) => `<c r="${cols[c]}${r + 1}" t="inlineStr"><is><t>row ${r} column ${c} ${"x".repeat(100)}</t></is></c>`).join("")}</row>`).join("");
    writeFileSync(path.join(dir, "large.xlsx"), handWorkbook({ sheets: [{ name: "Grande", rows }] }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("gives the same outcome for every case", async () => {
    const pool = createReaderPool({ size: 2 });
    try {
      const results = await Promise.all(
        corpus.map(async (c, i) => {
          if (c.limits) return c.expect; // per-file limits are a pool-wide option
          return (await outcome(() => pool.read(path.join(dir, `case${i}.xlsx`)))).code;
        }),
      );
      expect(results).toEqual(corpus.map((c) => c.expect));
    } finally {
      await pool.close();
    }
  });

  it("refuses a file that outlives the time limit as TIMEOUT, replaces the worker and goes on", async () => {
    // The limit leaves a tiny file ample time even on a loaded machine, and the large one none.
    const pool = createReaderPool({ size: 1, limits: { timeoutMs: 150 } });
    try {
      const slow = await outcome(() => pool.read(path.join(dir, "large.xlsx")));
      expect(slow.code).toBe("TIMEOUT");
      expect(slow.error?.text.en).toContain("150 ms");
      // The next file goes to a fresh worker (the stuck one was terminated).
      const next = await outcome(() => pool.read(path.join(dir, `case${corpus.findIndex((c) => c.label.startsWith("forged"))}.xlsx`)));
      expect(next.code).toBe("read");
    } finally {
      await pool.close();
    }
  });

  it("reads the bytes it was given, for the file a worker reads and for the one waiting behind it", async () => {
    const pool = createReaderPool({ size: 1 });
    try {
      const forged = readFileSync(path.join(dir, `case${corpus.findIndex((c) => c.label.startsWith("forged"))}.xlsx`));
      // Names that do not exist: only the bytes can be read. The second waits in the worker's port.
      const reads = await Promise.all(["gone-1.xlsx", "gone-2.xlsx", "gone-3.xlsx"].map((name) => outcome(() => pool.read(path.join(dir, name), new Uint8Array(forged)))));
      expect(reads.map((r) => [r.code, r.data?.sheets.get("Hoja1")?.values])).toEqual(reads.map(() => ["read", [[7]]]));
    } finally {
      await pool.close();
    }
  });

  it.each([
    ["TIMEOUT", { timeoutMs: 150 }],
    ["OUT_OF_MEMORY", { heapMb: 24, timeoutMs: 60_000 }],
  ] as const)("hands the file waiting behind one refused as %s to a fresh worker, from the bytes it was given", async (code, limits) => {
    // One worker holds two files: the large one it reads, and the next waiting behind it in its port.
    const pool = createReaderPool({ size: 1, limits });
    try {
      const forged = path.join(dir, `case${corpus.findIndex((c) => c.label.startsWith("forged"))}.xlsx`);
      const bytes = new Uint8Array(readFileSync(forged));
      // Behind the stuck file, under a name that does not exist: only the bytes it was given can be read.
      const [slow, next] = await Promise.all([outcome(() => pool.read(path.join(dir, "large.xlsx"))), outcome(() => pool.read(path.join(dir, "gone.xlsx"), bytes))]);
      expect(slow.code).toBe(code);
      expect(next.code).toBe("read");
      expect(next.data?.sheets.get("Hoja1")?.values).toEqual([[7]]);
    } finally {
      await pool.close();
    }
  });

  it("refuses a file that needs more heap than the worker has as OUT_OF_MEMORY, and the process survives", async () => {
    const pool = createReaderPool({ size: 1, limits: { heapMb: 24, timeoutMs: 60_000 } });
    try {
      const big = await outcome(() => pool.read(path.join(dir, "large.xlsx")));
      expect(big.code).toBe("OUT_OF_MEMORY");
      const next = await outcome(() => pool.read(path.join(dir, `case${corpus.findIndex((c) => c.label.startsWith("forged"))}.xlsx`)));
      expect(next.code).toBe("read");
      expect(next.data?.sheets.get("Hoja1")?.values).toEqual([[7]]);
    } finally {
      await pool.close();
    }
  });
});
