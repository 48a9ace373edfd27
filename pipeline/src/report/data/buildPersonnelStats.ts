import type { PersonnelStat } from "../../../../core/src/stats/ReportData";
import type { PersonnelCountRow } from "../../db/stats/readPersonnelAggregates";
import type { CatalogLabels } from "./catalogLabels";
import { protectCube } from "./protectCube";

/** Women's share of personnel in service by institution, category and rank, protected (ranks with few women are hidden). */
export function buildPersonnelStats(asOf: string, rows: readonly PersonnelCountRow[], labels: CatalogLabels, suppression: { applied: boolean; k: number }): PersonnelStat[] {
  const hidden = protectCube(
    rows.map((r) => ({ dims: [r.institution, r.category, r.rank, r.sex], value: r.people })),
    [true, true, true, true],
    suppression.k,
    suppression.applied,
  );
  const cell = new Map<string, { value: number; hidden: boolean }>();
  rows.forEach((r, i) => cell.set([r.institution, r.category, r.rank, r.sex].join("|"), { value: r.people, hidden: hidden.has(i) }));
  const out: PersonnelStat[] = [];
  for (const r of rows.filter((x) => x.sex === "*")) {
    const get = (sex: string) => cell.get([r.institution, r.category, r.rank, sex].join("|"));
    const women = get("F");
    const men = get("M");
    const total = get("*")!;
    const w = women?.value ?? 0;
    const m = men?.value ?? 0;
    const shareHidden = (women?.hidden ?? false) || (men?.hidden ?? false);
    out.push({
      asOf,
      institution: r.institution,
      category: r.category,
      rank: r.rank,
      rankLabel: labels.rank(r.institution, r.rank),
      women: women?.hidden ? null : w,
      men: men?.hidden ? null : m,
      total: total.hidden ? null : total.value,
      womenSharePct: shareHidden || w + m === 0 ? null : Math.round((1000 * w) / (w + m)) / 10,
      suppressed: shareHidden || total.hidden,
    });
  }
  return out;
}
