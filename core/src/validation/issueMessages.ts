import type { Language, LocalizedText } from "../i18n/Language";
import type { IssueCode } from "./ValidationIssue";

export type IssueParam = string | number | LocalizedText;
export type IssueParams = Readonly<Record<string, IssueParam>>;

/**
 * What each problem says, in both languages, with {placeholders}. Each message names the cell and says how
 * to fix it: staff read these without a manual.
 */
const ISSUE_TEXT: Record<IssueCode, LocalizedText> = {
  SHEET_MISSING: {
    es: "Falta la hoja «{sheet}». Descargue una plantilla nueva de PA1325 y copie en ella sus valores.",
    en: "The sheet \"{sheet}\" is missing. Get a new PA1325 template and copy your values into it.",
  },
  ROW_MOVED: {
    es: "La fila {row} debía ser {expected} y contiene «{value}». No inserte, borre ni ordene filas: deshaga el cambio o copie sus valores en una plantilla nueva.",
    en: "Row {row} should be {expected} but holds \"{value}\". Do not insert, delete or sort rows: undo the change or copy your values into a new template.",
  },
  FORMULA_IN_INPUT: {
    es: "{cell} contiene una fórmula ({value}). Escriba el valor, no una fórmula.",
    en: "{cell} holds a formula ({value}). Type the value, not a formula.",
  },
  NOT_A_NUMBER: {
    es: "«{value}» en {cell} no es un número. Escriba solo cifras (use punto para los decimales).",
    en: "\"{value}\" in {cell} is not a number. Type digits only (use a point for decimals).",
  },
  NOT_WHOLE_NUMBER: {
    es: "{value} en {cell} no es un número entero. Escriba una cantidad entera.",
    en: "{value} in {cell} is not a whole number. Enter a whole count.",
  },
  NEGATIVE_NUMBER: {
    es: "{value} en {cell} es negativo. Escriba 0 o un número mayor.",
    en: "{value} in {cell} is negative. Enter 0 or more.",
  },
  OUT_OF_RANGE: {
    es: "{value} en {cell} está fuera del rango permitido ({min} a {max}). Corrija el valor.",
    en: "{value} in {cell} is outside the allowed range ({min} to {max}). Correct the value.",
  },
  NUMBER_AS_TEXT: {
    es: "{cell} contiene «{value}» como texto; se tomará como el número {value}. Vuelva a escribirlo como número para quitar este aviso.",
    en: "{cell} holds \"{value}\" as text; it will be taken as the number {value}. Type it again as a number to clear this warning.",
  },
  MISSING_VALUE: {
    es: "{indicator} tiene {count} celda(s) vacía(s), desde {cell} ({what}). Escriba 0 donde no hubo: un indicador que se reporta no puede tener celdas vacías.",
    en: "{indicator} has {count} empty cell(s), from {cell} ({what}). Enter 0 where there were none: a reported indicator cannot have blank cells.",
  },
  NOT_REPORTED: {
    es: "{indicator} aún no tiene valores. Complete sus celdas desde {cell} (0 si no hubo actividad).",
    en: "{indicator} has no values yet. Fill in its cells from {cell} (0 if there was no activity).",
  },
  TOTAL_MISMATCH: {
    es: "El total en {cell} ({value}) no es la suma de sus partes ({expected}). Restaure la fórmula ={formula}.",
    en: "The total in {cell} ({value}) is not the sum of its parts ({expected}). Restore the formula ={formula}.",
  },
  COMPUTED_CELL_CHANGED: {
    es: "{cell} debe calcularse con la fórmula ={formula}. PA1325 recalcula este total; restaure la fórmula para ver el valor correcto.",
    en: "{cell} must be computed by the formula ={formula}. PA1325 recomputes this total; restore the formula to see the right value.",
  },
  EXCEEDS_RELATED_VALUE: {
    es: "{value} en {cell} supera {other} en {otherCell}. {note}",
    en: "{value} in {cell} is more than {other} in {otherCell}. {note}",
  },
  LARGE_CHANGE: {
    es: "{cell}: {value} frente a {previous} el semestre anterior. Confirme el valor o explique el cambio en Observaciones.",
    en: "{cell}: {value} against {previous} last semester. Check the value or explain the change under Notes.",
  },
  TEXT_TOO_LONG: {
    es: "El texto de {cell} tiene {length} caracteres; el máximo es {max}. Acórtelo.",
    en: "The text in {cell} has {length} characters; the most allowed is {max}. Shorten it.",
  },
  INVALID_CHOICE: {
    es: "«{value}» en {cell} no es una opción válida. Elija de la lista: {expected}.",
    en: "\"{value}\" in {cell} is not a valid choice. Choose from the list: {expected}.",
  },
  INVALID_DATE: {
    es: "«{value}» en {cell} no es una fecha válida. Escriba una fecha como 15/03/2026.",
    en: "\"{value}\" in {cell} is not a valid date. Enter a date such as 2026-03-15.",
  },
  DATE_AFTER_PERIOD: {
    es: "La fecha {value} en {cell} es posterior al cierre del semestre ({expected}). Corríjala o repórtela el próximo semestre.",
    en: "The date {value} in {cell} is after the end of the semester ({expected}). Correct it or report it next semester.",
  },
  APPROVAL_DATE_REQUIRED: {
    es: "{indicator} figura como «{value}»: escriba su fecha de aprobación en {cell}.",
    en: "{indicator} is marked \"{value}\": enter its approval date in {cell}.",
  },
  STATUS_PROGRESS_MISMATCH: {
    es: "El avance en {cell} ({value} %) no concuerda con el estado «{other}». Revise ambos.",
    en: "The progress in {cell} ({value} %) does not match the status \"{other}\". Check both.",
  },
  REQUIRED: {
    es: "Falta {what} en {cell}. Complete la fila o bórrela entera.",
    en: "{what} is missing in {cell}. Complete the row or clear all of it.",
  },
  SERVICE_NUMBER_FORMAT: {
    es: "«{value}» en {cell} no es un número de servicio válido. Formato: {expected} Si se perdieron ceros a la izquierda, dé formato de texto a la celda y escríbalo de nuevo.",
    en: "\"{value}\" in {cell} is not a valid service number. Format: {expected} If leading zeros were lost, format the cell as text and type it again.",
  },
  DUPLICATE_ROSTER_ENTRY: {
    es: "La fila de {cell} repite la persona, la actividad, el curso o misión y la fecha de inicio de {other}. Borre una de las dos.",
    en: "The row of {cell} repeats the person, activity, course or mission and start date of {other}. Delete one of them.",
  },
  UNKNOWN_MISSION: {
    es: "«{value}» en {cell} no es una misión conocida. Escriba su sigla: {expected}.",
    en: "\"{value}\" in {cell} is not a known mission. Enter its acronym: {expected}.",
  },
  DATE_ORDER: {
    es: "La fecha de término en {cell} ({value}) es anterior a la de inicio ({other}). Corrija las fechas.",
    en: "The end date in {cell} ({value}) is before the start date ({other}). Correct the dates.",
  },
  OUTSIDE_PERIOD: {
    es: "La actividad de {cell} ({value} a {other}) no cae en el semestre {period}. Verifique las fechas.",
    en: "The activity in {cell} ({value} to {other}) does not fall in the semester {period}. Check the dates.",
  },
  FIELD_NOT_APPLICABLE: {
    es: "{cell} ({what}) no se usa en una fila de «{value}» y se ignorará. Bórrelo o cambie la actividad.",
    en: "{cell} ({what}) is not used on a \"{value}\" row and will be ignored. Clear it or change the activity.",
  },
  ROSTER_MISMATCH: {
    es: "Se reportó {value} en {cell}, pero el Registro lista {other} personas para {indicator}. Liste a todas las personas o corrija la cifra.",
    en: "{value} was reported in {cell}, but the Roster lists {other} people for {indicator}. List every person or correct the number.",
  },
};

export function formatIssueMessage(code: IssueCode, params: IssueParams): LocalizedText {
  return { es: fill(ISSUE_TEXT[code].es, params, "es"), en: fill(ISSUE_TEXT[code].en, params, "en") };
}

function fill(template: string, params: IssueParams, language: Language): string {
  return template.replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) => {
    if (!Object.hasOwn(params, name)) return whole;
    const p = params[name]!;
    return typeof p === "object" ? p[language] : String(p);
  });
}
