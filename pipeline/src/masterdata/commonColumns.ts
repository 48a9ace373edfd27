import type { Catalog } from "../../../core/src/catalog/Catalog";
import type { LocalizedText } from "../../../core/src/i18n/Language";
import type { ColumnSpec, RowReader } from "./DatasetSpec";
import { readDateCell, readServiceNumberCell, type CellRead } from "./masterCells";

/** Dates in master data: people who entered service, trained or deployed from 1940 on. */
export const DATE_MIN = "1940-01-01";
export const DATE_MAX = "2100-12-31";

export const SERVICE_NUMBER_COLUMN: ColumnSpec<"service_number"> = {
  field: "service_number",
  names: ["service_number", "numero_servicio", "numero_de_servicio", "cip"],
  required: true,
  what: { es: "el número de servicio", en: "the service number" },
};

export const START_DATE_COLUMN: ColumnSpec<"start_date"> = {
  field: "start_date",
  names: ["start_date", "fecha_inicio", "fecha_de_inicio"],
  required: true,
  what: { es: "la fecha de inicio", en: "the start date" },
};

export const END_DATE_COLUMN: ColumnSpec<"end_date"> = {
  field: "end_date",
  names: ["end_date", "fecha_fin", "fecha_de_fin", "fecha_termino"],
  required: false,
  what: { es: "la fecha de fin", en: "the end date" },
};

/** The catalog's service-number rule (8 digits), read from a cell. */
export function serviceNumberRead(catalog: Catalog): (value: unknown) => CellRead<string> {
  const pattern = new RegExp(catalog.reference.serviceNumber.pattern);
  const description = catalog.reference.serviceNumber.description;
  return (value) => readServiceNumberCell(value, pattern, description);
}

export function dateRead(date1904: boolean, max = DATE_MAX): (value: unknown) => CellRead<string> {
  return (value) => readDateCell(value, { min: DATE_MIN, max, date1904 });
}

/**
 * The issue for a row that repeats an earlier one on what must be unique (`what`: "la persona, el curso y la
 * fecha de inicio"), pointing at the first row.
 */
export function repeatedRow(what: LocalizedText): (first: number) => { code: "DUPLICATE_ROW"; message: LocalizedText } {
  return (first) => ({
    code: "DUPLICATE_ROW",
    message: {
      es: `La fila repite ${what.es} de la fila ${first}. Borre una de las dos.`,
      en: `The row repeats the ${what.en} of row ${first}. Delete one of them.`,
    },
  });
}

/** An end date before its start date is an error on the end date. */
export function checkDateOrder<F extends string>(row: RowReader<F>, field: F, start: string | null, end: string | null): void {
  if (start === null || end === null || end >= start) return;
  row.fail(field, "DATE_ORDER", {
    es: `La fecha de fin (${end}) es anterior a la de inicio (${start}). Corrija una de las dos.`,
    en: `The end date (${end}) is before the start date (${start}). Correct one of them.`,
  });
}
