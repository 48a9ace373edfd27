import { readFileSync, writeFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { toCsv } from "./writeDemoCsv";

/**
 * The demo's copy of the UN parity targets: the shipped file, plus the years it lacks (2023–2027) drawn on a
 * straight line between the nearest known years, each row saying it is a demo-only interpolation. The product's
 * own file never carries guesses (domain reference §3); the demo needs some so its colours mean something.
 */
export function writeDemoParityTargets(shipped: string, target: string): void {
  const rows = parse(readFileSync(shipped, "utf8"), { columns: true, skip_empty_lines: true, bom: true }) as Array<Record<string, string>>;
  const known = new Map(rows.map((r) => [`${r.year}|${r.parity_category}`, Number(r.target_pct)]));
  const out: Array<Array<string | number | null>> = rows.map((r) => [r.year!, r.parity_category!, r.target_pct!, r.source!, r.certainty ?? ""]);
  for (const category of [...new Set(rows.map((r) => r.parity_category!))]) {
    const years = rows.filter((r) => r.parity_category === category).map((r) => Number(r.year)).sort((a, b) => a - b);
    for (let i = 0; i + 1 < years.length; i++) {
      const [a, b] = [years[i]!, years[i + 1]!];
      for (let y = a + 1; y < b; y++) {
        const va = known.get(`${a}|${category}`)!;
        const vb = known.get(`${b}|${category}`)!;
        const v = Math.round((va + ((vb - va) * (y - a)) / (b - a)) * 10) / 10;
        out.push([y, category, v, `DEMO ONLY: straight line between ${a} and ${b}, not a UN figure`, "unverified"]);
      }
    }
  }
  out.sort((x, y) => Number(x[0]) - Number(y[0]) || String(x[1]).localeCompare(String(y[1])));
  writeFileSync(target, toCsv(["year", "parity_category", "target_pct", "source", "certainty"], out));
}
