import { parseCellAddress } from "../../core/src/layout/cellAddress";
import type { TemplateLayout } from "../../core/src/layout/TemplateLayout";
import type { SheetGrid, WorkbookGrid } from "../../core/src/validation/WorkbookGrid";
import { evaluateFormula } from "./evaluateFormula";

/** A filled template in memory, as Office.js would return it: values (formulas computed) and formulas. */
export class GridBuilder {
  private readonly sheets = new Map<string, { values: unknown[][]; formulas: unknown[][] }>();

  static fromLayout(layout: TemplateLayout): GridBuilder {
    const g = new GridBuilder();
    for (const sheet of layout.sheets) {
      const values = Array.from({ length: sheet.extent.rows }, () => Array<unknown>(sheet.extent.columns).fill(null));
      const formulas = Array.from({ length: sheet.extent.rows }, () => Array<unknown>(sheet.extent.columns).fill(null));
      g.sheets.set(sheet.name, { values, formulas });
      for (const cell of sheet.cells) {
        const pos = parseCellAddress(cell.address)!;
        if (cell.formula) formulas[pos.row]![pos.column] = `=${cell.formula}`;
        else if (cell.value !== undefined) values[pos.row]![pos.column] = cell.value;
      }
    }
    return g.recalc();
  }

  set(sheet: string, address: string, value: unknown): this {
    const s = this.sheet(sheet);
    const pos = parseCellAddress(address)!;
    const text = typeof value === "string" && value.startsWith("=") ? value : null;
    s.formulas[pos.row]![pos.column] = text;
    s.values[pos.row]![pos.column] = text ? null : value;
    return this.recalc();
  }

  get(sheet: string, address: string): unknown {
    const pos = parseCellAddress(address)!;
    return this.sheet(sheet).values[pos.row]![pos.column];
  }

  deleteSheet(sheet: string): this {
    this.sheets.delete(sheet);
    return this;
  }

  /** Removes a whole row, shifting the rows below up (what a user's "Delete row" does). */
  deleteRow(sheet: string, row: number): this {
    const s = this.sheet(sheet);
    s.values.splice(row - 1, 1);
    s.formulas.splice(row - 1, 1);
    return this;
  }

  grid(options: { withFormulas?: boolean } = {}): WorkbookGrid {
    const out = new Map<string, SheetGrid>();
    for (const [name, s] of this.sheets) {
      out.set(name, options.withFormulas === false ? { values: s.values } : { values: s.values, formulas: s.formulas });
    }
    return out;
  }

  private recalc(): this {
    for (const s of this.sheets.values()) {
      s.formulas.forEach((row, r) =>
        row.forEach((f, c) => {
          if (typeof f === "string" && f.startsWith("=")) {
            try {
              s.values[r]![c] = evaluateFormula(f, (rr, cc) => s.values[rr]?.[cc]);
            } catch {
              s.values[r]![c] = "#NAME?";
            }
          }
        }),
      );
    }
    return this;
  }

  private sheet(name: string) {
    const s = this.sheets.get(name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }
}
