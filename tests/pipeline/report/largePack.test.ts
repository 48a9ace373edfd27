import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { tableFromIPC } from "apache-arrow";
import { readParquetFile } from "../../../pipeline/src/db/readParquetFile";
import type { IndicatorStat } from "../../../core/src/stats/ReportData";
import { readZipEntries } from "../../../pipeline/src/report/xlsx/zipArchive";
import { reportFixture } from "../../helpers/reportFixture";
import { writePackToTemp } from "./packHelpers";

/**
 * A pack of ~10,000 indicator rows (the size of a full semester with every breakdown) must be written in one
 * go, with every row in every format. Timing is bench material; this checks the output and that nothing scales
 * badly enough to hit jest's timeout.
 */
it("writes a pack of 10,000 indicator rows with every row in every format", async () => {
  const data = reportFixture();
  const template = data.indicators[0]!;
  const rows: IndicatorStat[] = [];
  for (let i = 0; rows.length < 10_000; i++) {
    for (const sex of ["F", "M", "*"] as const) {
      rows.push({ ...template, institution: ["EP", "MGP", "FAP"][i % 3]!, breakdownKey: `category=C${String(i).padStart(5, "0")}`, breakdown: `Categoría ${i}`, sex, value: sex === "*" ? 2 * i : i, suppressed: false });
    }
  }
  data.indicators = rows;
  const started = Date.now();
  const pack = await writePackToTemp(data);
  const seconds = (Date.now() - started) / 1000;
  try {
    console.log(`pack of ${rows.length} indicator rows written in ${seconds.toFixed(1)} s`);
    const parquet = await readParquetFile(path.join(pack.dir, "data", "indicators-2026-S1.parquet"));
    expect(parquet.rows).toHaveLength(rows.length);
    expect(readFileSync(path.join(pack.dir, "data", "indicators-2026-S1.csv"), "utf8").split("\r\n")).toHaveLength(rows.length + 2);
    expect(tableFromIPC(readFileSync(path.join(pack.dir, "data", "indicators-2026-S1.arrow"))).numRows).toBe(rows.length);
    const table = readZipEntries(readFileSync(pack.files.workbook)).find((e) => e.name === "xl/tables/table1.xml")!;
    expect(table.data.toString()).toContain(`ref="A7:L${7 + rows.length}"`);
  } finally {
    rmSync(pack.dir, { recursive: true, force: true });
  }
});
