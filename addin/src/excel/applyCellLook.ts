import type { CellLook } from "../../../core/src/layout/cellStyles";
import { parseRect } from "../workbook/cellRects";

const EDGES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"] as const;
const BORDER_COLOR = "#BFBFBF";

/** Queues the formatting of one range from the shared look table (core/src/layout/cellStyles.ts). No sync. */
export function applyCellLook(range: Excel.Range, address: string, look: CellLook): void {
  const format = range.format;
  if (look.fill) format.fill.color = `#${look.fill}`;
  if (look.bold) format.font.bold = true;
  if (look.italic) format.font.italic = true;
  if (look.size) format.font.size = look.size;
  if (look.color) format.font.color = `#${look.color}`;
  if (look.wrap !== undefined) format.wrapText = look.wrap;
  if (look.border) {
    const rect = parseRect(address);
    const edges: string[] = [...EDGES];
    if (rect.right > rect.left) edges.push("InsideVertical");
    if (rect.bottom > rect.top) edges.push("InsideHorizontal");
    for (const edge of edges) {
      const border = format.borders.getItem(edge as Excel.BorderIndex);
      border.style = "Continuous";
      border.color = BORDER_COLOR;
    }
  }
}
