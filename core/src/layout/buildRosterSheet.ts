import type { Catalog } from "../catalog/Catalog";
import { dimensionValues } from "../catalog/catalogQueries";
import { perCatalog } from "../catalog/perCatalog";
import type { Language } from "../i18n/Language";
import { deepFreeze } from "../deepFreeze";
import { cellAddress, columnLetter } from "./cellAddress";
import { DATE_RULE } from "./buildDeliverablesSheet";
import { NOTE_MAX_LENGTH } from "./buildIndicatorsSheet";
import { ROSTER_ACTIVITY_LABELS } from "./deliverableStatus";
import { LAYOUT_TEXT } from "./layoutText";
import { SheetBuilder } from "./SheetBuilder";
import type { NumberFormat, RosterColumn, RosterSpec, SheetSpec, ValidationRule } from "./TemplateLayout";
import { validationTexts } from "./validationPrompts";

export const ROSTER_HEADER_ROW = 3;
export const COURSE_OR_MISSION_MAX_LENGTH = 120;
export const HOURS_MAX = 2000;

const ORDER: RosterColumn[] = ["serviceNumber", "activity", "courseOrMission", "courseType", "role", "start", "end", "hours", "note"];

type BuiltRoster = { sheet: SheetSpec; roster: RosterSpec };

/**
 * The roster built once per catalog and language: all but the title is the same for every institution and
 * semester, and its 500 rows of ten cells were most of the time an ingestion spent building layouts (32 in a
 * folder of 16 institutions and two semesters). Frozen, so that a use that tried to change a shared cell would
 * fail at once rather than change another layout.
 */
const sharedRoster = perCatalog((catalog, language: Language) => deepFreeze(buildRoster(catalog, language, "")));

/** The people trained or deployed, one row per person and activity, identified by service number. */
export function buildRosterSheet(catalog: Catalog, language: Language, title: string): BuiltRoster {
  const shared = sharedRoster(catalog, language);
  // A copy of the shared cells with its own title (slice: destructuring 5,000 cells went through the iterator).
  const cells = shared.sheet.cells.slice();
  const titleCell = cells[0];
  if (titleCell?.address !== "A1") throw new Error("the roster's first cell must be its title, in A1");
  cells[0] = { ...titleCell, value: title };
  return { sheet: { ...shared.sheet, cells }, roster: shared.roster };
}

function buildRoster(catalog: Catalog, language: Language, title: string): BuiltRoster {
  const T = (key: keyof typeof LAYOUT_TEXT) => (LAYOUT_TEXT[key] as { es: string; en: string })[language];
  const name = T("sheetRoster");
  const sheet = new SheetBuilder("roster", name, [
    { width: 6 },
    { width: 17 },
    { width: 15 },
    { width: 32 },
    { width: 34 },
    { width: 30 },
    { width: 14 },
    { width: 14 },
    { width: 11 },
    { width: 32 },
  ]);
  sheet.text(0, 0, title, "title");
  sheet.text(1, 0, T("rosterHint"), "hint");
  const headers = [
    T("colRowNumber"),
    T("colServiceNumber"),
    T("colActivity"),
    T("colCourseOrMission"),
    T("colCourseType"),
    T("colRole"),
    T("colStart"),
    T("colEnd"),
    T("colHours"),
    T("colNote"),
  ];
  headers.forEach((h, c) => sheet.text(ROSTER_HEADER_ROW, c, h, "header"));

  const svc = catalog.reference.serviceNumber;
  const rules: Record<RosterColumn, { rule: ValidationRule; format: NumberFormat; detail?: string }> = {
    serviceNumber: { rule: { kind: "textLength", max: 20 }, format: "text", detail: svc.description[language] },
    activity: { rule: { kind: "list", values: (["training", "deployment"] as const).map((a) => ROSTER_ACTIVITY_LABELS[a][language]) }, format: "general" },
    courseOrMission: {
      rule: { kind: "textLength", max: COURSE_OR_MISSION_MAX_LENGTH },
      format: "text",
      detail: language === "es" ? "Capacitación: nombre del curso. Despliegue: sigla de la misión (p. ej. MINUSCA)." : "Training: the course name. Deployment: the mission's acronym (e.g. MINUSCA).",
    },
    courseType: { rule: { kind: "list", values: dimensionValues(catalog, "courseType").map((v) => v.name[language]) }, format: "general" },
    role: { rule: { kind: "list", values: dimensionValues(catalog, "role").map((v) => v.name[language]) }, format: "general" },
    start: { rule: DATE_RULE, format: "date" },
    end: { rule: DATE_RULE, format: "date" },
    hours: { rule: { kind: "decimal", min: 0, max: HOURS_MAX }, format: "decimal" },
    note: { rule: { kind: "textLength", max: NOTE_MAX_LENGTH }, format: "text" },
  };

  const firstRow = ROSTER_HEADER_ROW + 1;
  const lastRow = firstRow + catalog.settings.rosterCapacity - 1;
  // One rule, prompt and alert per column, shared by its rows (the builder merges a column's rows by identity).
  const perColumn = ORDER.map((col) => {
    const { rule, format, detail } = rules[col];
    return { rule, format, ...validationTexts(rule, language, detail) };
  });
  for (let r = firstRow; r <= lastRow; r++) {
    sheet.text(r, 0, r - firstRow + 1, "code", "integer");
    perColumn.forEach(({ rule, format, prompt, error }, i) => sheet.input(r, i + 1, format, rule, prompt, error));
  }
  const columns = Object.fromEntries(ORDER.map((col, i) => [col, columnLetter(i + 1)])) as Record<RosterColumn, string>;
  return {
    sheet: sheet.build({ protect: true, freeze: { rows: firstRow, columns: 2 } }),
    roster: { sheet: name, firstRow, lastRow, columns },
  };
}

export function rosterCell(roster: RosterSpec, column: RosterColumn, row: number): string {
  return `${roster.columns[column]}${row + 1}`;
}

export function rosterRange(roster: RosterSpec): string {
  return `${cellAddress(ROSTER_HEADER_ROW, 0)}:${roster.columns.note}${roster.lastRow + 1}`;
}
