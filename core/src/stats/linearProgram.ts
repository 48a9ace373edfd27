/**
 * A small dense two-phase simplex (Bland's rule, so it cannot cycle) for: optimise c·x subject to A x = b,
 * x ≥ 0. Used to audit small-cell suppression: how far can a hidden count be narrowed by someone who solves the
 * published totals? Phase 1 (finding a feasible point) is shared by every objective over the same constraints,
 * so `prepareLinearProgram` does it once and `optimise` runs phase 2 from a copy.
 */
export type LpResult = { status: "optimal"; value: number } | { status: "unbounded" } | { status: "infeasible" };

const EPS = 1e-9;

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
  if (runSimplex(rows, basis, phase1, n + m) === "unbounded") return "infeasible";
  const infeasibility = rows.reduce((s, row, i) => s + (basis[i]! >= n ? row[n + m]! : 0), 0);
  if (infeasibility > 1e-7) return "infeasible";
  for (let i = 0; i < m; i++) {
    if (basis[i]! < n) continue;
    const j = rows[i]!.findIndex((v, col) => col < n && Math.abs(v) > EPS);
    if (j >= 0) pivot(rows, basis, i, j);
  }
  return {
    optimise(c, sense) {
      const r = rows.map((row) => row.slice());
      const bs = basis.slice();
      const objective = [...c.map((v) => (sense === "max" ? v : -v)), ...new Array<number>(m).fill(Number.NEGATIVE_INFINITY)];
      if (runSimplex(r, bs, objective, n) === "unbounded") return { status: "unbounded" };
      let value = 0;
      for (let i = 0; i < m; i++) if (bs[i]! < n) value += c[bs[i]!]! * r[i]![n + m]!;
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

/** Maximises `objective` over columns < `usable`; columns with -Infinity weight never enter. */
function runSimplex(rows: number[][], basis: number[], objective: number[], usable: number): "optimal" | "unbounded" {
  const m = rows.length;
  const width = rows[0]?.length ?? 0;
  const rhs = width - 1;
  const inBasis = new Uint8Array(width);
  for (const j of basis) inBasis[j] = 1;
  for (let iteration = 0; iteration < 100_000; iteration++) {
    // Reduced costs: c_j - c_B · column_j. Bland: the lowest-index improving column enters.
    let entering = -1;
    for (let j = 0; j < usable; j++) {
      if (inBasis[j] || !Number.isFinite(objective[j]!)) continue;
      let reduced = objective[j]!;
      for (let i = 0; i < m; i++) {
        const a = rows[i]![j]!;
        if (a === 0) continue;
        const cb = objective[basis[i]!]!;
        if (Number.isFinite(cb)) reduced -= cb * a;
      }
      if (reduced > EPS) {
        entering = j;
        break;
      }
    }
    if (entering < 0) return "optimal";
    let leaving = -1;
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < m; i++) {
      const a = rows[i]![entering]!;
      if (a > EPS) {
        const ratio = rows[i]![rhs]! / a;
        if (ratio < best - EPS || (Math.abs(ratio - best) <= EPS && basis[i]! < basis[leaving]!)) {
          best = ratio;
          leaving = i;
        }
      }
    }
    if (leaving < 0) return "unbounded";
    inBasis[basis[leaving]!] = 0;
    inBasis[entering] = 1;
    pivot(rows, basis, leaving, entering);
  }
  throw new Error("simplex did not converge");
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
      if (v !== 0) row[j] = row[j]! - f * v;
    }
  }
  basis[r] = col;
}
