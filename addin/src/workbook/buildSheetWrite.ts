import { parseCellAddress } from "../../../core/src/layout/cellAddress";
import { numberFormatCode } from "../../../core/src/layout/cellStyles";
import type { CellStyle, SheetSpec } from "../../../core/src/layout/TemplateLayout";
import type { Language } from "../../../core/src/i18n/Language";
import { groupIntoRects, rectAddress } from "./cellRects";

export type InputValue = string | number | boolean | null;

/** One sheet of the template as whole 2-D arrays and a few rectangles: what the Office.js writer sends at once. */
export interface SheetWrite {
  /** The extent, e.g. "A1:J72". */
  address: string;
  /** For `range.formulas`: "=E6+F6", a constant, or "" for an empty cell. */
  formulas: Array<Array<string | number | boolean>>;
  numberFormats: string[][];
  styles: Array<{ address: string; style: CellStyle }>;
  /** Input cells, grouped: unlocked, and reset to the input fill when highlights are cleared. */
  inputs: string[];
}

/**
 * Lays one sheet spec out as arrays: layout constants and formulas, and the values already typed (`inputs`, by
 * address) in the input cells. Pure, so the writer's output is checked without Excel.
 */
export function buildSheetWrite(sheet: SheetSpec, language: Language, inputs: ReadonlyMap<string, InputValue> = new Map()): SheetWrite {
  const { rows, columns } = sheet.extent;
  const formulas = Array.from({ length: rows }, () => Array<string | number | boolean>(columns).fill(""));
  const numberFormats = Array.from({ length: rows }, () => Array<string>(columns).fill("General"));
  const styled: Array<{ row: number; column: number; key: CellStyle }> = [];
  const unlocked: Array<{ row: number; column: number; key: "input" }> = [];
  for (const cell of sheet.cells) {
    const pos = parseCellAddress(cell.address)!;
    numberFormats[pos.row]![pos.column] = numberFormatCode(cell.format, language);
    if (cell.formula !== undefined) formulas[pos.row]![pos.column] = `=${cell.formula}`;
    else if (cell.locked) formulas[pos.row]![pos.column] = cell.value ?? "";
    else formulas[pos.row]![pos.column] = inputs.get(cell.address) ?? "";
    if (cell.style !== "meta") styled.push({ row: pos.row, column: pos.column, key: cell.style });
    if (!cell.locked) unlocked.push({ row: pos.row, column: pos.column, key: "input" });
  }
  return {
    address: `A1:${rectAddress({ top: rows - 1, left: columns - 1, bottom: rows - 1, right: columns - 1 })}`,
    formulas,
    numberFormats,
    styles: groupIntoRects(styled).map((g) => ({ address: rectAddress(g.rect), style: g.key })),
    inputs: groupIntoRects(unlocked).map((g) => rectAddress(g.rect)),
  };
}

/** Excel measures column widths in points; the layout in characters of the default font (about 7 px each). */
export function columnWidthPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}
