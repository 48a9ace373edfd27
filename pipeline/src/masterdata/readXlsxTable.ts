import { isWorkbookRejected, type WorkbookData, type XlsxLimits } from "../xlsx/readWorkbook";
import { isBlank } from "./masterCells";
import { masterIssue } from "./MasterIssue";
import type { RawRow, TableRead } from "./RawTable";

/**
 * Caps for master-data workbooks: far larger than a template (a whole personnel export fits in one sheet,
 * up to Excel's 1,048,576 rows), still counted while inflating, with a heap cap and a time limit per file.
 */
export const MASTER_XLSX_LIMITS: Partial<XlsxLimits> = {
  maxFileBytes: 100 * 1_048_576,
  maxEntries: 300,
  maxEntryInflatedBytes: 1_536 * 1_048_576,
  maxTotalInflatedBytes: 2_048 * 1_048_576,
  maxRowsPerSheet: 1_100_000,
  maxColumnsPerSheet: 256,
  maxSharedStrings: 4_000_000,
  maxCells: 24_000_000,
  timeoutMs: 600_000,
  heapMb: 4_096,
  // V8's own default: a table of a million rows keeps much of what it makes, and fewer, larger scavenges suit it.
  youngGenerationMb: 48,
};

/** Reads a workbook through the untrusted-workbook reader (pipeline/src/xlsx/); refusals are its own. */
export interface MasterWorkbookReader {
  read(file: string): Promise<WorkbookData>;
}

/** The first visible sheet of a workbook: header in row 1, data below; blank rows are left out. */
export async function readXlsxTable(file: string, reader: MasterWorkbookReader): Promise<TableRead> {
  let data: WorkbookData;
  try {
    data = await reader.read(file);
  } catch (error) {
    if (!isWorkbookRejected(error)) throw error;
    return { ok: false, issues: [{ code: error.code, severity: "error", row: null, column: null, message: error.text }] };
  }
  const sheetName = data.sheetNames.find((name) => (data.sheetStates.get(name) ?? "visible") === "visible");
  const grid = sheetName === undefined ? undefined : data.sheets.get(sheetName);
  if (!grid) {
    return {
      ok: false,
      issues: [
        masterIssue("NO_VISIBLE_SHEET", null, null, {
          es: "El libro no tiene ninguna hoja visible. Muestre la hoja con los datos (clic derecho en las pestañas → Mostrar) y guárdelo.",
          en: "The workbook has no visible sheet. Unhide the sheet with the data (right-click the tabs → Unhide) and save it.",
        }),
      ],
    };
  }
  const headerCells = grid.values[0] ?? [];
  if (headerCells.every(isBlank)) {
    return {
      ok: false,
      issues: [
        masterIssue("NO_HEADER", 1, null, {
          es: `La fila 1 de la hoja «${sheetName}» debe tener los encabezados de las columnas (vea docs/data-model.md, «Datos maestros»).`,
          en: `Row 1 of the sheet "${sheetName}" must hold the column headers (see docs/data-model.md, "Master data").`,
        }),
      ],
    };
  }
  const header: string[] = [];
  for (let c = 0; c < headerCells.length; c++) {
    const v = headerCells[c];
    header.push(typeof v === "string" ? v.trim() : v === null || v === undefined ? "" : String(v));
  }
  const rows: RawRow[] = [];
  for (let r = 1; r < grid.values.length; r++) {
    const cells = grid.values[r];
    if (!cells || cells.every(isBlank)) continue;
    rows.push({ rowNumber: r + 1, cells });
  }
  return { ok: true, table: { kind: "xlsx", header, rows, date1904: data.date1904 }, issues: [] };
}
