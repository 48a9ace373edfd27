import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { main } from "../../../pipeline/src/cli/main";
import { readWorkbook } from "../../../pipeline/src/xlsx/readWorkbook";
import { captureEffects } from "../../helpers/captureEffects";
import { readZipEntries } from "../../helpers/zipWriter";

const KEY = "demo-test-key-0123456789-abcdefghijklmnop";

/** Every file below a folder. */
function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

describe("pa1325 demo", () => {
  const root = mkdtempSync(path.join(os.tmpdir(), "pa1325-demo-test-"));
  const out = path.join(root, "demo");
  const fx = captureEffects({ env: { PA1325_KEY: KEY, HOME: root }, now: new Date("2026-11-28T10:00:00Z") });
  let code: number;
  beforeAll(async () => {
    code = await main(["demo", "--out", out, "--personnel", "3000"], fx.effects);
  }, 300_000);

  it("runs the whole job: workbooks, ingestion, master data and the Committee pack", () => {
    expect(fx.stderr).toEqual([]);
    expect(code).toBe(0);
    const text = fx.stdout.join("\n");
    expect(text).toContain("2024-S2 a 2026-S1");
    expect(text).toMatch(/ingesta inbox\/2026-S1\/on-time \(llegada 2026-07-10\): aceptados 8, reemplazos 1, rechazados 1/);
    expect(text).toMatch(/rechazado pa1325-FAP-2026-S1-v1\.xlsx: Indicadores!E19 NOT_A_NUMBER, Indicadores!G28 NEGATIVE_NUMBER/);
    for (const f of ["report/committee-2026-S1.xlsx", "report/report-2026-S1.html", "report/data/indicators-2026-S1.parquet", "report/data/parity-2026-S1.arrow", "pa1325-demo.duckdb"]) {
      expect(statSync(path.join(out, f)).size).toBeGreaterThan(1000);
    }
  });

  it("leaves a database that pa1325 check finds in order, master data and key included", async () => {
    const check = captureEffects({ env: { PA1325_KEY: KEY, HOME: root, PA1325_LANG: "en" } });
    expect(await main(["check", "--db", path.join(out, "pa1325-demo.duckdb"), "--json"], check.effects)).toBe(0);
    const report = JSON.parse(check.stdout.join("\n")) as { rows: number; key: string; rules: Array<{ rule: string; passed: boolean }> };
    expect(report.rules.filter((r) => !r.passed)).toEqual([]);
    expect(report.rules).toHaveLength(7);
    expect(report.key).toBe("matches");
    expect(report.rows).toBeGreaterThan(3_000); // the 3,000 people at least
  });

  it("never lets a raw service number or the key into any output: pack, database or console", () => {
    const people = readFileSync(path.join(out, "master", "personnel.csv"), "utf8")
      .split("\n")
      .slice(1)
      .map((line) => line.split(",")[0]!)
      .filter((sn) => /^[0-9]{8}$/.test(sn));
    expect(people.length).toBeGreaterThan(2500);
    const needles = new Set(people);
    const contents: Array<[string, string]> = [["stdout", fx.stdout.join("\n")], ["stderr", fx.stderr.join("\n")]];
    for (const file of [...walk(path.join(out, "report")), path.join(out, "pa1325-demo.duckdb")]) {
      const bytes = readFileSync(file);
      if (file.endsWith(".xlsx")) for (const e of readZipEntries(bytes)) contents.push([`${file}:${e.name}`, e.data.toString("utf8")]);
      else contents.push([file, bytes.toString("latin1")]);
    }
    for (const [where, text] of contents) {
      expect({ where, key: text.includes(KEY) }).toEqual({ where, key: false });
      const found = (text.match(/[0-9]{8}/g) ?? []).filter((m) => needles.has(m));
      expect({ where, found }).toEqual({ where, found: [] });
    }
  });

  it("writes a Committee workbook that LibreOffice opens, with the same numbers as the data files", async () => {
    const work = mkdtempSync(path.join(os.tmpdir(), "pa1325-demo-lo-"));
    execFileSync("soffice", [`-env:UserInstallation=file://${work}/profile`, "--headless", "--calc", "--convert-to", "xlsx", "--outdir", work, path.join(out, "report", "committee-2026-S1.xlsx")], {
      stdio: "ignore",
      timeout: 180_000,
    });
    const wb = await readWorkbook(path.join(work, "committee-2026-S1.xlsx"), { maxRowsPerSheet: 100_000 });
    const sheet = wb.sheets.get("Datos")!;
    // The tidy table starts at its header row, under a short explanation.
    const headerRow = sheet.values.findIndex((r) => r?.some((c) => c === "Valor"));
    expect(headerRow).toBeGreaterThan(0);
    const valueCol = sheet.values[headerRow]!.indexOf("Valor");
    const fromSheet = sheet.values.slice(headerRow + 1).filter((r) => r && r.length > 0).map((r) => r[valueCol]);
    const records = parse(readFileSync(path.join(out, "report", "data", "indicators-2026-S1.csv"), "utf8"), { bom: true, columns: true }) as Array<Record<string, string>>;
    const fromCsv = records.map((r) => (r.value === "" ? null : Number(r.value)));
    expect(fromSheet.length).toBe(fromCsv.length);
    const numbers = (xs: unknown[]) => xs.filter((x): x is number => typeof x === "number").sort((a, b) => a - b);
    expect(numbers(fromSheet)).toEqual(numbers(fromCsv));
    expect(numbers(fromCsv).length).toBeGreaterThan(300);
  }, 240_000);
});
