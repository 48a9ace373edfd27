import type { Catalog } from "../../../core/src/catalog/Catalog";
import type { Person } from "./fillTemplate";
import type { Random } from "./Random";

/** How people spread over categories in the forces (rough shares, for synthetic data only). */
const CATEGORY_MIX: Array<[string, number]> = [
  ["OFICIALES", 0.12],
  ["CADETES", 0.03],
  ["TECNICOS_SUBOFICIALES", 0.3],
  ["ALUMNOS", 0.03],
  ["TROPA_ESPECIALISTA", 0.08],
  ["TROPA_SMV", 0.36],
  ["CIVILES", 0.08],
];

/**
 * Invented people for an institution: unique 8-digit service numbers (starting with the institution's digit so
 * they never collide across institutions; unique within it while n < 1.4 million), sex with the given share of
 * women, a category by the mix above.
 */
export function syntheticPeople(catalog: Catalog, institution: string, n: number, womenShare: number, rng: Random): Person[] {
  // Ten institutions, ten leading digits: numbers never collide across institutions.
  const prefix = catalog.reference.institutions.findIndex((i) => i.code === institution);
  if (prefix < 0 || prefix > 9) throw new RangeError(`no service-number prefix for ${institution}`);
  const start = rng.int(0, 4_000_000);
  const out: Person[] = [];
  for (let i = 0; i < n; i++) {
    let r = rng.next();
    let category = CATEGORY_MIX[CATEGORY_MIX.length - 1]![0];
    for (const [c, share] of CATEGORY_MIX) {
      if (r < share) {
        category = c;
        break;
      }
      r -= share;
    }
    out.push({
      serviceNumber: `${prefix}${String((start + i * 7) % 10_000_000).padStart(7, "0")}`,
      institution,
      sex: rng.chance(womenShare) ? "F" : "M",
      category,
    });
  }
  return out;
}
