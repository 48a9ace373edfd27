import type { TemplateLayout } from "../../../core/src/layout/TemplateLayout";
import { parseTemplateIdentity } from "../workbook/templateIdentity";
import type { Highlights } from "../workbook/highlightPlan";
import type { WorkbookPort } from "../workbook/WorkbookPort";
import { checkEntries } from "./checkEntries";
import type { ExcelHost } from "./ExcelHost";
import { insertTemplate, planTemplate } from "./insertTemplate";
import { markReady } from "./markReady";
import { readWorkbook } from "./readWorkbook";

/** The task pane's workbook, through Office.js. Each function is one Excel.run. */
export function createExcelWorkbook(host: ExcelHost): WorkbookPort {
  // What the last check painted, so that a check repaints only the sheets whose invalid cells changed.
  const memory: { painted: Highlights | undefined } = { painted: undefined };
  return {
    readState: () =>
      host.run(async (context) => {
        const snapshot = await readWorkbook(context, new Map());
        return { choice: snapshot.choice, template: snapshot.meta ? parseTemplateIdentity(snapshot.meta) : undefined };
      }),
    planTemplate: (layout) => planTemplate(host, layout),
    insertTemplate: async (layout, choice) => {
      const plan = await insertTemplate(host, layout, choice);
      memory.painted = new Map(layout.sheets.map((s) => [s.name, new Set<string>()]));
      return plan;
    },
    checkEntries: (catalog, layout) => checkEntries(host, catalog, layout, memory),
    markReady: (catalog, layout, preparedBy, now) => markReady(host, catalog, layout, preparedBy, now),
    goToCell: (sheet, cell) =>
      host.run(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(cell).select();
        await context.sync();
      }),
    watchEntries: (layout, onChange) => watchEntries(host, layout, onChange),
  };
}

/** Calls `onChange` after any change in the entry sheets (Worksheet.onChanged, ExcelApi 1.7); pastes included. */
async function watchEntries(host: ExcelHost, layout: TemplateLayout, onChange: () => void) {
  const results = await host.run(async (context) => {
    const handlers = layout.sheets
      .filter((s) => s.role !== "meta")
      .map((s) =>
        context.workbook.worksheets.getItem(s.name).onChanged.add(async () => {
          onChange();
        }),
      );
    await context.sync();
    return handlers;
  });
  return async () => {
    const first = results[0];
    if (!first) return;
    await host.runIn(first.context as Excel.RequestContext, async (context) => {
      for (const r of results) r.remove();
      await context.sync();
    });
  };
}
