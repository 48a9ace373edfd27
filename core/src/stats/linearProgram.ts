/**
 * A small dense two-phase simplex (Bland's rule, so it cannot cycle) for: optimise c·x subject to A x = b,
 * x ≥ 0. Used to audit small-cell suppression: how far can a hidden count be narrowed by someone who solves the
 * published totals? Phase 1 (finding a feasible point) is shared by every objective over the same constraints,
 * so `prepareLinearProgram` does it once and `optimise` runs phase 2 from a copy.
 */
export type LpResult = { status: "optimal"; value: number } | { status: "unbounded" } | { status: "infeasible" };

const EPS = 1e-9;
const RESTART_EVERY = 16;
const WARM_PIVOT_LIMIT = 2_000;
const COLD_PIVOT_LIMIT = 200_000;

export interface PreparedProgram {
  optimise(c: readonly number[], sense: "min" | "max"): LpResult;
}

export function prepareLinearProgram(A: readonly number[][], b: readonly number[]): PreparedProgram | "infeasible" {
  const m = A.length;
  const n = m === 0 ? 0 : A[0]!.length;
  const rows: number[][] = [];
  for (let i = 0; i < m; i++) {
    const sign = b[i]! < 0 ? -1 : 1;
    const row = new Array<number>(n + m + 1).fill(0);
    for (let j = 0; j < n; j++) row[j] = sign * (A[i]![j] ?? 0);
    row[n + i] = 1;
    row[n + m] = sign * b[i]!;
    rows.push(row);
  }
  const basis = Array.from({ length: m }, (_, i) => n + i);
  const phase1 = new Array<number>(n + m).fill(0);
  for (let i = 0; i < m; i++) phase1[n + i] = -1;
  const phase1Status = runSimplex(rows, basis, phase1, n + m, COLD_PIVOT_LIMIT);
  if (phase1Status === "stalled") throw new Error("simplex did not converge");
  if (phase1Status === "unbounded") return "infeasible";
  const infeasibility = rows.reduce((s, row, i) => s + (basis[i]! >= n ? row[n + m]! : 0), 0);
  if (infeasibility > 1e-7) return "infeasible";
  for (let i = 0; i < m; i++) {
    if (basis[i]! < n) continue;
    const j = rows[i]!.findIndex((v, col) => col < n && Math.abs(v) > EPS);
    if (j >= 0) pivot(rows, basis, i, j);
  }
  // Keep only the original columns, and drop rows still held by an artificial: they were redundant.
  const kept: number[][] = [];
  const keptBasis: number[] = [];
  for (let i = 0; i < m; i++) {
    if (basis[i]! >= n) continue;
    const row = rows[i]!;
    kept.push([...row.slice(0, n), row[n + m]!]);
    keptBasis.push(basis[i]!);
  }
  // Each optimisation starts from the basis the previous one ended in: it stays feasible, so a new objective
  // usually needs only a few pivots. Rounding errors build up along such a chain, so it restarts from the
  // phase-1 tableau every few solves, and whenever a solve runs too long.
  const start = kept.map((row) => row.slice());
  const startBasis = keptBasis.slice();
  let rows2 = start.map((row) => row.slice());
  let basis2 = startBasis.slice();
  let solves = 0;
  const reset = () => {
    rows2 = start.map((row) => row.slice());
    basis2 = startBasis.slice();
    solves = 0;
  };
  return {
    optimise(c, sense) {
      const objective = c.map((v) => (sense === "max" ? v : -v));
      if (++solves > RESTART_EVERY) reset();
      let status = runSimplex(rows2, basis2, objective, n, WARM_PIVOT_LIMIT);
      if (status === "stalled") {
        reset();
        status = runSimplex(rows2, basis2, objective, n, COLD_PIVOT_LIMIT);
        if (status === "stalled") throw new Error("simplex did not converge");
      }
      if (status === "unbounded") return { status: "unbounded" };
      let value = 0;
      for (let i = 0; i < rows2.length; i++) value += c[basis2[i]!]! * rows2[i]![n]!;
      return { status: "optimal", value };
    },
  };
}

export function solveLinearProgram(A: readonly number[][], b: readonly number[], c: readonly number[], sense: "min" | "max"): LpResult {
  const prepared = prepareLinearProgram(A.length === 0 ? [] : A, b);
  if (prepared === "infeasible") return { status: "infeasible" };
  if (A.length === 0) {
    // No constraint: each variable is free above 0.
    return sense === "min" ? { status: "optimal", value: 0 } : c.some((v) => v > 0) ? { status: "unbounded" } : { status: "optimal", value: 0 };
  }
  return prepared.optimise(c, sense);
}

/**
 * Maximises `objective` over columns < `usable`; columns with -Infinity weight never enter. The reduced costs
 * are kept as an extra row updated by each pivot. Dantzig's rule (the largest improvement) picks the entering
 * column; after a run of degenerate pivots it switches to Bland's rule, which cannot cycle.
 */
function runSimplex(rows: number[][], basis: number[], objective: number[], usable: number, pivotLimit: number): "optimal" | "unbounded" | "stalled" {
  const m = rows.length;
  const width = rows[0]?.length ?? 0;
  const rhs = width - 1;
  const inBasis = new Uint8Array(width);
  for (const j of basis) inBasis[j] = 1;
  // reduced[j] = c_j - c_B · column_j, for the usable columns.
  const reduced = new Float64Array(usable);
  for (let j = 0; j < usable; j++) {
    if (!Number.isFinite(objective[j]!)) {
      reduced[j] = Number.NEGATIVE_INFINITY;
      continue;
    }
    let r = objective[j]!;
    for (let i = 0; i < m; i++) {
      const a = rows[i]![j]!;
      if (a === 0) continue;
      const cb = objective[basis[i]!]!;
      if (Number.isFinite(cb)) r -= cb * a;
    }
    reduced[j] = r;
  }
  let degenerate = 0;
  for (let iteration = 0; iteration < pivotLimit; iteration++) {
    const bland = degenerate > 50;
    let entering = -1;
    let best = EPS;
    for (let j = 0; j < usable; j++) {
      if (inBasis[j]) continue;
      const r = reduced[j]!;
      if (r > best) {
        entering = j;
        if (bland) break;
        best = r;
      }
    }
    if (entering < 0) return "optimal";
    let leaving = -1;
    let ratioBest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < m; i++) {
      const a = rows[i]![entering]!;
      if (a > EPS) {
        const ratio = rows[i]![rhs]! / a;
        if (ratio < ratioBest - EPS || (Math.abs(ratio - ratioBest) <= EPS && basis[i]! < basis[leaving]!)) {
          ratioBest = ratio;
          leaving = i;
        }
      }
    }
    if (leaving < 0) return "unbounded";
    degenerate = ratioBest <= EPS ? degenerate + 1 : 0;
    inBasis[basis[leaving]!] = 0;
    inBasis[entering] = 1;
    pivot(rows, basis, leaving, entering);
    // The pivot row is now scaled; subtract it from the reduced costs.
    const f = reduced[entering]!;
    const pr = rows[leaving]!;
    for (let j = 0; j < usable; j++) {
      const v = pr[j]!;
      if (v !== 0 && Number.isFinite(reduced[j]!)) reduced[j] = reduced[j]! - f * v;
    }
  }
  return "stalled";
}

function pivot(rows: number[][], basis: number[], r: number, col: number): void {
  const p = rows[r]![col]!;
  const pivotRow = rows[r]!;
  for (let j = 0; j < pivotRow.length; j++) pivotRow[j] = pivotRow[j]! / p;
  for (let i = 0; i < rows.length; i++) {
    if (i === r) continue;
    const row = rows[i]!;
    const f = row[col]!;
    if (Math.abs(f) <= EPS) continue;
    for (let j = 0; j < row.length; j++) {
      const v = pivotRow[j]!;
      if (v === 0) continue;
      const x = row[j]! - f * v;
      // The data are whole numbers and the coefficients 0 or ±1: snap what rounding error moved off them.
      const r = Math.round(x);
      row[j] = Math.abs(x - r) < 1e-9 ? r : x;
    }
  }
  basis[r] = col;
}
