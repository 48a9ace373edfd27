import type { TemplateLayout } from "../../../core/src/layout/TemplateLayout";
import type { ValidationIssue } from "../../../core/src/validation/ValidationIssue";

/** Input cells holding an error, by sheet: the cells the add-in paints red. */
export type Highlights = Map<string, Set<string>>;

export function buildHighlights(layout: TemplateLayout, issues: readonly ValidationIssue[]): Highlights {
  const inputs = new Map(layout.sheets.map((s) => [s.name, new Set(s.cells.filter((c) => !c.locked).map((c) => c.address))]));
  const out: Highlights = new Map(layout.sheets.filter((s) => s.role !== "meta").map((s) => [s.name, new Set<string>()]));
  for (const issue of issues) {
    if (issue.severity !== "error") continue;
    if (inputs.get(issue.location.sheet)?.has(issue.location.cell)) out.get(issue.location.sheet)?.add(issue.location.cell);
  }
  return out;
}

/** The sheets whose highlights differ from what was painted last (all of them when nothing is known). */
export function changedSheets(next: Highlights, painted: Highlights | undefined): string[] {
  return [...next.keys()].filter((sheet) => {
    const before = painted?.get(sheet);
    const now = next.get(sheet)!;
    return !before || before.size !== now.size || [...now].some((c) => !before.has(c));
  });
}
