import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ReportData } from "../../../core/src/stats/ReportData";
import { prepareLinearProgram } from "../../../core/src/stats/linearProgram";
import type { SumRelation } from "../../../core/src/stats/suppressCounts";
import { openDatabase } from "../../../pipeline/src/db/Database";
import { runDemo } from "../../../pipeline/src/demo/runDemo";
import { buildReportData } from "../../../pipeline/src/report/buildReportData";

// Small-cell suppression, audited on every table the pack publishes, on the demo's data (3,000 people, four
// semesters): a reader who takes every published number and every total relation (including a trend's value,
// change and running total) and solves them as a linear program must not narrow any hidden count of people
// below k. The true values of hidden cells come from the internal copy of the same data; the solver only sees
// them through the equations' right-hand sides, as statistics.test.ts does for the hand-made dataset.

const K = 5;

interface AuditCell {
  id: string;
  dims: string[];
  value: number;
  hidden: boolean;
  /** False for cells nobody publishes (e.g. deployed people of unknown sex): unknowns, not audited themselves. */
  published: boolean;
}

/** Each "*" along an additive dimension is the sum of the cells that differ from it only there. */
function cubeRelations(cells: readonly AuditCell[], additive: readonly boolean[]): SumRelation[] {
  const byKey = new Map<string, AuditCell[]>();
  const relations: SumRelation[] = [];
  cells.forEach((c) =>
    c.dims.forEach((d, j) => {
      if (d === "*" || !additive[j]) return;
      const total = c.dims.map((x, jj) => (jj === j ? "*" : x)).join("\u0000") + `\u0001${j}`;
      byKey.set(total, [...(byKey.get(total) ?? []), c]);
    }),
  );
  const ids = new Map(cells.map((c) => [c.dims.join("\u0000"), c.id]));
  for (const [key, parts] of byKey) {
    const total = ids.get(key.split("\u0001")[0]!);
    if (total !== undefined) relations.push({ total, parts: parts.map((p) => p.id) });
  }
  return relations;
}

/**
 * Every hidden published count whose feasible range is narrower than k, and every shown count from 1 to k−1.
 * The ranges are solved here, independently of suppressCounts' own audit (only the simplex is shared): hidden
 * cells linked by relations form blocks; each block's relations, with the shown cells moved to the right-hand
 * side, are one linear program (all counts ≥ 0), minimised and maximised for each of its hidden cells.
 */
function audit(table: string, cells: readonly AuditCell[], relations: readonly SumRelation[], k: number): { violations: string[]; hidden: number } {
  const byId = new Map(cells.map((c) => [c.id, c]));
  const violations: string[] = [];
  for (const c of cells) if (c.published && !c.hidden && c.value >= 1 && c.value < k) violations.push(`${table} ${c.id}: ${c.value} people shown`);
  const hiddenIds = cells.filter((c) => c.hidden).map((c) => c.id);
  const parent = new Map(hiddenIds.map((id) => [id, id]));
  const find = (x: string): string => (parent.get(x) === x ? x : find(parent.get(x)!));
  const relationsOf = new Map<string, SumRelation[]>();
  for (const r of relations) {
    const members = [r.total, ...r.parts];
    for (const m of members) {
      if (!byId.has(m)) throw new Error(`relation names an unknown cell ${m}`);
      relationsOf.set(m, [...(relationsOf.get(m) ?? []), r]);
    }
    const hiddenMembers = members.filter((m) => byId.get(m)!.hidden);
    for (const m of hiddenMembers.slice(1)) parent.set(find(m), find(hiddenMembers[0]!));
  }
  const blocks = groupBy(hiddenIds, find);
  for (const block of blocks.values()) {
    const index = new Map(block.map((id, i) => [id, i]));
    const rows = new Set(block.flatMap((id) => relationsOf.get(id) ?? []));
    const A: number[][] = [];
    const b: number[] = [];
    for (const r of rows) {
      const row = new Array<number>(block.length).fill(0);
      let rhs = 0;
      for (const [m, sign] of [[r.total, -1], ...r.parts.map((p) => [p, 1])] as Array<[string, number]>) {
        const i = index.get(m);
        if (i !== undefined) row[i]! += sign;
        else rhs -= sign * byId.get(m)!.value;
      }
      A.push(row);
      b.push(rhs);
    }
    if (A.length === 0) continue; // no relation: unbounded
    const program = prepareLinearProgram(A, b);
    if (program === "infeasible") throw new Error(`${table}: the true values do not satisfy the relations around ${block[0]}`);
    block.forEach((id, i) => {
      if (!byId.get(id)!.published) return;
      const objective = block.map((_, j) => (j === i ? 1 : 0));
      const lo = program.optimise(objective, "min");
      const hi = program.optimise(objective, "max");
      const min = lo.status === "optimal" ? lo.value : Number.NEGATIVE_INFINITY;
      const max = hi.status === "optimal" ? hi.value : Number.POSITIVE_INFINITY;
      if (max - min < k - 1e-6) violations.push(`${table} ${id}: true value ${byId.get(id)!.value} narrowed to [${min}, ${max}]`);
    });
  }
  return { violations, hidden: hiddenIds.filter((id) => byId.get(id)!.published).length };
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of items) out.set(key(t), [...(out.get(key(t)) ?? []), t]);
  return out;
}

let published: ReportData;
let internal: ReportData;
const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-published-tables-"));

beforeAll(async () => {
  const demo = await runDemo(
    { outDir: path.join(dir, "demo"), personnel: 3000, extraVersions: 0, seed: 1325, language: "es", k: K, deadlineDays: 30 },
    { now: () => new Date("2026-11-28T10:00:00Z"), env: { PA1325_KEY: "published-tables-test-key-0123456789abcdef" }, say: () => {}, warn: () => {}, writePack: async () => [] },
  );
  const db = await openDatabase(demo.database, { readOnly: true });
  try {
    const options = { period: demo.period, language: "es" as const, k: K, deadlineDays: 30, now: new Date("2026-11-28T10:00:00Z") };
    published = await buildReportData(db, { ...options, suppression: true });
    internal = await buildReportData(db, { ...options, suppression: false });
  } finally {
    db.close();
  }
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Printed at the end (figures for docs/security.md, not asserted). */
const figures: string[] = [];
afterAll(() => console.log(`suppression audit (k = ${K}):\n  ${figures.join("\n  ")}`));

describe("every published table of people counts, solved from its published totals (demo data, k = 5)", () => {
  it("indicators: every people indicator of the semester, by institution, breakdown and sex", () => {
    const truth = new Map(internal.indicators.map((s) => [`${s.period}|${s.indicatorCode}|${s.institution}|${s.breakdownKey}|${s.sex}`, s.value!]));
    const people = published.indicators.filter((s) => s.measure === "people");
    let hidden = 0;
    let counted = 0;
    const violations: string[] = [];
    for (const [group, stats] of groupBy(people, (s) => `${s.period}|${s.indicatorCode}`)) {
      const cells = stats.map((s) => ({ id: `${group}|${s.institution}|${s.breakdownKey}|${s.sex}`, dims: [s.institution, s.breakdownKey, s.sex ?? ""], value: truth.get(`${group}|${s.institution}|${s.breakdownKey}|${s.sex}`)!, hidden: s.suppressed, published: true }));
      const result = audit("indicators", cells, cubeRelations(cells, [true, true, true]), K);
      hidden += result.hidden;
      counted += cells.length;
      violations.push(...result.violations);
    }
    expect(violations).toEqual([]);
    expect(hidden).toBeGreaterThan(50);
    figures.push(`indicators: ${counted} published counts of people in ${groupBy(people, (s) => `${s.period}|${s.indicatorCode}`).size} tables, ${hidden} hidden, none narrowed below ${K}`);
  });

  it("rosters: people counted once, by institution, category and sex", () => {
    const key = (r: ReportData["roster"][number]) => `${r.period}|${r.indicatorCode}|${r.institution}|${r.category}|${r.sex}`;
    const truth = new Map(internal.roster.map((r) => [key(r), r.people!]));
    let hidden = 0;
    const violations: string[] = [];
    for (const rows of groupBy(published.roster, (r) => `${r.period}|${r.indicatorCode}`).values()) {
      const cells = rows.map((r) => ({ id: key(r), dims: [r.institution, r.category, r.sex], value: truth.get(key(r))!, hidden: r.suppressed, published: true }));
      const result = audit("roster", cells, cubeRelations(cells, [true, true, true]), K);
      hidden += result.hidden;
      violations.push(...result.violations);
    }
    expect(violations).toEqual([]);
    expect(hidden).toBeGreaterThan(5);
    figures.push(`rosters: ${published.roster.length} counts, ${hidden} hidden, none narrowed below ${K}`);
    // Whether a roster backs the reported number is published, its counts are not.
    expect(published.rosterConsistency.every((c) => c.reported === null && c.listed === null)).toBe(true);
  });

  it("personnel: women, men and total by institution, category and rank, and women's share only beside both counts", () => {
    const key = (p: ReportData["personnel"][number]) => `${p.institution}|${p.category}|${p.rank}`;
    const truth = new Map(internal.personnel.map((p) => [key(p), p]));
    const cells: AuditCell[] = published.personnel.flatMap((p) => {
      const t = truth.get(key(p))!;
      const dims = [p.institution, p.category, p.rank];
      return [
        { id: `${key(p)}|F`, dims: [...dims, "F"], value: t.women!, hidden: p.women === null, published: true },
        { id: `${key(p)}|M`, dims: [...dims, "M"], value: t.men!, hidden: p.men === null, published: true },
        { id: `${key(p)}|*`, dims: [...dims, "*"], value: t.total!, hidden: p.total === null, published: true },
      ];
    });
    const result = audit("personnel", cells, cubeRelations(cells, [true, true, true, true]), K);
    expect(result.violations).toEqual([]);
    expect(result.hidden).toBeGreaterThan(5);
    figures.push(`personnel: ${cells.length} counts, ${result.hidden} hidden, none narrowed below ${K}`);
    expect(published.personnel.filter((p) => p.womenSharePct !== null && (p.women === null || p.men === null))).toEqual([]);
  });

  it("UN parity: deployed women and men by month, mission, UN personnel type and category; months are never summed", () => {
    const key = (p: ReportData["parity"][number]) => `${p.month}|${p.mission}|${p.unPersonnelType}|${p.parityCategory}`;
    const truth = new Map(internal.parity.map((p) => [key(p), p]));
    const cells: AuditCell[] = published.parity.flatMap((p) => {
      const t = truth.get(key(p))!;
      const dims = [p.month, p.mission, p.unPersonnelType, p.parityCategory];
      return [
        { id: `${key(p)}|F`, dims: [...dims, "F"], value: t.women!, hidden: p.women === null, published: true },
        { id: `${key(p)}|M`, dims: [...dims, "M"], value: t.men!, hidden: p.men === null, published: true },
        { id: `${key(p)}|*`, dims: [...dims, "*"], value: t.total!, hidden: p.total === null, published: true },
        // Deployed people missing from the personnel data count in the total but are never published on their own.
        { id: `${key(p)}|UNKNOWN`, dims: [...dims, "UNKNOWN"], value: t.total! - t.women! - t.men!, hidden: true, published: false },
      ];
    });
    const result = audit("parity", cells, cubeRelations(cells, [false, true, true, true, true]), K);
    expect(result.violations).toEqual([]);
    expect(result.hidden).toBeGreaterThan(10);
    figures.push(`UN parity: ${cells.filter((c) => c.published).length} counts, ${result.hidden} hidden, none narrowed below ${K}`);
    expect(published.parity.filter((p) => (p.womenSharePct !== null || p.status !== null) && (p.women === null || p.men === null))).toEqual([]);
  });

  it("trends: no hidden count can be recovered from a semester's value, its change or a running total", () => {
    const indicatorCell = (s: ReportData["indicators"][number]) => `${s.period}|${s.indicatorCode}|${s.institution}|${s.breakdownKey}|${s.sex}`;
    const truth = new Map(internal.indicators.map((s) => [indicatorCell(s), s.value!]));
    const trendTruth = new Map(internal.trends.map((t) => [`${t.indicatorCode}|${t.series}|${t.period}`, t]));
    const people = new Set(published.indicators.filter((s) => s.measure === "people").map((s) => s.indicatorCode));
    const violations: string[] = [];
    let checked = 0;
    for (const [code, points] of groupBy(published.trends.filter((t) => people.has(t.indicatorCode)), (t) => t.indicatorCode)) {
      // The semester's cells of the indicator, with their own totals (earlier semesters are published only as
      // trend points)…
      const stats = published.indicators.filter((s) => s.indicatorCode === code);
      const cells: AuditCell[] = stats.map((s) => ({ id: indicatorCell(s), dims: [s.period, s.institution, s.breakdownKey, s.sex ?? ""], value: truth.get(indicatorCell(s))!, hidden: s.suppressed, published: true }));
      const relations = cubeRelations(cells, [false, true, true, true]);
      // …and what the trends add: each point is the sum of its semester's cells (all institutions, both sexes,
      // the breakdown values of its series), the change links two semesters, the running total every earlier one.
      const add = (id: string, value: number, hidden: boolean, published: boolean) => {
        cells.push({ id, dims: [id], value, hidden, published });
        return id;
      };
      for (const [series, list] of groupBy(points, (p) => p.series)) {
        const sorted = [...list].sort((a, b) => (a.period < b.period ? -1 : 1));
        let previousCumulative: string | undefined;
        sorted.forEach((p, i) => {
          const t = trendTruth.get(`${code}|${series}|${p.period}`)!;
          // A point is itself a count of people: a hidden one is audited like any other.
          const value = add(`trend ${code} ${series} ${p.period}`, t.value!, p.value === null, true);
          const parts = stats.filter(
            (s) => s.period === p.period && s.institution === "*" && (s.sex === "*" || s.sex === null) && (series === "" ? s.breakdownKey === "*" : s.breakdownKey !== "*" && s.breakdownKey.split(";").some((x) => series.split(";").includes(x)) && series.split(";").every((x) => s.breakdownKey.split(";").includes(x))),
          );
          if (parts.length > 0) relations.push({ total: value, parts: parts.map(indicatorCell) });
          const before = sorted[i - 1];
          if (p.change !== null && before && p.previous !== null) {
            const change = add(`change ${code} ${series} ${p.period}`, Math.abs(p.change), false, false);
            const prev = `trend ${code} ${series} ${before.period}`;
            relations.push(p.change >= 0 ? { total: value, parts: [prev, change] } : { total: prev, parts: [value, change] });
          }
          if (p.cumulativeToDate !== null) {
            const cumulative = add(`running ${code} ${series} ${p.period}`, t.cumulativeToDate!, false, false);
            relations.push({ total: cumulative, parts: previousCumulative ? [previousCumulative, value] : [value] });
            previousCumulative = cumulative;
          } else previousCumulative = undefined;
        });
      }
      const result = audit(`trends ${code}`, cells, relations, K);
      violations.push(...result.violations);
      checked += result.hidden;
    }
    expect(violations).toEqual([]);
    expect(checked).toBeGreaterThan(50);
    const points = published.trends.filter((t) => people.has(t.indicatorCode));
    figures.push(`trends: ${points.length} points of people indicators (${new Set(points.map((t) => t.period)).size} semesters, ${points.filter((t) => t.value === null).length} hidden), with the semester's cells: ${checked} hidden counts, none narrowed below ${K}`);
    // A hidden semester hides its change and every running total from then on.
    for (const t of published.trends) {
      if (t.value === null) expect({ t: `${t.indicatorCode} ${t.series} ${t.period}`, change: t.change, cumulative: t.cumulativeToDate }).toEqual({ t: expect.any(String), change: null, cumulative: null });
    }
  });
});
