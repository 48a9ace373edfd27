import type { Catalog } from "../catalog/Catalog";
import type { TemplateLayout } from "../layout/TemplateLayout";
import { parseEntries } from "./parseEntries";
import type { ValidationIssue } from "./ValidationIssue";
import type { WorkbookGrid } from "./WorkbookGrid";

/** Every problem in a filled template, as data with its cell. See parseEntries for the values themselves. */
export function validateEntries(catalog: Catalog, layout: TemplateLayout, workbook: WorkbookGrid): ValidationIssue[] {
  return parseEntries(catalog, layout, workbook).issues;
}
