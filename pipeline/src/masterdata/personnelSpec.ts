import type { PersonnelRow } from "../db/masterDataStore";
import type { DatasetSpec } from "./DatasetSpec";
import { readNumberCell, readTextCell } from "./masterCells";
import { categoryReader, institutionReader, rankReaders, sexReader, statusReader } from "./masterChoices";
import { dateRead, SERVICE_NUMBER_COLUMN, serviceNumberRead } from "./commonColumns";

export type PersonnelField = "service_number" | "institution" | "sex" | "rank" | "category" | "birth_year" | "entry_date" | "status";

/** A personnel row before pseudonymisation: the service number stays in memory only. */
export type PersonnelInput = Omit<PersonnelRow, "personId"> & { serviceNumber: string };

/** Ranks of institutions without ranks in the catalog (directorates, CECOPAZ…) are free text up to this length. */
export const FREE_RANK_MAX_LENGTH = 60;
/** The youngest birth year accepted is this many years before the current one. */
const MIN_AGE_YEARS = 15;

function duplicatePerson(first: number) {
  return {
    code: "DUPLICATE_SERVICE_NUMBER" as const,
    message: {
      es: `El número de servicio ya aparece en la fila ${first}: cada persona va en una sola fila. Borre o corrija una de las dos.`,
      en: `The service number already appears on row ${first}: each person goes on one row only. Delete or correct one of them.`,
    },
  };
}

/** The personnel export: one row per person (the snapshot of who serves, with sex, rank and status). */
export const personnelSpec: DatasetSpec<PersonnelField, PersonnelInput> = {
  dataset: "personnel",
  columns: [
    SERVICE_NUMBER_COLUMN,
    { field: "institution", names: ["institution", "institucion"], required: true, what: { es: "la institución", en: "the institution" } },
    { field: "sex", names: ["sex", "sexo"], required: true, what: { es: "el sexo", en: "the sex" } },
    { field: "rank", names: ["rank", "grado"], required: true, what: { es: "el grado", en: "the rank" } },
    { field: "category", names: ["category", "categoria"], required: true, what: { es: "la categoría", en: "the category" } },
    { field: "birth_year", names: ["birth_year", "anio_nacimiento", "ano_nacimiento", "anio_de_nacimiento"], required: false, what: { es: "el año de nacimiento", en: "the birth year" } },
    { field: "entry_date", names: ["entry_date", "fecha_ingreso", "fecha_de_ingreso"], required: false, what: { es: "la fecha de ingreso", en: "the entry date" } },
    { field: "status", names: ["status", "estado"], required: true, what: { es: "el estado", en: "the status" } },
  ],
  prepare({ catalog, today, date1904 }) {
    const serviceNumber = serviceNumberRead(catalog);
    const institution = institutionReader(catalog);
    const sex = sexReader();
    const ranks = rankReaders(catalog);
    const category = categoryReader(catalog);
    const status = statusReader();
    const latestBirthYear = Number(today.slice(0, 4)) - MIN_AGE_YEARS;
    const entryDate = dateRead(date1904, today);
    return {
      parse(row) {
        const sn = row.take("service_number", serviceNumber);
        const inst = row.take("institution", institution);
        const s = row.take("sex", sex) as "F" | "M" | null;
        // Ranks are checked against the institution's own list; without a valid institution there is none to check.
        const rankList = inst === null ? undefined : ranks.get(inst);
        const rank = row.take("rank", rankList ?? ((v) => readTextCell(v, FREE_RANK_MAX_LENGTH)));
        const cat = row.take("category", category);
        const birthYear = row.take("birth_year", (v) => readNumberCell(v, { min: 1940, max: latestBirthYear, whole: true }));
        const entry = row.take("entry_date", entryDate);
        const st = row.take("status", status);
        if (sn !== null) row.unique("service_number", sn, duplicatePerson);
        if (sn === null || inst === null || s === null || rank === null || cat === null || st === null || !row.ok) return null;
        return { serviceNumber: sn, institution: inst, sex: s, rank, category: cat, birthYear, entryDate: entry, status: st };
      },
    };
  },
};
