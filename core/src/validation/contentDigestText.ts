import type { TemplateLayout } from "../layout/TemplateLayout";
import { gridCell, isBlank, type WorkbookGrid } from "./WorkbookGrid";

/**
 * The canonical text of a filled template's inputs, hashed (SHA-256) into the `contentHash` stamped by
 * "Ready to submit" (docs/template-format.md). One line per input cell in layout order: `SHEET!CELL=VALUE`,
 * the value as JSON (blank cells as null). Hashing is left to the adapters (Web Crypto, Node crypto).
 */
export function buildContentDigestText(layout: TemplateLayout, workbook: WorkbookGrid): string {
  const lines: string[] = [];
  for (const sheet of layout.sheets) {
    if (sheet.role === "meta") continue;
    const grid = workbook.get(sheet.name);
    for (const cell of sheet.cells) {
      if (cell.locked) continue;
      const value = grid ? gridCell(grid, cell.address).value : null;
      const normalized = isBlank(value) ? null : typeof value === "number" || typeof value === "boolean" ? value : String(value);
      lines.push(`${sheet.name}!${cell.address}=${JSON.stringify(normalized)}`);
    }
  }
  return lines.join("\n");
}
