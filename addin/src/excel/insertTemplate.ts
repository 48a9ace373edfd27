import { CELL_LOOKS } from "../../../core/src/layout/cellStyles";
import { columnLetter } from "../../../core/src/layout/cellAddress";
import { META_SHEET_NAME, type SheetSpec, type TemplateLayout } from "../../../core/src/layout/TemplateLayout";
import { buildSheetWrite, columnWidthPoints, type InputValue } from "../workbook/buildSheetWrite";
import { buildTemplatePlan } from "../workbook/buildTemplatePlan";
import { rectAddress } from "../workbook/cellRects";
import { allTemplateSheetNames } from "../workbook/templateIdentity";
import type { TemplateChoice, TemplatePlan } from "../workbook/WorkbookPort";
import { applyCellLook } from "./applyCellLook";
import { dataValidationRule } from "./dataValidationRule";
import type { ExcelHost } from "./ExcelHost";
import { CHOICE_SETTING, readWorkbook } from "./readWorkbook";
import { writeWithEventsOff } from "./writeWithEventsOff";

/** Reads any earlier template (2 round trips) and works out what inserting `layout` would change. */
async function readPlan(context: Excel.RequestContext, layout: TemplateLayout): Promise<{ plan: TemplatePlan; sheetNames: Set<string>; definedNames: string[] }> {
  const candidates = new Map(allTemplateSheetNames().filter((n) => n !== META_SHEET_NAME).map((n) => [n, "used"]));
  const snapshot = await readWorkbook(context, candidates);
  return { plan: buildTemplatePlan(layout, snapshot), sheetNames: snapshot.sheetNames, definedNames: snapshot.definedNames };
}

/** What inserting the layout would do; nothing is written. */
export function planTemplate(host: ExcelHost, layout: TemplateLayout): Promise<TemplatePlan> {
  return host.run(async (context) => (await readPlan(context, layout)).plan);
}

/**
 * Creates or refreshes the template's sheets in one Excel.run and three round trips, whatever the institution:
 * two reads (sheets, then the old template's cells) and one batch of writes with whole 2-D arrays, calculation
 * (and, from ExcelApi 1.9, screen updating) suspended and this add-in's events off.
 */
export function insertTemplate(host: ExcelHost, layout: TemplateLayout, choice: TemplateChoice): Promise<TemplatePlan> {
  return host.run(async (context) => {
    const { plan, sheetNames, definedNames } = await readPlan(context, layout);
    const workbook = context.workbook;
    await writeWithEventsOff(context, () => {
      workbook.application.suspendApiCalculationUntilNextSync();
      if (host.isSetSupported("ExcelApi", "1.9")) workbook.application.suspendScreenUpdatingUntilNextSync();
      const ours = new Set(layout.names.map((n) => n.name));
      for (const name of definedNames) if (ours.has(name)) workbook.names.getItem(name).delete();
      layout.sheets.forEach((spec, position) => {
        writeSheet(workbook, spec, position, sheetNames.has(spec.name), plan.carry.inputs.get(spec.name), layout);
      });
      for (const name of plan.sheetsToRemove) workbook.worksheets.getItem(name).delete();
      for (const n of layout.names) workbook.names.add(n.name, workbook.worksheets.getItem(n.sheet).getRange(n.range));
      workbook.settings.add(CHOICE_SETTING, JSON.stringify(choice));
      const indicators = layout.sheets.find((s) => s.role === "indicators")!;
      const first = layout.indicatorRows[0];
      const sheet = workbook.worksheets.getItem(indicators.name);
      sheet.activate();
      if (first) sheet.getRange(first.women ?? first.total).select();
    });
    return plan;
  });
}

function writeSheet(
  workbook: Excel.Workbook,
  spec: SheetSpec,
  position: number,
  exists: boolean,
  inputs: ReadonlyMap<string, InputValue> | undefined,
  layout: TemplateLayout,
): void {
  const ws = exists ? workbook.worksheets.getItem(spec.name) : workbook.worksheets.add(spec.name);
  if (exists) {
    ws.protection.unprotect();
    ws.freezePanes.unfreeze();
    const all = ws.getRange();
    all.dataValidation.clear();
    all.clear("All");
  }
  ws.position = position;
  const write = buildSheetWrite(spec, layout.language, inputs);
  spec.columns.forEach((column, i) => {
    const letter = columnLetter(i);
    const range = ws.getRange(`${letter}:${letter}`);
    range.format.columnWidth = columnWidthPoints(column.width);
    range.columnHidden = column.hidden === true;
  });
  const range = ws.getRange(write.address);
  range.numberFormat = write.numberFormats;
  range.formulas = write.formulas;
  for (const { address, style } of write.styles) applyCellLook(ws.getRange(address), address, CELL_LOOKS[style]);
  for (const address of write.inputs) ws.getRange(address).format.protection.locked = false;
  for (const v of spec.validations) {
    const dv = ws.getRange(v.range).dataValidation;
    dv.rule = dataValidationRule(v.rule);
    dv.prompt = { showPrompt: true, title: v.prompt.title, message: v.prompt.message };
    dv.errorAlert = { showAlert: true, style: "Stop", title: v.error.title, message: v.error.message };
  }
  if (spec.freeze) {
    const { rows, columns } = spec.freeze;
    if (rows > 0 && columns > 0) ws.freezePanes.freezeAt(ws.getRange(rectAddress({ top: 0, left: 0, bottom: rows - 1, right: columns - 1 })));
    else if (rows > 0) ws.freezePanes.freezeRows(rows);
    else if (columns > 0) ws.freezePanes.freezeColumns(columns);
  }
  ws.visibility = spec.visibility === "veryHidden" ? "VeryHidden" : "Visible";
  if (spec.protect) ws.protection.protect({ allowFormatColumns: true, allowFormatRows: true });
}
