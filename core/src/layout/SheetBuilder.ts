import { EXCEL_MAX_COLUMNS, cellAddress } from "./cellAddress";
import type { CellSpec, CellStyle, DataValidationSpec, NumberFormat, SheetRole, SheetSpec, ValidationRule } from "./TemplateLayout";

type Prompt = DataValidationSpec["prompt"];
type Alert = DataValidationSpec["error"];

/** Accumulates one sheet's cells and validations; validations on adjacent cells of a column are merged. */
export class SheetBuilder {
  /** By address (a cell put twice keeps the last); `order` sorts them by row, then column. */
  private readonly cells = new Map<string, { order: number; spec: CellSpec }>();
  private readonly pending: Array<{ row: number; column: number; rule: ValidationRule; prompt: Prompt; error: Alert }> = [];
  private maxRow = 0;
  private maxColumn = 0;

  constructor(
    readonly role: SheetRole,
    readonly name: string,
    private readonly columns: SheetSpec["columns"],
  ) {
    this.maxColumn = columns.length - 1;
  }

  put(row: number, column: number, cell: Omit<CellSpec, "address">): string {
    const address = cellAddress(row, column);
    this.cells.set(address, { order: row * EXCEL_MAX_COLUMNS + column, spec: { address, ...cell } });
    this.maxRow = Math.max(this.maxRow, row);
    this.maxColumn = Math.max(this.maxColumn, column);
    return address;
  }

  text(row: number, column: number, value: string | number, style: CellStyle, format: NumberFormat = "general"): string {
    return this.put(row, column, { value, style, format, locked: true });
  }

  /** A locked cell that only carries a look (an unused or styled blank cell). */
  blank(row: number, column: number, style: CellStyle): string {
    return this.put(row, column, { style, format: "general", locked: true });
  }

  input(row: number, column: number, format: NumberFormat, rule: ValidationRule, prompt: Prompt, error: Alert): string {
    this.pending.push({ row, column, rule, prompt, error });
    return this.put(row, column, { style: "input", format, locked: false });
  }

  formula(row: number, column: number, formula: string, style: CellStyle, format: NumberFormat): string {
    return this.put(row, column, { formula, style, format, locked: true });
  }

  build(options: { visibility?: SheetSpec["visibility"]; protect: boolean; freeze?: SheetSpec["freeze"] }): SheetSpec {
    const cells = [...this.cells.values()].sort((a, b) => a.order - b.order).map((c) => c.spec);
    const spec: SheetSpec = {
      role: this.role,
      name: this.name,
      visibility: options.visibility ?? "visible",
      protect: options.protect,
      extent: { rows: this.maxRow + 1, columns: this.maxColumn + 1 },
      columns: this.columns,
      cells,
      validations: this.mergeValidations(),
    };
    if (options.freeze) spec.freeze = options.freeze;
    return spec;
  }

  private mergeValidations(): DataValidationSpec[] {
    const sorted = [...this.pending].sort((a, b) => a.column - b.column || a.row - b.row);
    const out: DataValidationSpec[] = [];
    type Pending = (typeof sorted)[number];
    let run: { start: Pending; endRow: number } | undefined;
    // Rows of a column usually share the very same rule, prompt and alert objects: compared by identity first.
    const same = (a: Pending, b: Pending) =>
      (a.rule === b.rule && a.prompt === b.prompt && a.error === b.error) || JSON.stringify([a.rule, a.prompt, a.error]) === JSON.stringify([b.rule, b.prompt, b.error]);
    const flush = () => {
      if (!run) return;
      const { start, endRow } = run;
      const from = cellAddress(start.row, start.column);
      const range = endRow === start.row ? from : `${from}:${cellAddress(endRow, start.column)}`;
      out.push({ range, rule: start.rule, prompt: start.prompt, error: start.error });
    };
    for (const v of sorted) {
      if (run && run.start.column === v.column && run.endRow + 1 === v.row && same(run.start, v)) {
        run.endRow = v.row;
        continue;
      }
      flush();
      run = { start: v, endRow: v.row };
    }
    flush();
    return out;
  }
}
