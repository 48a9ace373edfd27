import { solveLinearProgram } from "./linearProgram";

/** A published count of people. */
export interface CountCell {
  id: string;
  value: number;
}

/** An additive relation a reader can use: total = sum of parts (row, column, period or grand totals). */
export interface SumRelation {
  total: string;
  parts: readonly string[];
}

export interface CountTable {
  cells: readonly CountCell[];
  relations: readonly SumRelation[];
}

export interface SuppressionResult {
  /** Every cell not published: primary and secondary. */
  hidden: Set<string>;
  /** Cells hidden because they count 1 to k−1 people. */
  primary: Set<string>;
}

export interface FeasibleRange {
  min: number;
  max: number;
}

/**
 * Small-cell suppression for one table of people counts with its totals. Primary: every count from 1 to k−1 is
 * hidden. Secondary: more cells are hidden until no hidden cell can be pinned down from the published totals —
 * first so that no relation has a single hidden member, then by solving the published relations as a linear
 * program and hiding more wherever a hidden cell's possible range is narrower than k.
 */
export function suppressCounts(table: CountTable, k: number): SuppressionResult {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`k must be a whole number ≥ 2, got ${k}`);
  const value = new Map(table.cells.map((c) => [c.id, c.value]));
  for (const r of table.relations) {
    for (const id of [r.total, ...r.parts]) if (!value.has(id)) throw new RangeError(`relation names an unknown cell ${id}`);
  }
  const primary = new Set(table.cells.filter((c) => c.value >= 1 && c.value < k).map((c) => c.id));
  const hidden = new Set(primary);
  const isTotal = new Set(table.relations.map((r) => r.total));
  const rank = (id: string) => [isTotal.has(id) ? 1 : 0, value.get(id) === 0 ? 1 : 0, value.get(id)!, id] as const;
  const cheapest = (candidates: string[]): string | undefined =>
    candidates.sort((a, b) => {
      const ra = rank(a);
      const rb = rank(b);
      return ra[0] - rb[0] || ra[1] - rb[1] || ra[2] - rb[2] || (ra[3] < rb[3] ? -1 : ra[3] > rb[3] ? 1 : 0);
    })[0];

  for (let guard = 0; guard < table.cells.length + 1; guard++) {
    // Step 1: a relation with exactly one hidden member gives it away; hide a second member.
    let changed = true;
    while (changed) {
      changed = false;
      for (const r of table.relations) {
        const members = [r.total, ...r.parts];
        const h = members.filter((id) => hidden.has(id));
        if (h.length !== 1) continue;
        const pick = cheapest(members.filter((id) => !hidden.has(id)));
        if (pick !== undefined) {
          hidden.add(pick);
          changed = true;
        }
      }
    }
    // Step 2: audit by linear programming; widen where a hidden cell is narrowed below k.
    const narrow = [...hidden].filter((id) => {
      const range = feasibleRange(table, hidden, id);
      return range.max - range.min < k;
    });
    if (narrow.length === 0) return { hidden, primary };
    let added = false;
    for (const id of narrow.sort()) {
      const related = table.relations.filter((r) => r.total === id || r.parts.includes(id));
      const pick = cheapest(related.flatMap((r) => [r.total, ...r.parts]).filter((x) => !hidden.has(x)));
      if (pick !== undefined) {
        hidden.add(pick);
        added = true;
        break;
      }
    }
    if (!added) {
      // Nothing left to hide next to the narrow cells: hide the cheapest visible cell anywhere in their block.
      const pick = cheapest(table.cells.map((c) => c.id).filter((id) => !hidden.has(id)));
      if (pick === undefined) return { hidden, primary };
      hidden.add(pick);
    }
  }
  return { hidden, primary };
}

/**
 * The range a hidden cell can take given every published cell and every relation (with all counts ≥ 0): what
 * someone solving the published totals could learn. Solved on the block of relations connected to the cell.
 */
export function feasibleRange(table: CountTable, hidden: ReadonlySet<string>, id: string): FeasibleRange {
  const value = new Map(table.cells.map((c) => [c.id, c.value]));
  // The connected block: hidden cells linked through relations that contain them.
  const block = new Set<string>([id]);
  const relations: SumRelation[] = [];
  const seen = new Set<SumRelation>();
  const queue = [id];
  while (queue.length > 0) {
    const cur = queue.pop()!;
    for (const r of table.relations) {
      if (seen.has(r) || !(r.total === cur || r.parts.includes(cur))) continue;
      seen.add(r);
      relations.push(r);
      for (const m of [r.total, ...r.parts]) {
        if (hidden.has(m) && !block.has(m)) {
          block.add(m);
          queue.push(m);
        }
      }
    }
  }
  const vars = [...block];
  const index = new Map(vars.map((v, i) => [v, i]));
  const A: number[][] = [];
  const b: number[] = [];
  for (const r of relations) {
    const row = new Array<number>(vars.length).fill(0);
    let rhs = 0;
    const add = (m: string, sign: number) => {
      const i = index.get(m);
      if (i !== undefined) row[i]! += sign;
      else rhs -= sign * value.get(m)!;
    };
    add(r.total, -1);
    for (const p of r.parts) add(p, 1);
    A.push(row);
    b.push(rhs);
  }
  const c = vars.map((v) => (v === id ? 1 : 0));
  const lo = solveLinearProgram(A, b, c, "min");
  const hi = solveLinearProgram(A, b, c, "max");
  if (lo.status === "infeasible" || hi.status === "infeasible") throw new Error(`published totals are inconsistent around ${id}`);
  return {
    min: lo.status === "optimal" ? lo.value : Number.NEGATIVE_INFINITY,
    max: hi.status === "optimal" ? hi.value : Number.POSITIVE_INFINITY,
  };
}
