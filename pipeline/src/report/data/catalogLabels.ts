import type { Catalog, Indicator } from "../../../../core/src/catalog/Catalog";
import { dimensionValues, findIndicator, listIndicators } from "../../../../core/src/catalog/catalogQueries";
import type { Language } from "../../../../core/src/i18n/Language";

/** Labels for codes, looked up in today's catalog first and then in older ones (retired indicators). */
export class CatalogLabels {
  constructor(
    private readonly current: Catalog,
    private readonly all: readonly Catalog[],
    readonly language: Language,
  ) {}

  indicator(code: string): { indicator: Indicator; area: string } | undefined {
    for (const c of [this.current, ...[...this.all].reverse()]) {
      const found = findIndicator(c, code);
      if (found) return { indicator: found.indicator, area: found.area.code };
    }
    return undefined;
  }

  indicatorText(code: string): string {
    const found = this.indicator(code);
    return found ? found.indicator.text[this.language] : code;
  }

  /** "category=OFICIALES;courseType=GENDER" → "Oficiales · Género…" in the indicator's dimension order; "*" → Total. */
  breakdown(indicatorCode: string, key: string): string {
    if (key === "*") return this.language === "es" ? "Total" : "Total";
    if (key === "") return "—";
    const pairs = new Map(key.split(";").map((p) => p.split("=") as [string, string]));
    const order = this.indicator(indicatorCode)?.indicator.dimensions.map((d) => d.dimension) ?? [...pairs.keys()];
    return order
      .filter((d) => pairs.has(d))
      .map((d) => this.dimensionValue(d, pairs.get(d)!))
      .join(" · ");
  }

  dimensionValue(dimension: string, code: string): string {
    return dimensionValues(this.current, dimension).find((v) => v.code === code)?.name[this.language] ?? code;
  }

  institution(code: string): string {
    if (code === "*") return this.language === "es" ? "Todas las instituciones" : "All institutions";
    if (code === "UNKNOWN") return this.language === "es" ? "No figura en el registro de personal" : "Not in the personnel data";
    return this.current.reference.institutions.find((i) => i.code === code)?.name[this.language] ?? code;
  }

  rank(institution: string, code: string): string {
    if (code === "*") return this.language === "es" ? "Todos los grados" : "All ranks";
    return this.current.reference.ranks.find((r) => r.institution === institution && r.code === code)?.name[this.language] ?? code;
  }

  /** Today's indicators in plan order. */
  indicatorsInOrder(): Indicator[] {
    return listIndicators(this.current).map((x) => x.indicator);
  }
}
