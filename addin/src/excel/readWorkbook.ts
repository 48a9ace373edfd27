import { META_SHEET_NAME, type MetaKey } from "../../../core/src/layout/TemplateLayout";
import type { SheetGrid } from "../../../core/src/validation/WorkbookGrid";
import { parseMetaValues, META_RANGE } from "../workbook/templateIdentity";
import type { TemplateChoice } from "../workbook/WorkbookPort";

export const CHOICE_SETTING = "pa1325.choice";

export interface WorkbookSnapshot {
  sheetNames: Set<string>;
  /** Names of the workbook's defined names. */
  definedNames: string[];
  choice: TemplateChoice | undefined;
  meta: Partial<Record<MetaKey, string>> | undefined;
  /** The requested sheets that exist, read from A1 (values and formulas). */
  grids: Map<string, SheetGrid>;
}

/**
 * Reads what the add-in needs in two round trips whatever the template's size: the sheet list, defined names and
 * the remembered choice first, then the requested ranges of the sheets that exist and the metadata block.
 * `sheets` maps a sheet name to the range to read, or to "used" for the sheet's used range.
 */
export async function readWorkbook(context: Excel.RequestContext, sheets: ReadonlyMap<string, string>): Promise<WorkbookSnapshot> {
  const worksheets = context.workbook.worksheets.load("items/name");
  const names = context.workbook.names.load("items/name");
  const setting = context.workbook.settings.getItemOrNullObject(CHOICE_SETTING).load("value");
  await context.sync();

  const sheetNames = new Set(worksheets.items.map((w) => w.name));
  const ranges = new Map<string, Excel.Range>();
  for (const [name, address] of sheets) {
    if (!sheetNames.has(name)) continue;
    const ws = context.workbook.worksheets.getItem(name);
    const range = address === "used" ? ws.getRange("A1").getBoundingRect(ws.getUsedRange()) : ws.getRange(address);
    ranges.set(name, range.load("values,formulas"));
  }
  const metaRange = sheetNames.has(META_SHEET_NAME) ? context.workbook.worksheets.getItem(META_SHEET_NAME).getRange(META_RANGE).load("values") : undefined;
  await context.sync();

  const grids = new Map<string, SheetGrid>();
  for (const [name, range] of ranges) grids.set(name, { values: range.values, formulas: range.formulas });
  return {
    sheetNames,
    definedNames: names.items.map((n) => n.name),
    choice: setting.isNullObject ? undefined : parseChoice(setting.value),
    meta: metaRange ? parseMetaValues(metaRange.values) : undefined,
    grids,
  };
}

function parseChoice(raw: unknown): TemplateChoice | undefined {
  const value: unknown = typeof raw === "string" ? safeJson(raw) : raw;
  if (typeof value !== "object" || value === null) return undefined;
  const { institution, period } = value as Record<string, unknown>;
  return typeof institution === "string" && typeof period === "string" ? { institution, period } : undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // A setting that is not JSON was not written by us: treat it as absent.
    return undefined;
  }
}
