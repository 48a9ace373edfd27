import { catalogByVersion, currentCatalog } from "../../../../core/src/catalog/builtInCatalogs";
import type { Catalog } from "../../../../core/src/catalog/Catalog";
import type { Language, LocalizedText } from "../../../../core/src/i18n/Language";
import type { ReportData } from "../../../../core/src/stats/ReportData";
import { REPORT_TEXT } from "../reportText";

/** Labels for the codes ReportData keeps as codes ("*" reads "All"; an unknown code reads as itself). */
export interface CodeLabels {
  institution(code: string): string;
  category(code: string): string;
  mission(code: string): string;
  unPersonnelType(code: string): string;
  parityCategory(code: string): string;
  /** Position of a code in the catalog's own list (plan order), for sorting; unknown codes go last. */
  order(kind: "category" | "parityCategory" | "unPersonnelType" | "mission", code: string): number;
}

/**
 * ReportData labels indicators, breakdowns and ranks, but keeps personnel categories, missions and UN categories
 * as codes: their names come from the catalog version the data were reported in (the newest one if this build
 * does not know it).
 */
export function buildCodeLabels(data: ReportData): CodeLabels {
  const catalog: Catalog = catalogByVersion(data.catalogVersion) ?? currentCatalog();
  const lang: Language = data.language;
  const lists = {
    category: catalog.reference.personnelCategories,
    mission: catalog.reference.missions,
    unPersonnelType: catalog.reference.unPersonnelTypes,
    parityCategory: catalog.reference.parityCategories,
  };
  const index = (list: ReadonlyArray<{ code: string; name: LocalizedText }>) => new Map(list.map((v, i) => [v.code, { name: v.name, i }]));
  const maps = {
    category: index(lists.category),
    mission: index(lists.mission),
    unPersonnelType: index(lists.unPersonnelType),
    parityCategory: index(lists.parityCategory),
  };
  const institutions = new Map(data.institutions.map((i) => [i.code, i.name]));
  const label = (kind: keyof typeof maps, code: string): string => {
    if (code === "*") return REPORT_TEXT.all[lang];
    if (code === "UNKNOWN") return REPORT_TEXT.unknownCode[lang];
    return maps[kind].get(code)?.name[lang] ?? code;
  };
  return {
    institution(code) {
      if (code === "*") return REPORT_TEXT.allInstitutions[lang];
      if (code === "UNKNOWN") return REPORT_TEXT.notInPersonnelData[lang];
      return institutions.get(code) ?? code;
    },
    category: (code) => label("category", code),
    // Mission names are long; the UN's own acronym is what officers use.
    mission: (code) => (code === "*" ? REPORT_TEXT.all[lang] : code),
    unPersonnelType: (code) => label("unPersonnelType", code),
    parityCategory: (code) => label("parityCategory", code),
    order(kind, code) {
      if (code === "*") return -1;
      return maps[kind].get(code)?.i ?? Number.MAX_SAFE_INTEGER;
    },
  };
}
