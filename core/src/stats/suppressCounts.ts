import { prepareLinearProgram } from "./linearProgram";

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
 * program and hiding more wherever a hidden cell's possible range is narrower than k. Only the blocks of hidden
 * cells that changed are solved again.
 */
export function suppressCounts(table: CountTable, k: number): SuppressionResult {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`k must be a whole number ≥ 2, got ${k}`);
  const ctx = new TableIndex(table);
  const primary = new Set(table.cells.filter((c) => c.value >= 1 && c.value < k).map((c) => c.id));
  const hidden = new Set(primary);
  // Hiding more cells only ever widens the range of a cell already hidden (a known number becomes one more
  // unknown), so a cell found wide enough stays so and is never solved again.
  const wide = new Set<string>();
  for (let guard = 0; guard <= table.cells.length; guard++) {
    ctx.hideLoneMembers(hidden);
    const check = new Set([...hidden].filter((id) => !wide.has(id)));
    for (const block of ctx.blocks(hidden).filter((b) => b.some((id) => check.has(id)))) {
      for (const [id, range] of ctx.solveBlock(block, hidden, (id) => check.has(id))) {
        if (range.max - range.min >= k) wide.add(id);
      }
    }
    const narrow = [...hidden].filter((id) => !wide.has(id));
    if (narrow.length === 0) return { hidden, primary };
    // Widen narrow cells that share no relation with a cell already widened this round (one more hidden
    // neighbour often frees its neighbours too, so they wait for the next round's audit).
    const touched = new Set<string>();
    let added = false;
    for (const id of narrow.sort()) {
      const near = ctx.neighbours(id);
      if (near.some((x) => touched.has(x))) continue;
      const pick = ctx.cheapest(near.filter((x) => !hidden.has(x))) ?? ctx.cheapest(table.cells.map((c) => c.id).filter((x) => !hidden.has(x)));
      if (pick === undefined) continue;
      hidden.add(pick);
      added = true;
      for (const x of [...near, ...ctx.neighbours(pick)]) touched.add(x);
    }
    if (!added) return { hidden, primary };
  }
  return { hidden, primary };
}

/**
 * The range a hidden cell can take given every published cell and every relation (with all counts ≥ 0): what
 * someone solving the published totals could learn.
 */
export function feasibleRange(table: CountTable, hidden: ReadonlySet<string>, id: string): FeasibleRange {
  const ctx = new TableIndex(table);
  const block = ctx.blocks(hidden).find((b) => b.includes(id)) ?? [id];
  return ctx.solveBlock(block, hidden).get(id)!;
}

class TableIndex {
  readonly value: Map<string, number>;
  private readonly relationsOf = new Map<string, SumRelation[]>();
  private readonly isTotal: Set<string>;

  constructor(private readonly table: CountTable) {
    this.value = new Map(table.cells.map((c) => [c.id, c.value]));
    for (const r of table.relations) {
      for (const id of [r.total, ...r.parts]) {
        if (!this.value.has(id)) throw new RangeError(`relation names an unknown cell ${id}`);
        const list = this.relationsOf.get(id) ?? [];
        list.push(r);
        this.relationsOf.set(id, list);
      }
    }
    this.isTotal = new Set(table.relations.map((r) => r.total));
  }

  /** Cheapest to hide: a part before a total, a non-zero count before a zero, the smallest, then by id. */
  cheapest(candidates: string[]): string | undefined {
    let best: string | undefined;
    for (const c of candidates) {
      if (best === undefined || this.rank(c, best) < 0) best = c;
    }
    return best;
  }

  private rank(a: string, b: string): number {
    const ta = this.isTotal.has(a) ? 1 : 0;
    const tb = this.isTotal.has(b) ? 1 : 0;
    const za = this.value.get(a) === 0 ? 1 : 0;
    const zb = this.value.get(b) === 0 ? 1 : 0;
    return ta - tb || za - zb || this.value.get(a)! - this.value.get(b)! || (a < b ? -1 : a > b ? 1 : 0);
  }

  neighbours(id: string): string[] {
    return (this.relationsOf.get(id) ?? []).flatMap((r) => [r.total, ...r.parts]);
  }

  /** A relation with exactly one hidden member gives it away: hide a second member, until none is left. */
  hideLoneMembers(hidden: Set<string>): string[] {
    const added: string[] = [];
    let changed = true;
    while (changed) {
      changed = false;
      for (const r of this.table.relations) {
        const members = [r.total, ...r.parts];
        let count = 0;
        for (const m of members) if (hidden.has(m)) count++;
        if (count !== 1) continue;
        const pick = this.cheapest(members.filter((m) => !hidden.has(m)));
        if (pick !== undefined) {
          hidden.add(pick);
          added.push(pick);
          changed = true;
        }
      }
    }
    return added;
  }

  /** Hidden cells grouped into blocks linked by the relations they share. */
  blocks(hidden: ReadonlySet<string>): string[][] {
    const parent = new Map<string, string>();
    const find = (x: string): string => {
      let root = x;
      while (parent.get(root) !== root) root = parent.get(root)!;
      let cur = x;
      while (parent.get(cur) !== root) {
        const next = parent.get(cur)!;
        parent.set(cur, root);
        cur = next;
      }
      return root;
    };
    for (const id of hidden) parent.set(id, id);
    for (const r of this.table.relations) {
      let first: string | undefined;
      for (const m of [r.total, ...r.parts]) {
        if (!hidden.has(m)) continue;
        if (first === undefined) first = m;
        else parent.set(find(m), find(first));
      }
    }
    const groups = new Map<string, string[]>();
    for (const id of [...hidden].sort()) {
      const root = find(id);
      const list = groups.get(root) ?? [];
      list.push(id);
      groups.set(root, list);
    }
    return [...groups.values()];
  }

  /** Min and max of the hidden cells of a block (those `wanted`), solving its relations once for feasibility. */
  solveBlock(block: readonly string[], hidden: ReadonlySet<string>, wanted: (id: string) => boolean = () => true): Map<string, FeasibleRange> {
    const index = new Map(block.map((v, i) => [v, i]));
    const relations = new Set<SumRelation>();
    for (const id of block) for (const r of this.relationsOf.get(id) ?? []) relations.add(r);
    const A: number[][] = [];
    const b: number[] = [];
    for (const r of relations) {
      const row = new Array<number>(block.length).fill(0);
      let rhs = 0;
      const add = (m: string, sign: number) => {
        const i = hidden.has(m) ? index.get(m) : undefined;
        if (i !== undefined) row[i]! += sign;
        else rhs -= sign * this.value.get(m)!;
      };
      add(r.total, -1);
      for (const p of r.parts) add(p, 1);
      A.push(row);
      b.push(rhs);
    }
    const out = new Map<string, FeasibleRange>();
    if (A.length === 0) {
      for (const id of block) if (wanted(id)) out.set(id, { min: 0, max: Number.POSITIVE_INFINITY });
      return out;
    }
    const program = prepareLinearProgram(A, b);
    if (program === "infeasible") throw new Error(`published totals are inconsistent around ${block[0]}`);
    block.forEach((id, i) => {
      if (!wanted(id)) return;
      const c = block.map((_, j) => (j === i ? 1 : 0));
      const lo = program.optimise(c, "min");
      const hi = program.optimise(c, "max");
      out.set(id, {
        min: lo.status === "optimal" ? lo.value : Number.NEGATIVE_INFINITY,
        max: hi.status === "optimal" ? hi.value : Number.POSITIVE_INFINITY,
      });
    });
    return out;
  }
}
