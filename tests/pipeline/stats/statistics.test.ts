import type { IndicatorStat, ReportData } from "../../../core/src/stats/ReportData";
import { feasibleRange, type CountTable } from "../../../core/src/stats/suppressCounts";
import { openDatabase } from "../../../pipeline/src/db/Database";
import { buildReportData } from "../../../pipeline/src/report/buildReportData";
import { buildSmallDataset } from "./smallDataset";

async function report(db: string, options: { suppression: boolean; k?: number }): Promise<ReportData> {
  const d = await openDatabase(db);
  try {
    return await buildReportData(d, { period: "2026-S1", language: "es", k: options.k ?? 5, suppression: options.suppression, deadlineDays: 30, now: new Date("2026-09-02T00:00:00Z") });
  } finally {
    d.close();
  }
}

let dataset: { db: string };
let internal: ReportData;
let published: ReportData;
beforeAll(async () => {
  dataset = await buildSmallDataset();
  internal = await report(dataset.db, { suppression: false });
  published = await report(dataset.db, { suppression: true, k: 5 });
}, 120_000);

const stat = (data: ReportData, code: string, institution: string, breakdownKey: string, sex: string | null) =>
  data.indicators.find((s) => s.indicatorCode === code && s.institution === institution && s.breakdownKey === breakdownKey && s.sex === sex);

describe("statistics on a small dataset worked out by hand (internal copy, no suppression)", () => {
  it("sums each indicator over institutions, breakdowns and sex", () => {
    const v = (inst: string, key: string, sex: string) => stat(internal, "PREV-2.1", inst, key, sex)?.value;
    expect([v("*", "category=OFICIALES", "F"), v("*", "category=OFICIALES", "M"), v("*", "category=OFICIALES", "*")]).toEqual([10, 30, 40]);
    expect([v("*", "category=TECNICOS_SUBOFICIALES", "F"), v("*", "category=TECNICOS_SUBOFICIALES", "M"), v("*", "category=TECNICOS_SUBOFICIALES", "*")]).toEqual([7, 45, 52]);
    expect([v("*", "*", "F"), v("*", "*", "M"), v("*", "*", "*")]).toEqual([17, 75, 92]);
    expect([v("EP", "*", "F"), v("EP", "*", "M"), v("EP", "*", "*")]).toEqual([8, 50, 58]);
    expect([v("MGP", "*", "F"), v("MGP", "*", "M"), v("MGP", "*", "*")]).toEqual([9, 25, 34]);
    expect(v("*", "category=CADETES", "*")).toBe(0);
    expect(stat(internal, "PREV-2.1", "*", "*", "*")!.institutionsReporting).toBe(2);
    const prev11 = (sex: string) => stat(internal, "PREV-1.1", "*", "*", sex)?.value;
    expect([prev11("F"), prev11("M"), prev11("*")]).toEqual([4, 2, 6]);
  });

  it("counts people on rosters once each, across institutions, by the personnel data's institution, category and sex", () => {
    const r = (inst: string, cat: string, sex: string) => internal.roster.find((x) => x.indicatorCode === "PREV-1.1" && x.institution === inst && x.category === cat && x.sex === sex)?.people;
    expect(r("*", "*", "*")).toBe(5); // 3 + 3 listed, the Army officer trained by the Navy counted once
    expect([r("*", "*", "F"), r("*", "*", "M")]).toEqual([3, 2]);
    expect([r("EP", "OFICIALES", "F"), r("EP", "TECNICOS_SUBOFICIALES", "M"), r("EP", "*", "*")]).toEqual([2, 1, 3]);
    expect([r("MGP", "OFICIALES", "M"), r("MGP", "TECNICOS_SUBOFICIALES", "F"), r("MGP", "*", "*")]).toEqual([1, 1, 2]);
  });

  it("checks each roster against the number its institution reported", () => {
    expect(internal.rosterConsistency.filter((c) => c.indicatorCode === "PREV-1.1").map((c) => [c.institution, c.reported, c.listed, c.status])).toEqual([
      ["EP", 3, 3, "match"],
      ["MGP", 3, 3, "match"],
    ]);
  });

  it("gives women's share of deployed personnel against the UN target, with the UN's colours and UN-wide shares", () => {
    const p = (month: string, mission: string, type: string, cat: string) =>
      internal.parity.find((x) => x.month === month && x.mission === mission && x.unPersonnelType === type && x.parityCategory === cat)!;
    expect(p("*", "MINUSCA", "TROOPS", "CONTINGENTS")).toMatchObject({ women: 2, men: 8, total: 10, womenSharePct: 20, targetPct: 10, status: "green" });
    expect(p("*", "*", "*", "STAFF_OBSERVERS")).toMatchObject({ women: 1, men: 1, total: 2, womenSharePct: 50, targetPct: 60, status: "yellow" });
    expect(p("*", "*", "*", "*")).toMatchObject({ women: 3, men: 9, total: 12, womenSharePct: 25, status: null });
    expect(p("2026-03", "MINUSCA", "TROOPS", "CONTINGENTS")).toMatchObject({ women: 2, total: 10, unWomenSharePct: 10.9, peruUnWomenSharePct: 20 });
    expect(p("2026-06", "*", "*", "*")).toMatchObject({ total: 12 });
  });

  it("gives women's share of personnel in service by institution, category and rank", () => {
    const q = (inst: string, cat: string, rank: string) => internal.personnel.find((x) => x.institution === inst && x.category === cat && x.rank === rank)!;
    expect(q("EP", "*", "*")).toMatchObject({ women: 5, men: 10, total: 15, womenSharePct: 33.3 });
    expect(q("MGP", "*", "*")).toMatchObject({ women: 1, men: 1, total: 2, womenSharePct: 50 });
    expect(q("*", "*", "*")).toMatchObject({ women: 6, men: 11, total: 17, womenSharePct: 35.3 });
    expect(q("EP", "OFICIALES", "*")).toMatchObject({ women: 3, men: 1, total: 4, womenSharePct: 75 });
    expect(q("EP", "OFICIALES", "CAP")).toMatchObject({ women: 2, men: 1, total: 3, womenSharePct: 66.7, rankLabel: "Capitán" });
  });

  it("marks completeness: on time, late, refused and missing", () => {
    const c = (inst: string, code: string) => internal.completeness.find((x) => x.institution === inst && x.indicatorCode === code && x.period === "2026-S1")!;
    expect(c("EP", "PREV-1.1")).toMatchObject({ expected: true, received: true, accepted: true, late: false, status: "complete", deadline: "2026-07-30" });
    expect(c("MGP", "PREV-1.1")).toMatchObject({ accepted: true, late: true, status: "late" });
    expect(c("DIGRIN", "RR-1.1")).toMatchObject({ received: true, accepted: false, missing: true, status: "refused" });
    expect(c("CECOPAZ", "PART-1.1")).toMatchObject({ received: false, missing: true, status: "missing" });
    expect(internal.completeness.find((x) => x.indicatorCode === "PART-1.2")).toBeUndefined();
    expect(internal.submissions.included.map((s) => [s.institution, s.late])).toEqual([["EP", false], ["MGP", true]]);
    expect(internal.submissions.excluded.map((s) => [s.institution, s.reason])).toEqual([["DIGRIN", "refused"]]);
  });

  it("follows each indicator over the semesters, as a running total where it is cumulative", () => {
    const t = internal.trends.find((x) => x.indicatorCode === "PREV-2.1" && x.period === "2026-S1")!;
    expect(t).toMatchObject({ value: 92, previous: null, change: null, cumulative: true, cumulativeToDate: 92, status: "no-target", suppressed: false });
  });
});

describe("statistics as published (k = 5)", () => {
  it("hides every count of 1 to 4 people and shows none of them as 0", () => {
    for (const s of published.indicators.filter((x) => x.sex !== null)) {
      const truth = stat(internal, s.indicatorCode, s.institution, s.breakdownKey, s.sex)!.value!;
      if (truth >= 1 && truth <= 4) expect({ cell: `${s.indicatorCode} ${s.institution} ${s.breakdownKey} ${s.sex}`, suppressed: s.suppressed, value: s.value }).toEqual({ cell: expect.any(String), suppressed: true, value: null });
      if (!s.suppressed) expect(s.value).toBe(truth);
    }
    expect(stat(published, "PREV-2.1", "EP", "category=TECNICOS_SUBOFICIALES", "F")).toMatchObject({ suppressed: true, value: null });
    expect(stat(published, "PREV-2.1", "MGP", "category=OFICIALES", "F")).toMatchObject({ suppressed: true, value: null });
  });

  it("leaves no hidden count that can be narrowed below 5 by solving the published totals", () => {
    for (const code of ["PREV-1.1", "PREV-2.1"]) {
      const cells = published.indicators.filter((s) => s.indicatorCode === code && s.sex !== null);
      const { table, hidden } = publishedTable(cells, internal);
      expect(hidden.size).toBeGreaterThan(0);
      for (const id of hidden) {
        const range = feasibleRange(table, hidden, id);
        expect({ id, width: range.max - range.min >= 5 }).toEqual({ id, width: true });
      }
    }
  });

  it("hides roster and deployment counts below 5, and the shares made from them", () => {
    expect(published.roster.filter((r) => !r.suppressed && r.people !== null && r.people >= 1 && r.people <= 4)).toEqual([]);
    const troops = published.parity.find((x) => x.month === "*" && x.mission === "MINUSCA" && x.unPersonnelType === "TROOPS")!;
    expect(troops).toMatchObject({ women: null, womenSharePct: null, suppressed: true });
    expect(published.rosterConsistency.every((c) => c.reported === null && c.listed === null)).toBe(true);
  });
});

/**
 * Rebuilds, from the published cells alone, what a reader could solve: each "*" cell along institution,
 * breakdown or sex is the sum of the cells that differ from it only there. Hidden cells get their true values
 * from the internal copy (the solver never sees them; only the equations' right-hand sides use visible ones).
 */
function publishedTable(cells: readonly IndicatorStat[], truth: ReportData): { table: CountTable; hidden: Set<string> } {
  const id = (s: { institution: string; breakdownKey: string; sex: string | null }) => `${s.institution}|${s.breakdownKey}|${s.sex}`;
  const value = (s: IndicatorStat) => stat(truth, s.indicatorCode, s.institution, s.breakdownKey, s.sex)!.value!;
  const ids = new Set(cells.map(id));
  const relations: Array<{ total: string; parts: string[] }> = [];
  for (const t of cells) {
    const dims = [t.institution, t.breakdownKey, t.sex ?? ""];
    dims.forEach((d, j) => {
      if (d !== "*") return;
      const parts = cells.filter((c) => {
        const cd = [c.institution, c.breakdownKey, c.sex ?? ""];
        return cd.every((x, jj) => (jj === j ? x !== "*" : x === dims[jj]));
      });
      if (parts.length > 0) relations.push({ total: id(t), parts: parts.map(id) });
    });
  }
  expect(ids.size).toBe(cells.length);
  return {
    table: { cells: cells.map((c) => ({ id: id(c), value: value(c) })), relations },
    hidden: new Set(cells.filter((c) => c.suppressed).map(id)),
  };
}
