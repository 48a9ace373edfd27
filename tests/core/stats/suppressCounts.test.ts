import fc from "fast-check";
import { solveLinearProgram } from "../../../core/src/stats/linearProgram";
import { feasibleRange, suppressCounts, type CountTable } from "../../../core/src/stats/suppressCounts";

/** A rows × columns table with row, column and grand totals, as published. */
function grid(values: number[][]): CountTable {
  const cells: Array<{ id: string; value: number }> = [];
  const relations: Array<{ total: string; parts: string[] }> = [];
  const rows = values.length;
  const cols = values[0]!.length;
  values.forEach((row, r) => row.forEach((v, c) => cells.push({ id: `r${r}c${c}`, value: v })));
  for (let r = 0; r < rows; r++) {
    cells.push({ id: `r${r}T`, value: values[r]!.reduce((a, b) => a + b, 0) });
    relations.push({ total: `r${r}T`, parts: Array.from({ length: cols }, (_, c) => `r${r}c${c}`) });
  }
  for (let c = 0; c < cols; c++) {
    cells.push({ id: `Tc${c}`, value: values.reduce((a, row) => a + row[c]!, 0) });
    relations.push({ total: `Tc${c}`, parts: Array.from({ length: rows }, (_, r) => `r${r}c${c}`) });
  }
  cells.push({ id: "TT", value: values.flat().reduce((a, b) => a + b, 0) });
  relations.push({ total: "TT", parts: Array.from({ length: rows }, (_, r) => `r${r}T`) });
  relations.push({ total: "TT", parts: Array.from({ length: cols }, (_, c) => `Tc${c}`) });
  return { cells, relations };
}

/**
 * What an attacker with integers learns: every assignment of whole numbers to the hidden cells that fits every
 * published relation, enumerated by backtracking (independent of the linear program). Returns each hidden
 * cell's [min, max] over all solutions.
 */
function bruteForceRanges(table: CountTable, hidden: Set<string>): Map<string, [number, number]> {
  const value = new Map(table.cells.map((c) => [c.id, c.value]));
  const vars = [...hidden];
  const cap = Math.max(...table.cells.map((c) => c.value));
  const assign = new Map<string, number>();
  const ranges = new Map<string, [number, number]>(vars.map((v) => [v, [Infinity, -Infinity]]));
  const get = (id: string) => (hidden.has(id) ? assign.get(id) : value.get(id));
  const consistent = () =>
    table.relations.every((r) => {
      const members = [r.total, ...r.parts].map(get);
      if (members.some((m) => m === undefined)) {
        const known = r.parts.map(get).filter((m): m is number => m !== undefined).reduce((a, b) => a + b, 0);
        const total = get(r.total);
        return total === undefined || known <= total;
      }
      return (members[0] as number) === r.parts.reduce((s, p) => s + (get(p) as number), 0);
    });
  const walk = (i: number) => {
    if (i === vars.length) {
      for (const v of vars) {
        const range = ranges.get(v)!;
        range[0] = Math.min(range[0], assign.get(v)!);
        range[1] = Math.max(range[1], assign.get(v)!);
      }
      return;
    }
    for (let x = 0; x <= cap; x++) {
      assign.set(vars[i]!, x);
      if (consistent()) walk(i + 1);
    }
    assign.delete(vars[i]!);
  };
  walk(0);
  return ranges;
}

describe("solveLinearProgram", () => {
  it("finds the optimum of a small problem", () => {
    // x + y = 4, x - z = 1, all ≥ 0: x ranges over [1, 4].
    const A = [
      [1, 1, 0],
      [1, 0, -1],
    ];
    expect(solveLinearProgram(A, [4, 1], [1, 0, 0], "min")).toEqual({ status: "optimal", value: 1 });
    expect(solveLinearProgram(A, [4, 1], [1, 0, 0], "max")).toEqual({ status: "optimal", value: 4 });
  });
  it("reports unbounded and infeasible problems", () => {
    expect(solveLinearProgram([[1, -1]], [0], [1, 0], "max")).toEqual({ status: "unbounded" });
    expect(solveLinearProgram([[1, 1]], [-2], [1, 0], "max")).toEqual({ status: "infeasible" });
  });
});

describe("suppressCounts", () => {
  it("hides counts of 1 to k−1 and enough others that none can be recovered from the totals", () => {
    // Women and men by category: one category has 2 women.
    const table = grid([
      [2, 40],
      [12, 88],
      [9, 51],
    ]);
    const { hidden, primary } = suppressCounts(table, 5);
    expect([...primary]).toEqual(["r0c0"]);
    expect(hidden.has("r0c0")).toBe(true);
    // A lone hidden cell in a row or column would be the total minus the rest: a second one is hidden with it.
    for (const r of table.relations) {
      const h = [r.total, ...r.parts].filter((id) => hidden.has(id)).length;
      expect(h === 0 || h >= 2).toBe(true);
    }
    for (const id of hidden) {
      const range = feasibleRange(table, hidden, id);
      expect(range.max - range.min).toBeGreaterThanOrEqual(5);
    }
    expect(hidden.size).toBeLessThan(table.cells.length / 2);
  });

  it("publishes everything when no count is small, and zeros stay visible", () => {
    const { hidden } = suppressCounts(grid([[0, 12], [7, 30]]), 5);
    expect(hidden.size).toBe(0);
  });

  it("hides a small total too, since it is itself a small count", () => {
    const { primary } = suppressCounts(grid([[1, 2], [0, 0]]), 5);
    expect([...primary].sort()).toEqual(["Tc0", "Tc1", "TT", "r0T", "r0c0", "r0c1"].sort());
  });

  it("refuses k below 2 and relations naming unknown cells", () => {
    expect(() => suppressCounts(grid([[1]]), 1)).toThrow(/k must be/);
    expect(() => suppressCounts({ cells: [{ id: "a", value: 1 }], relations: [{ total: "a", parts: ["b"] }] }, 5)).toThrow(/unknown cell b/);
  });

  it("leaves no hidden cell narrower than k for a solver working in whole numbers (property, checked by brute force)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 3 }),
        fc.integer({ min: 2, max: 3 }),
        fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 9, maxLength: 9 }),
        fc.constantFrom(3, 5),
        (rows, cols, flat, k) => {
          const values = Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => flat[r * cols + c]!));
          const table = grid(values);
          const { hidden } = suppressCounts(table, k);
          for (const cell of table.cells) if (cell.value >= 1 && cell.value < k) expect(hidden.has(cell.id)).toBe(true);
          if (hidden.size > 7) return; // brute force stays small; the LP audit covers larger cases
          for (const [id, [lo, hi]] of bruteForceRanges(table, hidden)) {
            expect({ id, wide: hi - lo >= k }).toEqual({ id, wide: true });
          }
        },
      ),
      { numRuns: 150, seed: 1325 },
    );
  });
});
