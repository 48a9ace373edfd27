import type { MetaKey, SheetRole, TemplateLayout } from "../../../core/src/layout/TemplateLayout";
import { META_SHEET_NAME } from "../../../core/src/layout/TemplateLayout";
import type { SheetGrid } from "../../../core/src/validation/WorkbookGrid";
import { AddinError } from "./AddinError";
import { carryOverInputs, type OldSheet } from "./carryOverInputs";
import { parseTemplateIdentity, templateSheetNames } from "./templateIdentity";
import type { TemplatePlan } from "./WorkbookPort";

export interface ExistingSheets {
  sheetNames: ReadonlySet<string>;
  meta: Partial<Record<MetaKey, string>> | undefined;
  grids: ReadonlyMap<string, SheetGrid>;
}

/**
 * What inserting `layout` does to a workbook: which typed values move where, which are lost, which old sheets go.
 * A sheet of the same name that is not part of an earlier PA1325 template is never overwritten.
 */
export function buildTemplatePlan(layout: TemplateLayout, workbook: ExistingSheets): TemplatePlan {
  const existing = workbook.meta ? parseTemplateIdentity(workbook.meta) : undefined;
  const oldNames = existing ? templateSheetNames(existing.language) : undefined;
  const ours = new Set(oldNames ? Object.values(oldNames) : []);
  for (const sheet of layout.sheets) {
    if (workbook.sheetNames.has(sheet.name) && !ours.has(sheet.name)) throw new AddinError("SHEET_NAME_TAKEN", { sheet: sheet.name });
  }
  const old: Partial<Record<SheetRole, OldSheet>> = {};
  if (oldNames) {
    for (const role of ["cover", "indicators", "deliverables", "roster"] as const) {
      const grid = workbook.grids.get(oldNames[role]);
      if (grid) old[role] = { name: oldNames[role], grid: grid.formulas ?? grid.values };
    }
  }
  const keep = new Set(layout.sheets.map((s) => s.name));
  const sheetsToRemove = [...ours].filter((name) => name !== META_SHEET_NAME && workbook.sheetNames.has(name) && !keep.has(name));
  return { existing, carry: carryOverInputs(layout, old), sheetsToRemove };
}
