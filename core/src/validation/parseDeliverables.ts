import { semesterBounds, requireSemester } from "../period/Semester";
import { DATE_RULE, REFERENCE_MAX_LENGTH } from "../layout/buildDeliverablesSheet";
import { NOTE_MAX_LENGTH } from "../layout/buildIndicatorsSheet";
import { APPROVED_STATUSES, DELIVERABLE_STATUSES, DELIVERABLE_STATUS_LABELS, type DeliverableStatus } from "../layout/deliverableStatus";
import type { TemplateLayout } from "../layout/TemplateLayout";
import { ChoiceList } from "./ChoiceList";
import { readChoice, readDate, readNumber, readText, showValue, type CellResult } from "./cellValues";
import { checkRowKeys } from "./checkRowKeys";
import type { IssueCollector } from "./IssueCollector";
import type { DeliverableEntry } from "./ParsedEntries";
import { gridCell, type SheetGrid } from "./WorkbookGrid";

/** Marks a cell that could not be read (its issue is already recorded). */
const INVALID = Symbol("invalid");

const STATUS_OPTIONS = DELIVERABLE_STATUSES.map((code) => ({
  code,
  labels: [DELIVERABLE_STATUS_LABELS[code].es, DELIVERABLE_STATUS_LABELS[code].en],
}));
const STATUS_LISTS = {
  es: new ChoiceList(STATUS_OPTIONS, DELIVERABLE_STATUSES.map((s) => DELIVERABLE_STATUS_LABELS[s].es).join(", ")),
  en: new ChoiceList(STATUS_OPTIONS, DELIVERABLE_STATUSES.map((s) => DELIVERABLE_STATUS_LABELS[s].en).join(", ")),
};

/** Reads each deliverable's status, progress, approval date and reference, and checks that they agree. */
export function parseDeliverables(
  layout: TemplateLayout,
  grid: SheetGrid,
  sheet: string,
  issues: IssueCollector,
): { entries: DeliverableEntry[]; started: Set<string> } {
  const readable = checkRowKeys(grid, sheet, layout.deliverableRows, issues);
  const periodEnd = semesterBounds(requireSemester(layout.period)).end;
  const entries: DeliverableEntry[] = [];
  const started = new Set<string>();

  for (const row of layout.deliverableRows) {
    if (!readable.has(row.key)) continue;
    const code = row.indicator;
    const read = <T>(cell: string, reader: (v: unknown) => CellResult<T>): T | null | typeof INVALID => {
      const c = gridCell(grid, cell);
      if (c.formula) {
        issues.add("FORMULA_IN_INPUT", sheet, cell, { value: showValue(c.formula) }, code);
        started.add(code);
        return INVALID;
      }
      const r = reader(c.value);
      if (r.kind === "blank") return null;
      started.add(code);
      if (r.kind === "invalid") {
        issues.add(r.code, sheet, cell, r.params, code);
        return INVALID;
      }
      if (r.warning) issues.add(r.warning.code, sheet, cell, r.warning.params, code);
      return r.value;
    };
    const status = read(row.status, (v) => readChoice(v, STATUS_LISTS[layout.language])) as DeliverableStatus | null | typeof INVALID;
    const progress = read(row.progress, (v) => readNumber(v, { kind: "decimal", min: 0, max: 100 }));
    const date = read(row.date, (v) => readDate(v, DATE_RULE));
    const reference = read(row.reference, (v) => readText(v, REFERENCE_MAX_LENGTH));
    const note = read(row.note, (v) => readText(v, NOTE_MAX_LENGTH));
    if (!started.has(code)) continue;

    if (status === null) {
      issues.add("MISSING_VALUE", sheet, row.status, { what: { es: "el estado", en: "the status" }, count: 1, indicator: code }, code);
      continue;
    }
    if (status === INVALID) continue;
    const label = DELIVERABLE_STATUS_LABELS[status][layout.language];
    if (APPROVED_STATUSES.has(status) && date === null) {
      issues.add("APPROVAL_DATE_REQUIRED", sheet, row.date, { indicator: code, value: label }, code);
    }
    if (typeof date === "string" && date > periodEnd) {
      issues.add("DATE_AFTER_PERIOD", sheet, row.date, { value: date, expected: periodEnd }, code);
    }
    if (typeof progress === "number") {
      const agrees = APPROVED_STATUSES.has(status) ? progress === 100 : status === "NOT_STARTED" ? progress === 0 : progress < 100;
      if (!agrees) issues.add("STATUS_PROGRESS_MISMATCH", sheet, row.progress, { value: progress, other: label }, code);
    }
    if (progress === INVALID || date === INVALID || reference === INVALID || note === INVALID) continue;
    entries.push({
      indicator: code,
      status,
      progress,
      approvalDate: date,
      reference,
      note,
      sheet,
      cell: row.status,
    });
  }
  return { entries, started };
}
