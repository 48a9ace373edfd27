import { cellAddress, parseCellAddress } from "../../../core/src/layout/cellAddress";

/** A rectangle of cells, zero-based and inclusive. */
export interface CellRect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function rectAddress(rect: CellRect): string {
  const from = cellAddress(rect.top, rect.left);
  return rect.top === rect.bottom && rect.left === rect.right ? from : `${from}:${cellAddress(rect.bottom, rect.right)}`;
}

/** Parses "B7" or "B7:D9" (no sheet name). */
export function parseRect(address: string): CellRect {
  const [a, b = a] = address.split(":");
  const from = parseCellAddress(a!);
  const to = parseCellAddress(b!);
  if (!from || !to) throw new RangeError(`not a range address: ${address}`);
  return { top: Math.min(from.row, to.row), left: Math.min(from.column, to.column), bottom: Math.max(from.row, to.row), right: Math.max(from.column, to.column) };
}

/**
 * Groups cells that share a key into few rectangles: runs along each row, then identical runs on consecutive
 * rows stacked. A 500-row roster becomes a handful of ranges, so formatting costs a few Office.js calls, not one
 * per cell.
 */
export function groupIntoRects<K extends string>(cells: ReadonlyArray<{ row: number; column: number; key: K }>): Array<{ rect: CellRect; key: K }> {
  const byRow = new Map<number, Array<{ column: number; key: K }>>();
  for (const c of cells) {
    const list = byRow.get(c.row) ?? [];
    list.push({ column: c.column, key: c.key });
    byRow.set(c.row, list);
  }
  const open = new Map<string, { rect: CellRect; key: K }>();
  const done: Array<{ rect: CellRect; key: K }> = [];
  for (const row of [...byRow.keys()].sort((a, b) => a - b)) {
    const list = byRow.get(row)!.sort((a, b) => a.column - b.column);
    const runs: Array<{ left: number; right: number; key: K }> = [];
    for (const c of list) {
      const last = runs[runs.length - 1];
      if (last && last.key === c.key && last.right + 1 === c.column) last.right = c.column;
      else runs.push({ left: c.column, right: c.column, key: c.key });
    }
    const stillOpen = new Set<string>();
    for (const run of runs) {
      const id = `${run.left}:${run.right}:${run.key}`;
      const current = open.get(id);
      if (current && current.rect.bottom + 1 === row) current.rect.bottom = row;
      else {
        if (current) done.push(current);
        open.set(id, { rect: { top: row, left: run.left, bottom: row, right: run.right }, key: run.key });
      }
      stillOpen.add(id);
    }
    for (const [id, r] of open) {
      if (!stillOpen.has(id)) {
        done.push(r);
        open.delete(id);
      }
    }
  }
  done.push(...open.values());
  return done.sort((a, b) => a.rect.top - b.rect.top || a.rect.left - b.rect.left);
}
