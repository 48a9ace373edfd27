import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { currentCatalog } from "../../../core/src/catalog/builtInCatalogs";
import type { Catalog } from "../../../core/src/catalog/Catalog";
import { buildTemplateLayout } from "../../../core/src/layout/buildTemplateLayout";
import type { ReportData } from "../../../core/src/stats/ReportData";
import { openDatabase } from "../../../pipeline/src/db/Database";
import { ingest } from "../../../pipeline/src/ingest/ingest";
import { buildReportData } from "../../../pipeline/src/report/buildReportData";
import { catalogRevision } from "../../helpers/catalogRevision";
import { zeroFilledGrid } from "../../helpers/fillTemplate";
import { FakeWorkbooks } from "../ingest/fakeReader";

/**
 * The Committee revises the catalog: from 2026-S1, PREV-2.2 is renamed PREV-2.2a, PROT-2.3 is split in two and
 * RR-1.2 is retired. Reports of earlier semesters keep their catalog version and must still count.
 */
describe("a catalog revision, end to end", () => {
  const older = currentCatalog();
  const newer = catalogRevision();
  const catalogs: Catalog[] = [older, newer];
  let data: ReportData;
  const ingestedFiles: string[] = [];

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-revision-"));
    const db = path.join(dir, "r.duckdb");
    const files = new FakeWorkbooks();
    const put = async (name: string, catalog: Catalog, period: string, values: Record<string, number>, at: string) => {
      const layout = buildTemplateLayout(catalog, "DIGEDOC", period, "es");
      const g = zeroFilledGrid(layout);
      for (const [key, v] of Object.entries(values)) g.set("Indicadores", layout.indicatorRows.find((r) => r.key === key)!.total, v);
      const file = files.add(path.join(dir, name), g);
      const summary = await ingest([file], { dbFile: db, dryRun: false, maxFileBytes: 1e6 }, { now: () => new Date(at), env: { PA1325_KEY: "revision-key-0123456789abcdefghijklmn" }, warn: () => {}, createReader: () => files.reader(), catalogs });
      ingestedFiles.push(`${name} ${summary.files[0]!.status}`);
    };
    await put("digedoc-2025-S2.xlsx", older, "2025-S2", { "PREV-2.2|outputType=ARTICLE": 3, "PREV-2.2|outputType=ACADEMIC_EVENT": 1, "PROT-2.3|materialType=MATERIAL": 5 }, "2026-01-10T00:00:00Z");
    await put("digedoc-2026-S1.xlsx", newer, "2026-S1", { "PREV-2.2a|outputType=ARTICLE": 2, "PREV-2.2a|outputType=ACADEMIC_EVENT": 4, "PROT-2.3a|": 7 }, "2026-07-10T00:00:00Z");
    const d = await openDatabase(db);
    try {
      data = await buildReportData(d, { period: "2026-S1", language: "en", k: 5, suppression: false, deadlineDays: 30, now: new Date("2026-08-01T00:00:00Z"), catalogs });
    } finally {
      d.close();
    }
  });

  it("accepts a report made from the older catalog after the revision", () => {
    expect(ingestedFiles).toEqual(["digedoc-2025-S2.xlsx accepted", "digedoc-2026-S1.xlsx accepted"]);
  });

  it("continues a renamed indicator's series under its new code", () => {
    const series = data.trends.filter((t) => t.indicatorCode === "PREV-2.2a").map((t) => [t.period, t.value, t.previous, t.change, t.comparable]);
    expect(series).toEqual([
      ["2025-S2", 4, null, null, true],
      ["2026-S1", 6, 4, 2, true],
    ]);
    expect(data.trends.some((t) => t.indicatorCode === "PREV-2.2")).toBe(false);
  });

  it("keeps a split indicator's old values as their own series, marked not comparable", () => {
    expect(data.trends.filter((t) => t.indicatorCode === "PROT-2.3").map((t) => [t.period, t.value, t.comparable])).toEqual([["2025-S2", 5, false]]);
    expect(data.trends.filter((t) => t.indicatorCode === "PROT-2.3a").map((t) => [t.period, t.value])).toEqual([["2026-S1", 7]]);
  });

  it("labels today's statistics with today's catalog", () => {
    expect(data.catalogVersion).toBe("2026.1");
    expect(data.indicators.find((s) => s.indicatorCode === "PREV-2.2a" && s.institution === "*" && s.breakdownKey === "*")).toMatchObject({ value: 6, comparable: true });
  });
});
