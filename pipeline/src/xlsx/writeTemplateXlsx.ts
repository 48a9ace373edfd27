import ExcelJS from "exceljs";
import { CELL_LOOKS, numberFormatCode } from "../../../core/src/layout/cellStyles";
import { columnLetter, parseCellAddress } from "../../../core/src/layout/cellAddress";
import { evaluateLayoutFormula } from "../../../core/src/layout/evaluateLayoutFormula";
import type { CellSpec, DataValidationSpec, MetaKey, TemplateLayout } from "../../../core/src/layout/TemplateLayout";

export type InputValue = string | number | boolean | null;

export interface TemplateXlsxOptions {
  /** Values to put in input cells, by sheet name and A1 address (a filled template). */
  inputs?: ReadonlyMap<string, ReadonlyMap<string, InputValue>>;
  /** Metadata values to stamp beyond the layout's own (generatedAt, readyAt, …). */
  meta?: Partial<Record<MetaKey, string>>;
  /** The workbook's created/modified time; fixed in tests so files are reproducible. */
  now?: Date;
}

/**
 * Writes the entry workbook from the core layout with ExcelJS: the same cells, looks, data validations, input
 * prompts, locked cells, named ranges and metadata the add-in writes through Office.js, so an institution without
 * the add-in can still report. Computed cells keep their formulas, with cached results computed here.
 */
export async function writeTemplateXlsx(layout: TemplateLayout, options: TemplateXlsxOptions = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const now = options.now ?? new Date();
  wb.creator = "PA1325";
  wb.lastModifiedBy = "PA1325";
  wb.created = now;
  wb.modified = now;
  wb.calcProperties.fullCalcOnLoad = true;

  for (const sheet of layout.sheets) {
    const ws = wb.addWorksheet(sheet.name, {
      state: sheet.visibility,
      views: sheet.freeze ? [{ state: "frozen", xSplit: sheet.freeze.columns, ySplit: sheet.freeze.rows }] : [{}],
    });
    // Staff print the sheets to check them: landscape, as wide as the page.
    ws.pageSetup = { orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
    sheet.columns.forEach((c, i) => {
      const col = ws.getColumn(i + 1);
      col.width = c.width;
      if (c.hidden) col.hidden = true;
    });
    const inputs = options.inputs?.get(sheet.name);
    const meta = sheet.role === "meta" ? metaOverrides(layout, options.meta) : undefined;
    const values = new Map<string, unknown>();
    for (const cell of sheet.cells) {
      const v = cell.locked ? (meta?.get(cell.address) ?? cell.value) : inputs?.get(cell.address);
      if (v !== undefined && v !== null && cell.formula === undefined) values.set(cell.address, v);
    }
    // Cells come in row order, so a total's parts are computed before the total itself.
    const results = new Map<string, number>();
    const at = (r: number, c: number) => {
      const address = `${columnLetter(c)}${r + 1}`;
      return results.get(address) ?? values.get(address);
    };
    for (const cell of sheet.cells) {
      if (cell.formula !== undefined) results.set(cell.address, evaluateLayoutFormula(cell.formula, at));
    }
    for (const cell of sheet.cells) writeCell(ws, cell, cell.formula !== undefined ? results.get(cell.address) : values.get(cell.address), layout);
    const validations = (ws as ExcelJS.Worksheet & { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
    for (const v of sheet.validations) validations.add(v.range, toExcelValidation(v));
    if (sheet.protect) {
      await ws.protect("", { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
    }
  }
  for (const n of layout.names) wb.definedNames.add(`${quoteSheet(n.sheet)}!${absolute(n.range)}`, n.name);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function writeCell(ws: ExcelJS.Worksheet, spec: CellSpec, value: unknown, layout: TemplateLayout): void {
  const cell = ws.getCell(spec.address);
  if (spec.formula !== undefined) cell.value = { formula: spec.formula, result: value } as ExcelJS.CellFormulaValue;
  else if (value !== undefined) cell.value = toCellValue(value, spec.format);
  const look = CELL_LOOKS[spec.style];
  const font: Partial<ExcelJS.Font> = {};
  if (look.bold) font.bold = true;
  if (look.italic) font.italic = true;
  if (look.size) font.size = look.size;
  if (look.color) font.color = { argb: `FF${look.color}` };
  if (Object.keys(font).length > 0) cell.font = font;
  if (look.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: `FF${look.fill}` } };
  if (look.border) {
    const side: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FFBFBFBF" } };
    cell.border = { top: side, left: side, bottom: side, right: side };
  }
  cell.alignment = look.wrap ? { wrapText: true, vertical: "top" } : { vertical: "top" };
  if (spec.format !== "general") cell.numFmt = numberFormatCode(spec.format, layout.language);
  cell.protection = { locked: spec.locked };
}

function toCellValue(v: unknown, format: CellSpec["format"]): ExcelJS.CellValue {
  if (format === "date" && typeof v === "string" && /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(v)) {
    const [y, m, d] = v.split("-").map(Number);
    return new Date(Date.UTC(y!, m! - 1, d!));
  }
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  return String(v);
}

function toExcelValidation(v: DataValidationSpec): ExcelJS.DataValidation {
  const common = {
    allowBlank: true,
    showInputMessage: true,
    promptTitle: v.prompt.title,
    prompt: v.prompt.message,
    showErrorMessage: true,
    errorStyle: "stop" as const,
    errorTitle: v.error.title,
    error: v.error.message,
  };
  const rule = v.rule;
  switch (rule.kind) {
    case "wholeNumber":
      return { ...common, type: "whole", operator: "between", formulae: [rule.min, rule.max] };
    case "decimal":
      return { ...common, type: "decimal", operator: "between", formulae: [rule.min, rule.max] };
    case "list":
      if (rule.values.some((x) => x.includes(","))) throw new RangeError(`a list value cannot hold a comma: ${rule.values.join(" | ")}`);
      return { ...common, type: "list", formulae: [`"${rule.values.map((x) => x.replace(/"/g, '""')).join(",")}"`] };
    case "date":
      return { ...common, type: "date", operator: "between", formulae: [new Date(`${rule.min}T00:00:00Z`), new Date(`${rule.max}T00:00:00Z`)] };
    case "textLength":
      return { ...common, type: "textLength", operator: "lessThanOrEqual", formulae: [rule.max] };
  }
}

function metaOverrides(layout: TemplateLayout, meta: TemplateXlsxOptions["meta"]): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(meta ?? {}) as Array<[MetaKey, string | undefined]>) {
    const address = layout.metadata.cells[key];
    if (address && value !== undefined) out.set(address, value);
  }
  return out;
}

function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function absolute(range: string): string {
  return range
    .split(":")
    .map((a) => {
      const p = parseCellAddress(a);
      if (!p) throw new RangeError(`not a cell address: ${a}`);
      return a.replace(/^\$?([A-Z]+)\$?([0-9]+)$/, "$$$1$$$2");
    })
    .join(":");
}
