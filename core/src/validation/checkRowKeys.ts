import { parseCellAddress } from "../layout/cellAddress";
import type { IssueCollector } from "./IssueCollector";
import { gridCell, type SheetGrid } from "./WorkbookGrid";
import { showValue } from "./cellValues";

/**
 * Compares each row's hidden key with the layout. Only the first moved row is reported: after an inserted or
 * deleted row every later row is off too, and a hundred copies of one mistake help nobody. Returns the keys
 * of rows that are where the layout says (the ones that can be read).
 */
export function checkRowKeys(
  grid: SheetGrid,
  sheetName: string,
  rows: ReadonlyArray<{ key: string; keyCell: string; indicator: string }>,
  issues: IssueCollector,
): Set<string> {
  const ok = new Set<string>();
  for (const row of rows) {
    const found = gridCell(grid, row.keyCell).value;
    if (found === row.key) {
      ok.add(row.key);
      continue;
    }
    const rowNumber = parseCellAddress(row.keyCell)!.row + 1;
    issues.add("ROW_MOVED", sheetName, row.keyCell, { row: rowNumber, expected: row.key, value: found === null ? "" : showValue(found) }, row.indicator);
    break;
  }
  return ok;
}

/** "=e6 + $F$6" and "E6+F6" are the same formula. */
export function sameFormula(found: string, expected: string): boolean {
  const norm = (f: string) => f.replace(/^=/, "").replace(/[\s$]/g, "").toUpperCase();
  return norm(found) === norm(expected);
}
