import path from "node:path";
import { isSemesterCode } from "../../../core/src/period/Semester";

/** The three formats of every tidy table, by file extension. */
export const DATA_FORMATS = ["parquet", "arrow", "csv"] as const;
export type DataFormat = (typeof DATA_FORMATS)[number];

/**
 * File names of a pack: committee-<period>.xlsx, report-<period>.html, data/<table>-<period>.<format>, with
 * "-internal" in every name of the unsuppressed working copy. The period is checked, so no name can leave outDir.
 */
export function buildPackFileNames(outDir: string, period: string, internal: boolean) {
  if (!isSemesterCode(period)) throw new RangeError(`not a semester: ${JSON.stringify(period)} (expected YYYY-S1 or YYYY-S2)`);
  const suffix = internal ? "-internal" : "";
  const dataDir = path.join(outDir, "data");
  return {
    dataDir,
    workbook: path.join(outDir, `committee-${period}${suffix}.xlsx`),
    html: path.join(outDir, `report-${period}${suffix}.html`),
    data: (table: string, format: DataFormat) => path.join(dataDir, `${table}-${period}${suffix}.${format}`),
  };
}
