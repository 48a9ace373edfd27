import { suppressCounts, type SumRelation } from "../../../../core/src/stats/suppressCounts";

/** One count in a table whose dimensions use "*" for "all" (the shape GROUPING SETS gives). */
export interface CubeCell {
  dims: readonly string[];
  value: number;
}

/**
 * Small-cell suppression for a table of people counts with totals: every "*" cell along a dimension that can be
 * summed is the total of the cells that differ from it only in that dimension, and those relations are what a
 * reader could solve. Returns the indexes of the cells to hide. With `applied` false nothing is hidden.
 */
export function protectCube(cells: readonly CubeCell[], additive: readonly boolean[], k: number, applied: boolean): Set<number> {
  if (!applied || cells.length === 0) return new Set();
  const id = (dims: readonly string[]) => dims.join("\u0000");
  const byKey = new Map<string, number>();
  cells.forEach((c, i) => byKey.set(id(c.dims), i));
  // Parts of a total along dimension j: the cells equal to it elsewhere, specific in j.
  const partsOf = new Map<string, string[]>();
  cells.forEach((c, i) => {
    c.dims.forEach((d, j) => {
      if (d === "*" || !additive[j]) return;
      const total = id(c.dims.map((x, jj) => (jj === j ? "*" : x)));
      if (!byKey.has(total)) return;
      const key = `${total}\u0001${j}`;
      const list = partsOf.get(key) ?? [];
      list.push(String(i));
      partsOf.set(key, list);
    });
  });
  const relations: SumRelation[] = [];
  for (const [key, parts] of partsOf) {
    const total = String(byKey.get(key.split("\u0001")[0]!)!);
    relations.push({ total, parts });
  }
  const { hidden } = suppressCounts({ cells: cells.map((c, i) => ({ id: String(i), value: c.value })), relations }, k);
  return new Set([...hidden].map(Number));
}
