import { parseCellAddress } from "../../core/src/layout/cellAddress";

/**
 * Evaluates the only formula shapes the template uses — "E6+F6" and "SUM(E6:E12)" — the way Excel does
 * (blank cells count as 0). Used by tests and by the fake Office host, which must show computed totals.
 */
export function evaluateFormula(formula: string, valueAt: (row: number, column: number) => unknown): number {
  const f = formula.replace(/^=/, "").replace(/[\s$]/g, "").toUpperCase();
  const num = (v: unknown) => (typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v)) ? Number(v) : 0);
  const sum = /^SUM\(([A-Z]+[0-9]+):([A-Z]+[0-9]+)\)$/.exec(f);
  if (sum) {
    const a = parseCellAddress(sum[1]!)!;
    const b = parseCellAddress(sum[2]!)!;
    let s = 0;
    for (let r = a.row; r <= b.row; r++) for (let c = a.column; c <= b.column; c++) s += num(valueAt(r, c));
    return s;
  }
  const parts = f.split("+");
  if (parts.every((p) => parseCellAddress(p))) {
    return parts.reduce((s, p) => {
      const pos = parseCellAddress(p)!;
      return s + num(valueAt(pos.row, pos.column));
    }, 0);
  }
  throw new Error(`formula shape not supported by the test evaluator: ${formula}`);
}
