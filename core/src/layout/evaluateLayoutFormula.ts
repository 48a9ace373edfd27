import { parseCellAddress } from "./cellAddress";

/**
 * Evaluates the only formula shapes the template uses — "E6+F6" and "SUM(E6:E12)" — the way Excel does
 * (blank cells count as 0; SUM skips text while "+" converts numeric text). Writers use it to store correct
 * cached results; test hosts to show totals.
 * Throws on any other shape: the layout never writes one.
 */
export function evaluateLayoutFormula(formula: string, valueAt: (row: number, column: number) => unknown): number {
  const f = formula.replace(/^=/, "").replace(/[\s$]/g, "").toUpperCase();
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);
  const plus = (v: unknown) => (typeof v === "string" && /^\s*[+-]?[0-9]+(\.[0-9]+)?\s*$/.test(v) ? Number(v) : num(v));
  const sum = /^SUM\(([A-Z]+[0-9]+):([A-Z]+[0-9]+)\)$/.exec(f);
  if (sum) {
    const a = parseCellAddress(sum[1]!)!;
    const b = parseCellAddress(sum[2]!)!;
    let s = 0;
    for (let r = a.row; r <= b.row; r++) for (let c = a.column; c <= b.column; c++) s += num(valueAt(r, c));
    return s;
  }
  const parts = f.split("+");
  if (parts.length > 0 && parts.every((p) => parseCellAddress(p))) {
    return parts.reduce((s, p) => {
      const pos = parseCellAddress(p)!;
      return s + plus(valueAt(pos.row, pos.column));
    }, 0);
  }
  throw new RangeError(`not a template formula: ${formula}`);
}
