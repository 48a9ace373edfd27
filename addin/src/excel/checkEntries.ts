import type { Catalog } from "../../../core/src/catalog/Catalog";
import { cellAddress } from "../../../core/src/layout/cellAddress";
import { INVALID_FILL, INPUT_FILL } from "../../../core/src/layout/cellStyles";
import { META_SHEET_NAME, type TemplateLayout } from "../../../core/src/layout/TemplateLayout";
import { buildContentDigestText } from "../../../core/src/validation/contentDigestText";
import { parseEntries } from "../../../core/src/validation/parseEntries";
import type { SheetGrid } from "../../../core/src/validation/WorkbookGrid";
import { buildSheetWrite } from "../workbook/buildSheetWrite";
import { buildHighlights, changedSheets, type Highlights } from "../workbook/highlightPlan";
import { sha256Hex } from "../workbook/sha256Hex";
import { STAMP_KEYS, type CheckResult } from "../workbook/WorkbookPort";
import type { ExcelHost } from "./ExcelHost";
import { readWorkbook, type WorkbookSnapshot } from "./readWorkbook";
import { writeWithEventsOff } from "./writeWithEventsOff";

/** Reads the layout's entry sheets (each exactly its extent) and the metadata block: two round trips. */
export function readEntries(context: Excel.RequestContext, layout: TemplateLayout): Promise<WorkbookSnapshot> {
  const sheets = new Map(
    layout.sheets.filter((s) => s.role !== "meta").map((s) => [s.name, `A1:${cellAddress(s.extent.rows - 1, s.extent.columns - 1)}`]),
  );
  return readWorkbook(context, sheets);
}

/**
 * Runs core's checks on what is in the workbook now (pastes included, which Excel's own validation misses),
 * repaints the invalid input cells that changed since the last check, and clears the "ready" stamp when the
 * content no longer matches its hash. One Excel.run, at most three round trips.
 */
export function checkEntries(host: ExcelHost, catalog: Catalog, layout: TemplateLayout, memory: { painted: Highlights | undefined }): Promise<CheckResult> {
  return host.run(async (context) => {
    const snapshot = await readEntries(context, layout);
    const parsed = parseEntries(catalog, layout, snapshot.grids);
    const readyAt = snapshot.meta?.readyAt ?? null;
    let stampCleared = false;
    if (readyAt !== null && snapshot.meta) {
      const hash = await sha256Hex(buildContentDigestText(layout, snapshot.grids));
      stampCleared = hash !== snapshot.meta.contentHash;
    }
    const highlights = buildHighlights(layout, parsed.issues);
    const repaint = changedSheets(highlights, memory.painted).filter((name) => snapshot.grids.has(name));
    if (repaint.length > 0 || (stampCleared && snapshot.sheetNames.has(META_SHEET_NAME))) {
      await writeWithEventsOff(context, () => {
        for (const name of repaint) paintSheet(context, layout, name, highlights.get(name)!);
        if (stampCleared) writeMeta(context, layout, Object.fromEntries(STAMP_KEYS.map((k) => [k, ""])));
      });
    }
    memory.painted = highlights;
    return { parsed, stampCleared, readyAt: stampCleared ? null : readyAt };
  });
}

function paintSheet(context: Excel.RequestContext, layout: TemplateLayout, name: string, invalid: ReadonlySet<string>): void {
  const spec = layout.sheets.find((s) => s.name === name)!;
  const ws = context.workbook.worksheets.getItem(name);
  // Formatting is not allowed on a protected sheet, even on unlocked cells: lift the (password-less) guard briefly.
  if (spec.protect) ws.protection.unprotect();
  for (const address of buildSheetWrite(spec, layout.language).inputs) ws.getRange(address).format.fill.color = `#${INPUT_FILL}`;
  for (const address of invalid) ws.getRange(address).format.fill.color = `#${INVALID_FILL}`;
  if (spec.protect) ws.protection.protect({ allowFormatColumns: true, allowFormatRows: true });
}

/** Queues text values into metadata cells (as text, so a hash or a name is never read as a number). */
export function writeMeta(context: Excel.RequestContext, layout: TemplateLayout, values: Partial<Record<string, string>>): void {
  const ws = context.workbook.worksheets.getItem(META_SHEET_NAME);
  ws.protection.unprotect();
  for (const [key, value] of Object.entries(values)) {
    const cell = layout.metadata.cells[key as keyof typeof layout.metadata.cells];
    const range = ws.getRange(cell);
    range.numberFormat = [["@"]];
    range.values = [[value ?? ""]];
  }
  ws.protection.protect({ allowFormatColumns: true, allowFormatRows: true });
}

/** The grids with one cell replaced (a copy; the snapshot is left alone). */
export function withCell(grids: ReadonlyMap<string, SheetGrid>, sheet: string, row: number, column: number, value: unknown): Map<string, SheetGrid> {
  const out = new Map(grids);
  const grid = grids.get(sheet);
  if (!grid) return out;
  const values = grid.values.map((r) => [...r]);
  const formulas = grid.formulas?.map((r) => [...r]);
  if (values[row]) values[row]![column] = value;
  if (formulas?.[row]) formulas[row]![column] = value;
  out.set(sheet, formulas ? { values, formulas } : { values });
  return out;
}
