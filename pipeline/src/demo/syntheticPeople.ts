import type { Catalog } from "../../../core/src/catalog/Catalog";
import type { Person } from "./fillTemplate";
import { FORCE_MIX } from "./demoPersonnel";
import type { Random } from "./Random";

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
    let category = FORCE_MIX[FORCE_MIX.length - 1]![0];
    for (const [c, share] of FORCE_MIX) {
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
