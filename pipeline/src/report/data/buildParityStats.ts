import type { Catalog } from "../../../../core/src/catalog/Catalog";
import { parityStatus } from "../../../../core/src/stats/parityStatus";
import type { ParityStat } from "../../../../core/src/stats/ReportData";
import type { DeployedCountRow, ParityTargetRow, UnShareRow } from "../../db/stats/readParityAggregates";
import { protectCube } from "./protectCube";

/**
 * Participation 1.2: women's share of Peru's deployed personnel by month and over the semester, by mission and UN
 * personnel type, against the UN target for the year (only where the parity category is known: a type's own
 * rows and its category's totals), beside the UN-wide share and Peru's share in the UN's own data. Counts of
 * people are protected; a share computed from a hidden count is hidden too.
 */
export function buildParityStats(
  period: string,
  counts: readonly DeployedCountRow[],
  unShares: readonly UnShareRow[],
  targets: readonly ParityTargetRow[],
  current: Catalog,
  suppression: { applied: boolean; k: number },
): ParityStat[] {
  const year = Number(period.slice(0, 4));
  // Cells are (month, mission, type, category, sex); months are snapshots, so they are never summed.
  const hidden = protectCube(
    counts.map((c) => ({ dims: [c.month, c.mission, c.un_personnel_type, c.parity_category, c.sex], value: c.people })),
    [false, true, true, true, true],
    suppression.k,
    suppression.applied,
  );
  const cell = new Map<string, { value: number; hidden: boolean }>();
  counts.forEach((c, i) => cell.set([c.month, c.mission, c.un_personnel_type, c.parity_category, c.sex].join("|"), { value: c.people, hidden: hidden.has(i) }));
  const un = new Map(unShares.map((u) => [[u.month, u.mission, u.un_personnel_type, u.parity_category].join("|"), u]));
  const typeCategory = new Map(current.reference.unPersonnelTypes.map((t) => [t.code, t.parityCategory]));

  const out: ParityStat[] = [];
  for (const c of counts.filter((x) => x.sex === "*")) {
    const key = (sex: string) => [c.month, c.mission, c.un_personnel_type, c.parity_category, sex].join("|");
    const women = cell.get(key("F"));
    const men = cell.get(key("M"));
    const total = cell.get(key("*"))!;
    const w = women?.value ?? 0;
    const m = men?.value ?? 0;
    const shareHidden = (women?.hidden ?? false) || (men?.hidden ?? false);
    const share = w + m > 0 ? round1((100 * w) / (w + m)) : null;
    const category = c.parity_category !== "*" ? c.parity_category : c.un_personnel_type !== "*" ? (typeCategory.get(c.un_personnel_type) ?? null) : null;
    const target = category ? targets.find((t) => t.year === year && t.parity_category === category) : undefined;
    const u = un.get([c.month, c.mission, c.un_personnel_type, c.parity_category].join("|"));
    out.push({
      period,
      month: c.month,
      mission: c.mission,
      unPersonnelType: c.un_personnel_type,
      parityCategory: c.parity_category,
      women: women ? (women.hidden ? null : women.value) : 0,
      men: men ? (men.hidden ? null : men.value) : 0,
      total: total.hidden ? null : total.value,
      womenSharePct: shareHidden ? null : share,
      suppressed: (women?.hidden ?? false) || (men?.hidden ?? false) || total.hidden,
      targetPct: target?.target_pct ?? null,
      targetSource: target?.source ?? null,
      status: category && share !== null && !shareHidden ? parityStatus(share, target?.target_pct ?? null) : null,
      unWomenSharePct: u && u.total > 0 ? round1((100 * u.women) / u.total) : null,
      peruUnWomenSharePct: u && u.peru_total ? round1((100 * (u.peru_women ?? 0)) / u.peru_total) : null,
    });
  }
  return out;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
