import type { Catalog } from "../../../core/src/catalog/Catalog";
import type { Random } from "./Random";

export interface DemoPerson {
  serviceNumber: string;
  institution: string;
  sex: "F" | "M";
  rank: string;
  category: string;
  birthYear: number;
  entryDate: string;
  status: "active" | "leave" | "retired";
}

/** Rough sizes of each institution's share of personnel (synthetic: no official headcount was found). */
const SHARE: Array<[string, number]> = [
  ["EP", 0.58],
  ["MGP", 0.2],
  ["FAP", 0.14],
  ["CCFFAA", 0.02],
  ["CECOPAZ", 0.005],
  ["MINDEF", 0.02],
  ["DIGEPE", 0.008],
  ["DIGEDOC", 0.01],
  ["DIGRIN", 0.007],
  ["DGPP", 0.01],
];

/** How people spread over categories in the forces (rough shares, for synthetic data only). */
export const FORCE_MIX: Array<[string, number]> = [
  ["OFICIALES", 0.12],
  ["CADETES", 0.03],
  ["TECNICOS_SUBOFICIALES", 0.3],
  ["ALUMNOS", 0.03],
  ["TROPA_ESPECIALISTA", 0.08],
  ["TROPA_SMV", 0.36],
  ["CIVILES", 0.08],
];
const CIVIL_MIX: Array<[string, number]> = [
  ["CIVILES", 0.7],
  ["OFICIALES", 0.2],
  ["TECNICOS_SUBOFICIALES", 0.1],
];

/** About 10–15 % women overall, more among civilians and cadets (domain reference §2: about 13 % in 2020–21). */
const WOMEN_SHARE: Record<string, number> = {
  OFICIALES: 0.13,
  CADETES: 0.18,
  TECNICOS_SUBOFICIALES: 0.12,
  ALUMNOS: 0.15,
  TROPA_ESPECIALISTA: 0.07,
  TROPA_SMV: 0.09,
  CIVILES: 0.38,
};

/**
 * Synthetic personnel for every institution, about `total` people: service numbers unique and led by the
 * institution's digit, ranks from the catalog (forces) or the Army's for units staffed from it, fewer women in
 * the highest ranks. Made-up people only.
 */
export function buildDemoPersonnel(catalog: Catalog, total: number, today: string, rng: Random): DemoPerson[] {
  const year = Number(today.slice(0, 4));
  const out: DemoPerson[] = [];
  for (const [institution, share] of SHARE) {
    const prefix = catalog.reference.institutions.findIndex((i) => i.code === institution);
    const n = Math.max(20, Math.round(total * share));
    const forces = institution === "EP" || institution === "MGP" || institution === "FAP";
    const rankSource = forces ? institution : "EP";
    const mix = forces || institution === "CCFFAA" || institution === "CECOPAZ" ? FORCE_MIX : CIVIL_MIX;
    const start = rng.int(0, 2_000_000);
    for (let i = 0; i < n; i++) {
      const category = pickWeighted(mix, rng);
      const rank = pickRank(catalog, rankSource, category, rng);
      const general = rank.level === "general";
      const sex: "F" | "M" = rng.chance(general ? 0.02 : WOMEN_SHARE[category]!) ? "F" : "M";
      const age = category === "CADETES" || category === "ALUMNOS" || category === "TROPA_SMV" ? rng.int(18, 24) : general ? rng.int(52, 58) : rng.int(22, 55);
      const birthYear = year - age;
      // Joined at 18 to 26, and at least a year ago.
      const entryYear = Math.min(year - 1, birthYear + Math.min(age, rng.int(18, 26)));
      out.push({
        serviceNumber: `${prefix}${String((start + i * 3) % 10_000_000).padStart(7, "0")}`,
        institution,
        sex,
        rank: forces ? rank.code : rank.label,
        category,
        birthYear,
        entryDate: `${entryYear}-${String(rng.int(1, 12)).padStart(2, "0")}-01`,
        status: rng.chance(0.96) ? "active" : rng.chance(0.5) ? "leave" : "retired",
      });
    }
  }
  return out;
}

function pickWeighted(items: Array<[string, number]>, rng: Random): string {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rng.next() * total;
  for (const [v, w] of items) {
    if (r < w) return v;
    r -= w;
  }
  return items[items.length - 1]![0];
}

function pickRank(catalog: Catalog, institution: string, category: string, rng: Random): { code: string; label: string; level: string } {
  const ranks = catalog.reference.ranks.filter((r) => r.institution === institution && r.category === category);
  if (ranks.length === 0) return { code: "CIVIL", label: "Empleado civil", level: "civilian" };
  // Lower ranks are more common: weight by order.
  const weights: Array<[string, number]> = ranks.map((r) => [r.code, r.level === "general" ? 0.05 : r.order]);
  const code = pickWeighted(weights, rng);
  const rank = ranks.find((r) => r.code === code)!;
  return { code: rank.code, label: rank.name.es, level: rank.level };
}
