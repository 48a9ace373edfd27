import type { TemplateLayout } from "../../../core/src/layout/TemplateLayout";
import { parseCellAddress } from "../../../core/src/layout/cellAddress";
import type { SheetGrid } from "../../../core/src/validation/WorkbookGrid";

/** Days between Excel's 1904 and 1900 date systems. */
const DAYS_1904 = 1462;

/**
 * Workbooks saved in the 1904 date system (old Mac Excel) store dates 1,462 days smaller. Core reads serials in
 * the 1900 system, so date cells of the layout are shifted here, on copies of the affected rows only.
 */
export function normalizeDate1904(layout: TemplateLayout, sheets: Map<string, SheetGrid>, date1904: boolean): Map<string, SheetGrid> {
  if (!date1904) return sheets;
  const out = new Map(sheets);
  for (const spec of layout.sheets) {
    const grid = sheets.get(spec.name);
    if (!grid) continue;
    const values = grid.values.map((row) => (row ? [...row] : row));
    for (const cell of spec.cells) {
      if (cell.format !== "date" || cell.locked) continue;
      const p = parseCellAddress(cell.address)!;
      const v = values[p.row]?.[p.column];
      if (typeof v === "number") (values[p.row] as unknown[])[p.column] = v + DAYS_1904;
    }
    out.set(spec.name, grid.formulas ? { values, formulas: grid.formulas } : { values });
  }
  return out;
}
