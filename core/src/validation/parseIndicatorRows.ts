import type { Catalog, Indicator } from "../catalog/Catalog";
import { findIndicator } from "../catalog/catalogQueries";
import { perFrozen } from "../catalog/perCatalog";
import { parseCellAddress } from "../layout/cellAddress";
import { LAYOUT_TEXT } from "../layout/layoutText";
import type { IndicatorRowSpec, TemplateLayout, TotalRowSpec, ValidationRule } from "../layout/TemplateLayout";
import { readNumber, readText, showValue } from "./cellValues";
import { checkRowKeys, sameFormula } from "./checkRowKeys";
import type { IssueCollector } from "./IssueCollector";
import type { IndicatorValueEntry } from "./ParsedEntries";
import { gridCell, type SheetGrid } from "./WorkbookGrid";
import { NOTE_MAX_LENGTH } from "../layout/buildIndicatorsSheet";

type NumericRule = Extract<ValidationRule, { kind: "wholeNumber" | "decimal" }>;

/** The numbers read from one row (undefined where blank or invalid). */
export interface RowNumbers {
  spec: IndicatorRowSpec;
  women?: number;
  men?: number;
  total?: number;
  blanks: Array<{ cell: string; what: { es: string; en: string } }>;
  invalid: boolean;
}

export interface IndicatorRowsResult {
  values: IndicatorValueEntry[];
  rows: Map<string, RowNumbers>;
  /** Indicators with at least one value typed. */
  started: Set<string>;
}

/** Reads and checks every row of the Indicators sheet, each on its own. */
export function parseIndicatorRows(
  catalog: Catalog,
  layout: TemplateLayout,
  grid: SheetGrid,
  sheet: string,
  issues: IssueCollector,
): IndicatorRowsResult {
  const readable = checkRowKeys(grid, sheet, keyRowsInOrder(layout, undefined), issues);
  const values: IndicatorValueEntry[] = [];
  const rows = new Map<string, RowNumbers>();
  const started = new Set<string>();

  for (const spec of layout.indicatorRows) {
    if (!readable.has(spec.key)) continue;
    const indicator = findIndicator(catalog, spec.indicator)!.indicator;
    const result: RowNumbers = { spec, blanks: [], invalid: false };
    const noteCell = gridCell(grid, spec.note);
    const note = readText(noteCell.value, NOTE_MAX_LENGTH);
    if (note.kind === "invalid") issues.add(note.code, sheet, spec.note, note.params, spec.indicator);
    const noteText = note.kind === "value" ? note.value : null;
    if (noteCell.formula) issues.add("FORMULA_IN_INPUT", sheet, spec.note, { value: showValue(noteCell.formula) }, spec.indicator);

    // The row's input cells and where each number goes (no closures: this runs for every row of every file).
    const inputs: ReadonlyArray<{ cell: string; sex?: "F" | "M"; field: "women" | "men" | "total"; what: { es: string; en: string } }> = spec.people
      ? [
          { cell: spec.women!, sex: "F", field: "women", what: WOMEN_FIELD },
          { cell: spec.men!, sex: "M", field: "men", what: MEN_FIELD },
        ]
      : [{ cell: spec.total, field: "total", what: VALUE_FIELD }];

    for (const input of inputs) {
      const cell = gridCell(grid, input.cell);
      if (cell.formula) {
        issues.add("FORMULA_IN_INPUT", sheet, input.cell, { value: showValue(cell.formula) }, spec.indicator);
        result.invalid = true;
        started.add(spec.indicator);
        continue;
      }
      const read = readNumber(cell.value, spec.rule as NumericRule);
      if (read.kind === "blank") {
        result.blanks.push({ cell: input.cell, what: input.what });
        continue;
      }
      started.add(spec.indicator);
      if (read.kind === "invalid") {
        issues.add(read.code, sheet, input.cell, read.params, spec.indicator);
        result.invalid = true;
        continue;
      }
      if (read.warning) issues.add(read.warning.code, sheet, input.cell, read.warning.params, spec.indicator);
      result[input.field] = read.value;
      const dims = input.sex ? { ...spec.dims, sex: input.sex } : { ...spec.dims };
      values.push({ indicator: spec.indicator, dims, value: read.value, note: noteText, sheet, cell: input.cell });
    }
    if (spec.people) {
      if (result.women !== undefined && result.men !== undefined) result.total = result.women + result.men;
      checkComputed(grid, sheet, spec.total, `${spec.women}+${spec.men}`, result.total, spec.indicator, issues);
    }
    checkJump(catalog, grid, sheet, spec, result.total, indicator, issues);
    rows.set(spec.key, result);
  }

  for (const total of layout.totalRows) {
    if (readable.has(total.key)) checkTotalRow(grid, sheet, total, rows, issues);
  }
  return { values, rows, started };
}

function checkTotalRow(grid: SheetGrid, sheet: string, total: TotalRowSpec, rows: Map<string, RowNumbers>, issues: IssueCollector): void {
  const parts = total.rows.map((k) => rows.get(k));
  const sum = (pick: (r: RowNumbers) => number | undefined): number | undefined => {
    let s = 0;
    for (const p of parts) {
      const v = p ? pick(p) : undefined;
      if (v === undefined) return undefined;
      s += v;
    }
    return s;
  };
  const first = parts[0]?.spec;
  const last = parts[parts.length - 1]?.spec;
  if (!first || !last) return;
  const cells: Array<[string | undefined, string | undefined, number | undefined]> = [
    [total.women, first.women && `SUM(${first.women}:${last.women})`, sum((r) => r.women)],
    [total.men, first.men && `SUM(${first.men}:${last.men})`, sum((r) => r.men)],
    [total.total, `SUM(${first.total}:${last.total})`, sum((r) => r.total)],
  ];
  for (const [cell, formula, expected] of cells) {
    if (cell && formula) checkComputed(grid, sheet, cell, formula, expected, total.indicator, issues);
  }
}

/**
 * A computed cell that still holds its formula is trusted to be recomputed (its cached value is never used).
 * One whose formula was replaced is reported; if the number typed over it disagrees with the parts, that is an
 * error, because the person who typed it believes a different total.
 */
function checkComputed(
  grid: SheetGrid,
  sheet: string,
  cell: string,
  formula: string,
  expected: number | undefined,
  indicator: string,
  issues: IssueCollector,
): void {
  if (grid.formulas === undefined) return;
  const found = gridCell(grid, cell);
  if (found.formula && sameFormula(found.formula, formula)) return;
  issues.add("COMPUTED_CELL_CHANGED", sheet, cell, { formula }, indicator);
  if (expected === undefined || found.value === null || found.value === "") return;
  if (found.value !== expected) {
    issues.add("TOTAL_MISMATCH", sheet, cell, { value: showValue(found.value), expected, formula }, indicator);
  }
}

function checkJump(
  catalog: Catalog,
  grid: SheetGrid,
  sheet: string,
  spec: IndicatorRowSpec,
  current: number | undefined,
  indicator: Indicator,
  issues: IssueCollector,
): void {
  const previous = gridCell(grid, spec.previous).value;
  if (current === undefined || typeof previous !== "number" || !Number.isFinite(previous)) return;
  const { ratio, minDifference } = catalog.settings.jumpWarning;
  if (Math.abs(current - previous) < minDifference) return;
  if (current >= previous * ratio || current * ratio <= previous) {
    issues.add("LARGE_CHANGE", sheet, spec.total, { value: current, previous }, indicator.code);
  }
}

function fieldName(header: { es: string; en: string }): { es: string; en: string } {
  return { es: `el número de ${header.es.toLowerCase()}`, en: `the number of ${header.en.toLowerCase()}` };
}

const WOMEN_FIELD = Object.freeze(fieldName(LAYOUT_TEXT.colWomen));
const MEN_FIELD = Object.freeze(fieldName(LAYOUT_TEXT.colMen));
const VALUE_FIELD = Object.freeze({ es: "el valor", en: "the value" });

/** The layout's indicator and total rows from top to bottom, sorted once per (frozen) layout. */
const keyRowsInOrder = perFrozen((layout: TemplateLayout): ReadonlyArray<IndicatorRowSpec | TotalRowSpec> => [...layout.indicatorRows, ...layout.totalRows].sort(byCell));

function byCell(a: { keyCell: string }, b: { keyCell: string }): number {
  return parseCellAddress(a.keyCell)!.row - parseCellAddress(b.keyCell)!.row;
}
