import { foldText } from "../../../core/src/validation/cellValues";
import type { UnContributionRow } from "../db/masterDataStore";
import type { DatasetSpec } from "./DatasetSpec";
import { invalid, readDateCell, readNumberCell, readTextCell, showCell, type CellRead } from "./masterCells";
import { unPersonnelTypeReader } from "./masterChoices";
import { DATE_MAX, repeatedRow } from "./commonColumns";

export type UnGenderField = "iso3" | "country" | "mission" | "personnel_type" | "female" | "male" | "last_reporting_date";

/** The largest count one row may hold (the biggest contributors send a few thousand people to one mission). */
const MAX_PERSONNEL = 100_000;
/** UN peacekeeping data by gender starts in the 1990s. */
const UN_DATE_MIN = "1990-01-01";
const MISSION_MAX_LENGTH = 40;
const COUNTRY_MAX_LENGTH = 100;

// The same people counted twice would inflate every share computed from this table.
const duplicateContribution = repeatedRow({ es: "el mes, el país, la misión y el tipo de personal", en: "month, country, mission and personnel type" });

/**
 * The UN's public monthly "contributions by gender" file: one row per month, contributing country, mission and
 * personnel type (docs/domain reference §4). Column names are the UN's; any mission is accepted (UN-wide data).
 */
export const unGenderSpec: DatasetSpec<UnGenderField, UnContributionRow> = {
  dataset: "un-gender",
  columns: [
    { field: "iso3", names: ["ISOCode3", "iso3", "iso_code3"], required: true, what: { es: "el código ISO del país", en: "the country's ISO code" } },
    { field: "country", names: ["Contributing_Country", "country", "pais"], required: true, what: { es: "el país contribuyente", en: "the contributing country" } },
    { field: "mission", names: ["Mission_Acronym", "mission", "mision"], required: true, what: { es: "la sigla de la misión", en: "the mission acronym" } },
    { field: "personnel_type", names: ["Personnel_Type", "tipo_personal"], required: true, what: { es: "el tipo de personal", en: "the personnel type" } },
    { field: "female", names: ["Female_Personnel", "female", "mujeres"], required: true, what: { es: "el número de mujeres", en: "the number of women" } },
    { field: "male", names: ["Male_Personnel", "male", "hombres"], required: true, what: { es: "el número de hombres", en: "the number of men" } },
    { field: "last_reporting_date", names: ["Last_Reporting_Date", "reporting_date", "fecha"], required: true, what: { es: "la fecha del reporte", en: "the reporting date" } },
  ],
  prepare({ catalog, date1904 }) {
    const type = unPersonnelTypeReader(catalog);
    const count = (v: unknown) => readNumberCell(v, { min: 0, max: MAX_PERSONNEL, whole: true });
    return {
      parse(row) {
        const iso3 = row.take("iso3", readIso3);
        const country = row.take("country", (v) => readTextCell(v, COUNTRY_MAX_LENGTH));
        const mission = row.take("mission", (v) => readTextCell(v, MISSION_MAX_LENGTH));
        const label = row.take("personnel_type", (v) => readTextCell(v, 80));
        const code = label === null ? null : row.take("personnel_type", type);
        const female = row.take("female", count);
        const male = row.take("male", count);
        const date = row.take("last_reporting_date", (v) => readDateCell(v, { min: UN_DATE_MIN, max: DATE_MAX, date1904 }));
        if (iso3 !== null && mission !== null && label !== null && date !== null) {
          row.unique("personnel_type", `${date.slice(0, 7)}|${iso3}|${mission.toUpperCase()}|${foldText(label)}`, duplicateContribution);
        }
        if (iso3 === null || country === null || mission === null || label === null || code === null || female === null || male === null || date === null || !row.ok) return null;
        return {
          month: `${date.slice(0, 7)}-01`,
          iso3,
          country,
          mission: mission.toUpperCase(),
          personnelType: code,
          personnelTypeLabel: label,
          female,
          male,
        };
      },
    };
  },
};

function readIso3(value: unknown): CellRead<string> {
  const text = readTextCell(value, 3);
  if (text.kind === "value" && /^[A-Za-z]{3}$/.test(text.value)) return { kind: "value", value: text.value.toUpperCase() };
  if (text.kind === "blank") return text;
  return invalid(
    "INVALID_ISO3",
    `«${showCell(value)}» no es un código de país ISO 3166 de tres letras (p. ej. PER).`,
    `"${showCell(value)}" is not a three-letter ISO 3166 country code (e.g. PER).`,
  );
}
