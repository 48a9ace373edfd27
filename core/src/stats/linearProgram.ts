/**
 * A small dense two-phase simplex (Bland's rule, so it cannot cycle) for: optimise c·x subject to A x = b,
 * x ≥ 0. Used to audit small-cell suppression: how far can a hidden count be narrowed by someone who solves the
 * published totals? Tables are small (tens to hundreds of cells per connected block), so dense is fine.
 */
export type LpResult = { status: "optimal"; value: number } | { status: "unbounded" } | { status: "infeasible" };

const EPS = 1e-9;

export function solveLinearProgram(A: readonly number[][], b: readonly number[], c: readonly number[], sense: "min" | "max"): LpResult {
  const m = A.length;
  const n = c.length;
  // Tableau rows: constraints with artificial variables; make every b non-negative first.
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

  // Phase 1: minimise the sum of artificials (as maximising its negative).
  const phase1 = new Array<number>(n + m).fill(0);
  for (let i = 0; i < m; i++) phase1[n + i] = -1;
  if (runSimplex(rows, basis, phase1, n + m) === "unbounded") return { status: "infeasible" };
  const infeasibility = rows.reduce((s, row, i) => s + (basis[i]! >= n ? row[n + m]! : 0), 0);
  if (infeasibility > 1e-7) return { status: "infeasible" };
  // Drive remaining (zero) artificials out of the basis where possible.
  for (let i = 0; i < m; i++) {
    if (basis[i]! < n) continue;
    const j = rows[i]!.findIndex((v, col) => col < n && Math.abs(v) > EPS);
    if (j >= 0) pivot(rows, basis, i, j);
  }
  // Phase 2 on the original variables only (artificial columns are frozen out).
  const objective = c.map((v) => (sense === "max" ? v : -v));
  const status = runSimplex(rows, basis, [...objective, ...new Array<number>(m).fill(Number.NEGATIVE_INFINITY)], n);
  if (status === "unbounded") return { status: "unbounded" };
  let value = 0;
  for (let i = 0; i < m; i++) if (basis[i]! < n) value += c[basis[i]!]! * rows[i]![n + m]!;
  return { status: "optimal", value };
}

/** Maximises `objective` over columns < `usable`; columns with -Infinity weight never enter. */
function runSimplex(rows: number[][], basis: number[], objective: number[], usable: number): "optimal" | "unbounded" {
  const m = rows.length;
  const width = rows[0]?.length ?? 0;
  const rhs = width - 1;
  for (let iteration = 0; iteration < 50_000; iteration++) {
    // Reduced costs: c_j - c_B · column_j. Bland: the lowest-index improving column enters.
    let entering = -1;
    for (let j = 0; j < usable; j++) {
      if (!Number.isFinite(objective[j]!)) continue;
      if (basis.includes(j)) continue;
      let reduced = objective[j]!;
      for (let i = 0; i < m; i++) {
        const cb = objective[basis[i]!]!;
        if (Number.isFinite(cb)) reduced -= cb * rows[i]![j]!;
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
    pivot(rows, basis, leaving, entering);
  }
  throw new Error("simplex did not converge");
}

function pivot(rows: number[][], basis: number[], r: number, col: number): void {
  const p = rows[r]![col]!;
  const pivotRow = rows[r]!.map((v) => v / p);
  rows[r] = pivotRow;
  for (let i = 0; i < rows.length; i++) {
    if (i === r) continue;
    const f = rows[i]![col]!;
    if (Math.abs(f) <= EPS) continue;
    const row = rows[i]!;
    for (let j = 0; j < row.length; j++) row[j] = row[j]! - f * pivotRow[j]!;
  }
  basis[r] = col;
}
