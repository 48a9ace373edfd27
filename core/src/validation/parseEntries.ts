import type { Catalog } from "../catalog/Catalog";
import { findIndicator } from "../catalog/catalogQueries";
import type { SheetRole, TemplateLayout } from "../layout/TemplateLayout";
import { PREPARED_BY_MAX_LENGTH } from "../layout/buildCoverAndMetaSheets";
import { readText } from "./cellValues";
import { checkConstraints } from "./checkConstraints";
import { checkRosterAgainstReported } from "./checkRosterAgainstReported";
import { IssueCollector } from "./IssueCollector";
import { parseDeliverables } from "./parseDeliverables";
import { parseIndicatorRows } from "./parseIndicatorRows";
import { parseRoster } from "./parseRoster";
import type { IndicatorProgress, ParsedEntries, RosterEntry } from "./ParsedEntries";
import { gridCell, type SheetGrid, type WorkbookGrid } from "./WorkbookGrid";

/**
 * Reads a filled template through its layout: every value with the cell it came from, and every problem.
 * The same function runs in the add-in while staff type and in the pipeline at ingestion, so a workbook the
 * add-in calls ready is never refused by the pipeline for a rule the add-in did not show.
 */
export function parseEntries(catalog: Catalog, layout: TemplateLayout, workbook: WorkbookGrid): ParsedEntries {
  const issues = new IssueCollector();
  const sheetOf = (role: SheetRole): { name: string; grid: SheetGrid } | undefined => {
    const spec = layout.sheets.find((s) => s.role === role);
    if (!spec) return undefined;
    const grid = workbook.get(spec.name);
    if (!grid) {
      issues.add("SHEET_MISSING", spec.name, "A1", { sheet: spec.name });
      return undefined;
    }
    return { name: spec.name, grid };
  };

  const cover = sheetOf("cover");
  let preparedBy: string | null = null;
  if (cover) {
    const read = readText(gridCell(cover.grid, layout.preparedByCell.cell).value, PREPARED_BY_MAX_LENGTH);
    if (read.kind === "invalid") issues.add(read.code, cover.name, layout.preparedByCell.cell, read.params);
    else if (read.kind === "value") preparedBy = read.value.trim();
  }

  const indicators = sheetOf("indicators");
  const numeric = indicators ? parseIndicatorRows(catalog, layout, indicators.grid, indicators.name, issues) : undefined;
  if (numeric && indicators) checkConstraints(catalog, numeric.rows, indicators.name, issues);

  const deliverablesSheet = layout.deliverableRows.length > 0 ? sheetOf("deliverables") : undefined;
  const deliverables = deliverablesSheet ? parseDeliverables(layout, deliverablesSheet.grid, deliverablesSheet.name, issues) : undefined;

  let roster: RosterEntry[] = [];
  const rosterSheet = layout.roster ? sheetOf("roster") : undefined;
  if (layout.roster && rosterSheet) roster = parseRoster(catalog, layout.roster, rosterSheet.grid, layout.period, layout.language, issues);
  if (numeric && indicators && rosterSheet) checkRosterAgainstReported(catalog, numeric.rows, roster, indicators.name, issues);

  // An indicator with some values must have all of them (one issue per indicator, at its first blank cell, so
  // a half-typed indicator is one problem, not twenty); one with none is "not reported yet".
  if (numeric && indicators) {
    const reported = new Set<string>();
    const blanks = new Map<string, Array<{ cell: string; what: { es: string; en: string } }>>();
    for (const row of numeric.rows.values()) {
      const code = row.spec.indicator;
      if (!numeric.started.has(code)) continue;
      reported.add(code);
      blanks.set(code, [...(blanks.get(code) ?? []), ...row.blanks]);
    }
    for (const [code, list] of blanks) {
      if (list.length > 0) issues.add("MISSING_VALUE", indicators.name, list[0]!.cell, { what: list[0]!.what, count: list.length, indicator: code }, code);
    }
    for (const row of layout.indicatorRows) {
      if (reported.has(row.indicator) || !numeric.rows.has(row.key)) continue;
      reported.add(row.indicator);
      const first = row.people ? row.women! : row.total;
      issues.add("NOT_REPORTED", indicators.name, first, { indicator: row.indicator }, row.indicator);
    }
  }
  if (deliverablesSheet && deliverables) {
    for (const row of layout.deliverableRows) {
      if (!deliverables.started.has(row.indicator)) {
        issues.add("NOT_REPORTED", deliverablesSheet.name, row.status, { indicator: row.indicator }, row.indicator);
      }
    }
  }

  return {
    values: numeric?.values ?? [],
    deliverables: deliverables?.entries ?? [],
    roster,
    preparedBy,
    issues: issues.issues,
    progress: buildProgress(catalog, layout, issues),
  };
}

/** Per indicator: empty (nothing typed), incomplete (blanks or errors left) or complete. */
function buildProgress(catalog: Catalog, layout: TemplateLayout, issues: IssueCollector): IndicatorProgress[] {
  const codes = [...new Set([...layout.indicatorRows.map((r) => r.indicator), ...layout.deliverableRows.map((r) => r.indicator)])];
  return codes
    .filter((code) => findIndicator(catalog, code) !== undefined)
    .map((indicator) => {
      const own = issues.issues.filter((i) => i.indicator === indicator);
      const errors = own.filter((i) => i.severity === "error").length;
      const empty = own.some((i) => i.code === "NOT_REPORTED");
      return {
        indicator,
        state: empty ? "empty" : errors > 0 ? "incomplete" : "complete",
        errors,
        warnings: own.length - errors,
      };
    });
}
