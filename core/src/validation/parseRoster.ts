import type { Catalog } from "../catalog/Catalog";
import { dimensionValues } from "../catalog/catalogQueries";
import { perCatalog } from "../catalog/perCatalog";
import type { Language, LocalizedText } from "../i18n/Language";
import { DATE_RULE } from "../layout/buildDeliverablesSheet";
import { NOTE_MAX_LENGTH } from "../layout/buildIndicatorsSheet";
import { COURSE_OR_MISSION_MAX_LENGTH, HOURS_MAX, rosterCell } from "../layout/buildRosterSheet";
import { columnIndex } from "../layout/cellAddress";
import { ROSTER_ACTIVITY_LABELS } from "../layout/deliverableStatus";
import { LAYOUT_TEXT } from "../layout/layoutText";
import type { RosterColumn, RosterSpec } from "../layout/TemplateLayout";
import { requireSemester, semesterBounds } from "../period/Semester";
import { ChoiceList } from "./ChoiceList";
import { foldText, maskIdentifier, readChoice, readDate, readNumber, readText, showValue, type CellResult } from "./cellValues";
import type { IssueCollector } from "./IssueCollector";
import type { RosterActivity, RosterEntry } from "./ParsedEntries";
import { gridCellAt, isBlank, isBlankRow, type GridCell, type SheetGrid } from "./WorkbookGrid";

const COLUMNS: RosterColumn[] = ["serviceNumber", "activity", "courseOrMission", "courseType", "role", "start", "end", "hours", "note"];

const FIELD: Record<RosterColumn, LocalizedText> = {
  serviceNumber: { es: "el número de servicio", en: "The service number" },
  activity: { es: "la actividad", en: "The activity" },
  courseOrMission: { es: "el curso o la misión", en: "The course or mission" },
  courseType: { es: "el tipo de curso", en: "The course type" },
  role: { es: "la función en la misión", en: "The role in the mission" },
  start: { es: "la fecha de inicio", en: "The start date" },
  end: { es: "la fecha de término", en: "The end date" },
  hours: { es: "las horas", en: "The hours" },
  note: { es: "las observaciones", en: "The notes" },
};

/**
 * Reads the roster: one person and activity per row, each row checked on its own. Blank rows are skipped;
 * a row with anything in it must be complete. Repeats (same person, activity, course or mission and start) are
 * errors that point at the first occurrence.
 */
export function parseRoster(
  catalog: Catalog,
  roster: RosterSpec,
  grid: SheetGrid,
  period: string,
  language: Language,
  issues: IssueCollector,
): RosterEntry[] {
  const pattern = new RegExp(catalog.reference.serviceNumber.pattern);
  const bounds = semesterBounds(requireSemester(period));
  const { courseTypes, roles, activities, missionList, fold } = rosterChoices(catalog, language);
  const entries: RosterEntry[] = [];
  const seen = new Map<string, string>();
  const sheet = roster.sheet;

  // Most of the roster's rows are blank: they are skipped without formatting or parsing any address.
  const columnIndexes = COLUMNS.map((c) => columnIndex(roster.columns[c]));
  // One row with anything in it. Its closures (`at`, `take`) live in this function, not in the loop below: in
  // the loop, every iteration — blank rows too, ~500 a roster — got a context of its own for them (most of what
  // checking a roster allocated).
  const parseRow = (r: number): void => {
    const cells = Object.fromEntries(COLUMNS.map((c, i) => [c, gridCellAt(grid, r, columnIndexes[i]!)])) as Record<RosterColumn, GridCell>;
    const at = (c: RosterColumn) => rosterCell(roster, c, r);
    let ok = true;
    const take = <T>(c: RosterColumn, result: CellResult<T>, required: boolean): T | null => {
      if (cells[c].formula) {
        issues.add("FORMULA_IN_INPUT", sheet, at(c), { value: showValue(cells[c].formula) });
        ok = false;
        return null;
      }
      if (result.kind === "blank") {
        if (required) {
          issues.add("REQUIRED", sheet, at(c), { what: FIELD[c] });
          ok = false;
        }
        return null;
      }
      if (result.kind === "invalid") {
        issues.add(result.code, sheet, at(c), result.params);
        ok = false;
        return null;
      }
      if (result.warning) issues.add(result.warning.code, sheet, at(c), result.warning.params);
      return result.value;
    };

    const serviceNumber = take("serviceNumber", readServiceNumber(cells.serviceNumber.value, pattern, catalog.reference.serviceNumber.description), true);
    const activity = take("activity", readChoice(cells.activity.value, activities), true) as RosterActivity | null;
    const courseOrMission = take("courseOrMission", readText(cells.courseOrMission.value, COURSE_OR_MISSION_MAX_LENGTH), true);
    const training = activity === "training";
    const deployment = activity === "deployment";
    const courseType = take("courseType", readChoice(cells.courseType.value, courseTypes), training);
    const role = take("role", readChoice(cells.role.value, roles), deployment);
    const start = take("start", readDate(cells.start.value, DATE_RULE), true);
    const end = take("end", readDate(cells.end.value, DATE_RULE), false);
    const hours = take("hours", readNumber(cells.hours.value, { kind: "decimal", min: 0, max: HOURS_MAX }), false);
    const note = take("note", readText(cells.note.value, NOTE_MAX_LENGTH), false);

    let mission: string | null = null;
    if (deployment && courseOrMission !== null) {
      const found = missionList.find(courseOrMission);
      if (found !== undefined) mission = found;
      else {
        issues.add("UNKNOWN_MISSION", sheet, at("courseOrMission"), { value: showValue(courseOrMission), expected: missionList.shown });
        ok = false;
      }
    }
    if (activity) {
      const shownActivity = ROSTER_ACTIVITY_LABELS[activity][language];
      const unused: RosterColumn[] = training ? ["role"] : ["courseType", "hours"];
      for (const c of unused) {
        if (!isBlank(cells[c].value)) issues.add("FIELD_NOT_APPLICABLE", sheet, at(c), { what: LAYOUT_TEXT[c === "role" ? "colRole" : c === "hours" ? "colHours" : "colCourseType"], value: shownActivity });
      }
    }
    if (start && end && end < start) {
      issues.add("DATE_ORDER", sheet, at("end"), { value: end, other: start });
      ok = false;
    } else if (start && (start > bounds.end || (end !== null && end < bounds.start))) {
      issues.add("OUTSIDE_PERIOD", sheet, at("start"), { value: start, other: end ?? "…", period });
    }
    if (serviceNumber && activity && courseOrMission && start) {
      const key = [serviceNumber, activity, fold(mission ?? courseOrMission), start].join("|");
      const first = seen.get(key);
      if (first) {
        issues.add("DUPLICATE_ROSTER_ENTRY", sheet, at("serviceNumber"), { other: first });
        ok = false;
      } else seen.set(key, at("serviceNumber"));
    }
    if (!ok || !serviceNumber || !activity || !courseOrMission || !start) return;
    entries.push({
      sheet,
      cell: at("serviceNumber"),
      serviceNumber,
      activity,
      courseOrMission,
      mission,
      courseType: training ? courseType : null,
      role: deployment ? role : null,
      start,
      end,
      hours: training ? hours : null,
      note,
    });
  };
  for (let r = roster.firstRow; r <= roster.lastRow; r++) {
    if (!isBlankRow(grid, r, columnIndexes)) parseRow(r);
  }
  return entries;
}

/** A service number typed as text, or as a whole number (which Excel may store for digits-only input). */
function readServiceNumber(value: unknown, pattern: RegExp, description: LocalizedText): CellResult<string> {
  if (isBlank(value)) return { kind: "blank" };
  const text = typeof value === "number" && Number.isInteger(value) && value >= 0 ? String(value) : typeof value === "string" ? value.trim() : null;
  if (text === null || !pattern.test(text)) {
    return { kind: "invalid", code: "SERVICE_NUMBER_FORMAT", params: { value: maskIdentifier(value), expected: description } };
  }
  return { kind: "value", value: text };
}

interface RosterChoices {
  courseTypes: ChoiceList;
  roles: ChoiceList;
  activities: ChoiceList;
  missionList: ChoiceList;
  /** foldText, remembered: a roster repeats a handful of courses and missions many times. */
  fold: (text: string) => string;
}

/** The roster's lists, folded once per catalog and language rather than once per sheet. */
const rosterChoices = perCatalog((catalog, language: Language): RosterChoices => {
  const choices = (dimension: string) => {
    const values = dimensionValues(catalog, dimension);
    return new ChoiceList(values.map((v) => ({ code: v.code, labels: [v.name.es, v.name.en] })), values.map((v) => v.name[language]).join(", "));
  };
  const activityCodes = ["training", "deployment"] as const;
  const missions = catalog.reference.missions;
  const folded = new Map<string, string>();
  return {
    courseTypes: choices("courseType"),
    roles: choices("role"),
    activities: new ChoiceList(
      activityCodes.map((a) => ({ code: a, labels: [ROSTER_ACTIVITY_LABELS[a].es, ROSTER_ACTIVITY_LABELS[a].en] })),
      activityCodes.map((a) => ROSTER_ACTIVITY_LABELS[a][language]).join(", "),
    ),
    missionList: new ChoiceList(missions.map((m) => ({ code: m.code, labels: [m.name.es, m.name.en] })), missions.map((m) => m.code).join(", ")),
    fold: (text) => {
      let f = folded.get(text);
      if (f === undefined) {
        f = foldText(text);
        if (folded.size < 10_000) folded.set(text, f);
      }
      return f;
    },
  };
});
