import type { Catalog } from "../../../core/src/catalog/Catalog";
import { dimensionValues } from "../../../core/src/catalog/catalogQueries";
import type { LocalizedText } from "../../../core/src/i18n/Language";
import { ChoiceList, isBlank, readChoiceCell, showCell, type CellRead } from "./masterCells";
import type { MasterIssueCode } from "./MasterIssue";

/** Reads one closed-list column: the list, the issue code for a value not in it, and how to say so. */
export type ChoiceReader = (value: unknown) => CellRead<string>;

function reader(list: ChoiceList, code: MasterIssueCode, text: (value: string, shown: string) => LocalizedText): ChoiceReader {
  return (value) => readChoiceCell(value, list, code, (v) => text(v, list.shown));
}

const named = (values: ReadonlyArray<{ code: string; name: LocalizedText }>) => values.map((v) => ({ code: v.code, labels: [v.name.es, v.name.en] }));
const codes = (values: ReadonlyArray<{ code: string }>) => values.map((v) => v.code).join(", ");

export function institutionReader(catalog: Catalog): ChoiceReader {
  const list = new ChoiceList(named(catalog.reference.institutions), codes(catalog.reference.institutions));
  return reader(list, "UNKNOWN_INSTITUTION", (v, shown) => ({
    es: `«${v}» no es una institución del catálogo. Use uno de estos códigos: ${shown}.`,
    en: `"${v}" is not an institution in the catalog. Use one of these codes: ${shown}.`,
  }));
}

/** Sex as F or M, also in words (Spanish and English). */
export function sexReader(): ChoiceReader {
  const list = new ChoiceList(
    [
      { code: "F", labels: ["Mujer", "Femenino", "Female", "Woman"] },
      { code: "M", labels: ["Hombre", "Masculino", "Male", "Man"] },
    ],
    "F, M",
  );
  return reader(list, "INVALID_SEX", (v) => ({
    es: `«${v}» no es un sexo reconocido. Escriba F o M (también valen Mujer/Hombre, Femenino/Masculino, Female/Male).`,
    en: `"${v}" is not a recognised sex. Write F or M (Mujer/Hombre, Femenino/Masculino, Female/Male also work).`,
  }));
}

export function categoryReader(catalog: Catalog): ChoiceReader {
  const values = catalog.reference.personnelCategories;
  return reader(new ChoiceList(named(values), codes(values)), "UNKNOWN_CATEGORY", (v, shown) => ({
    es: `«${v}» no es una categoría de personal del catálogo. Use el código o el nombre: ${shown}.`,
    en: `"${v}" is not a personnel category in the catalog. Use its code or name: ${shown}.`,
  }));
}

/**
 * Ranks of each institution that has them in the catalog, by code or name in either language; a name such as
 * "Subteniente o Alférez" also accepts each of its parts.
 */
export function rankReaders(catalog: Catalog): Map<string, ChoiceReader> {
  const byInstitution = new Map<string, Array<{ code: string; labels: string[] }>>();
  for (const r of catalog.reference.ranks) {
    const labels = [r.name.es, r.name.en, ...r.name.es.split(/ o /), ...r.name.en.split(/ or /)];
    const list = byInstitution.get(r.institution) ?? [];
    list.push({ code: r.code, labels });
    byInstitution.set(r.institution, list);
  }
  const out = new Map<string, ChoiceReader>();
  for (const [institution, ranks] of byInstitution) {
    out.set(
      institution,
      reader(new ChoiceList(ranks, codes(ranks)), "UNKNOWN_RANK", (v, shown) => ({
        es: `«${v}» no es un grado de ${institution} en el catálogo. Use el código o el nombre del grado: ${shown}.`,
        en: `"${v}" is not one of the ${institution} ranks in the catalog. Use the rank's code or name: ${shown}.`,
      })),
    );
  }
  return out;
}

export const PERSONNEL_STATUSES = ["active", "leave", "retired", "discharged", "deceased"] as const;

export function statusReader(): ChoiceReader {
  const list = new ChoiceList(
    [
      { code: "active", labels: ["activo", "activa", "en actividad"] },
      { code: "leave", labels: ["licencia", "de licencia", "en licencia"] },
      { code: "retired", labels: ["retiro", "retirado", "retirada", "en retiro"] },
      { code: "discharged", labels: ["baja", "de baja"] },
      { code: "deceased", labels: ["fallecido", "fallecida"] },
    ],
    "active, leave, retired, discharged, deceased (activo, licencia, retiro, baja, fallecido)",
  );
  return reader(list, "INVALID_STATUS", (v, shown) => ({
    es: `«${v}» no es un estado reconocido. Use uno de: ${shown}.`,
    en: `"${v}" is not a recognised status. Use one of: ${shown}.`,
  }));
}

export function courseTypeReader(catalog: Catalog): ChoiceReader {
  const values = dimensionValues(catalog, "courseType");
  return reader(new ChoiceList(named(values), codes(values)), "UNKNOWN_COURSE_TYPE", (v, shown) => ({
    es: `«${v}» no es un tipo de curso del catálogo. Use el código o el nombre: ${shown}.`,
    en: `"${v}" is not a course type in the catalog. Use its code or name: ${shown}.`,
  }));
}

export function missionReader(catalog: Catalog): ChoiceReader {
  const values = catalog.reference.missions;
  return reader(new ChoiceList(named(values), codes(values)), "UNKNOWN_MISSION", (v, shown) => ({
    es: `«${v}» no es una misión del catálogo. Escriba su sigla: ${shown}.`,
    en: `"${v}" is not a mission in the catalog. Enter its acronym: ${shown}.`,
  }));
}

export function roleReader(catalog: Catalog): ChoiceReader {
  const values = dimensionValues(catalog, "role");
  return reader(new ChoiceList(named(values), codes(values)), "UNKNOWN_ROLE", (v, shown) => ({
    es: `«${v}» no es una función del catálogo. Use el código o el nombre: ${shown}.`,
    en: `"${v}" is not a role in the catalog. Use its code or name: ${shown}.`,
  }));
}

/**
 * UN personnel types by code, name, or any of the UN's own labels (catalog `unLabels`), old and new. Older UN
 * files write plurals as "Contingent Troop(s)": "(s)" is tried both dropped and as "s".
 */
export function unPersonnelTypeReader(catalog: Catalog): ChoiceReader {
  const types = catalog.reference.unPersonnelTypes;
  const list = new ChoiceList(
    types.map((t) => ({ code: t.code, labels: [t.name.es, t.name.en, ...t.unLabels] })),
    types.map((t) => `${t.code} (${t.unLabels.join(", ")})`).join("; "),
  );
  return (value) => {
    if (isBlank(value) || typeof value !== "string") return readChoiceCell(value, list, "UNKNOWN_PERSONNEL_TYPE", unknownType(list.shown));
    const text = value.trim();
    const found = list.find(text) ?? list.find(text.replace(/\(s\)/gi, "")) ?? list.find(text.replace(/\(s\)/gi, "s"));
    if (found !== undefined) return { kind: "value", value: found };
    return { kind: "invalid", code: "UNKNOWN_PERSONNEL_TYPE", message: unknownType(list.shown)(showCell(value)) };
  };
}

function unknownType(shown: string): (v: string) => LocalizedText {
  return (v) => ({
    es: `«${v}» no es un tipo de personal de la ONU conocido. Use un código o un rótulo de la ONU: ${shown}.`,
    en: `"${v}" is not a known UN personnel type. Use a code or a UN label: ${shown}.`,
  });
}

export function parityCategoryReader(catalog: Catalog): ChoiceReader {
  const values = catalog.reference.parityCategories;
  return reader(new ChoiceList(named(values), codes(values)), "UNKNOWN_PARITY_CATEGORY", (v, shown) => ({
    es: `«${v}» no es una categoría de paridad del catálogo. Use uno de estos códigos: ${shown}.`,
    en: `"${v}" is not a parity category in the catalog. Use one of these codes: ${shown}.`,
  }));
}

/** How sure a target's source is (docs/domain reference: sourced, partial, unverified). */
export function certaintyReader(): ChoiceReader {
  const list = new ChoiceList(
    [
      { code: "sourced", labels: ["documentado", "con fuente"] },
      { code: "partial", labels: ["parcial"] },
      { code: "unverified", labels: ["sin verificar", "no verificado"] },
    ],
    "sourced, partial, unverified",
  );
  return reader(list, "INVALID_CERTAINTY", (v, shown) => ({
    es: `«${v}» no es un grado de certeza reconocido. Use ${shown}, o deje la celda en blanco.`,
    en: `"${v}" is not a recognised certainty. Use ${shown}, or leave the cell blank.`,
  }));
}
