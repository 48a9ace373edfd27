import { cellAddress, parseCellAddress } from "../../../core/src/layout/cellAddress";
import { INDICATOR_COLUMNS } from "../../../core/src/layout/buildIndicatorsSheet";
import type { SheetRole, TemplateLayout } from "../../../core/src/layout/TemplateLayout";
import type { InputValue } from "./buildSheetWrite";

/** A sheet as read back from the workbook: `range.formulas` from A1 (constants, or "=…" where a formula is). */
export type FormulaGrid = ReadonlyArray<ReadonlyArray<unknown>>;

/** A sheet of the template already in the workbook. */
export interface OldSheet {
  name: string;
  grid: FormulaGrid;
}

export interface LostValue {
  sheet: string;
  cell: string;
  indicator?: string;
}

export interface CarryOver {
  /** Values to put back, by new sheet name and address. */
  inputs: Map<string, Map<string, InputValue>>;
  carried: number;
  /** Typed values that have no place in the new layout (their indicator was retired or left the institution). */
  lost: LostValue[];
  /** Indicators in the new layout that the workbook did not have, and the reverse. */
  added: string[];
  removed: string[];
}

const DELIVERABLE_INPUT_COLUMNS = [2, 3, 4, 5, 6];
const DELIVERABLE_KEY_COLUMN = 7;
const INDICATOR_INPUT_COLUMNS = [INDICATOR_COLUMNS.women, INDICATOR_COLUMNS.men, INDICATOR_COLUMNS.total, INDICATOR_COLUMNS.note];

/**
 * Keeps what staff typed when a template is refreshed: indicator and deliverable rows follow their hidden row key
 * (so rows added or removed by a catalog revision do not shift values), the cover and the roster keep their cells.
 * Formulas typed into input cells are not carried (they are errors anyway), nor are computed cells.
 */
export function carryOverInputs(layout: TemplateLayout, old: Partial<Record<SheetRole, OldSheet>>): CarryOver {
  const inputs = new Map<string, Map<string, InputValue>>();
  const lost: LostValue[] = [];
  let carried = 0;
  const put = (sheet: string, address: string, value: InputValue) => {
    const m = inputs.get(sheet) ?? new Map<string, InputValue>();
    m.set(address, value);
    inputs.set(sheet, m);
    carried++;
  };
  const nameOf = (role: SheetRole) => layout.sheets.find((s) => s.role === role)?.name;
  const oldIndicators = new Set<string>();

  const cover = old.cover;
  const coverName = nameOf("cover");
  if (cover && coverName) {
    const v = typedAt(cover.grid, layout.preparedByCell.cell);
    if (v !== undefined) put(coverName, layout.preparedByCell.cell, v);
  }

  const keyedRows = (from: OldSheet, keyColumn: number, inputColumns: number[], sheet: string | undefined, targets: Map<string, Map<number, string>>) => {
    from.grid.forEach((row, r) => {
      const key = row[keyColumn];
      if (typeof key !== "string" || !key.includes("|") || key.endsWith("|*total")) return;
      const indicator = key.split("|")[0]!;
      oldIndicators.add(indicator);
      const target = targets.get(key);
      for (const c of inputColumns) {
        const v = typed(row[c]);
        if (v === undefined) continue;
        const address = target?.get(c);
        if (address && sheet) put(sheet, address, v);
        else lost.push({ sheet: from.name, cell: cellAddress(r, c), indicator });
      }
    });
  };

  if (old.indicators) {
    const targets = new Map<string, Map<number, string>>();
    for (const row of layout.indicatorRows) {
      const cells = [row.women, row.men, row.people ? undefined : row.total, row.note].filter((a): a is string => a !== undefined);
      targets.set(row.key, new Map(cells.map((a) => [parseCellAddress(a)!.column, a])));
    }
    keyedRows(old.indicators, INDICATOR_COLUMNS.key, INDICATOR_INPUT_COLUMNS, nameOf("indicators"), targets);
  }
  if (old.deliverables) {
    const targets = new Map<string, Map<number, string>>();
    for (const row of layout.deliverableRows) {
      targets.set(row.key, new Map([row.status, row.progress, row.date, row.reference, row.note].map((a) => [parseCellAddress(a)!.column, a])));
    }
    keyedRows(old.deliverables, DELIVERABLE_KEY_COLUMN, DELIVERABLE_INPUT_COLUMNS, nameOf("deliverables"), targets);
  }
  if (old.roster) {
    const roster = layout.roster;
    const from = old.roster;
    from.grid.forEach((row, r) => {
      // Roster entry rows start under the header (row 5) in every layout version so far.
      if (r < 4) return;
      row.forEach((cell, c) => {
        if (c < 1 || c > 9) return;
        const v = typed(cell);
        if (v === undefined) return;
        if (roster && r >= roster.firstRow && r <= roster.lastRow) put(roster.sheet, cellAddress(r, c), v);
        else lost.push({ sheet: from.name, cell: cellAddress(r, c) });
      });
    });
  }

  const now = new Set([...layout.indicatorRows, ...layout.deliverableRows].map((r) => r.indicator));
  const hadTemplate = old.indicators !== undefined;
  return {
    inputs,
    carried,
    lost,
    added: hadTemplate ? [...now].filter((c) => !oldIndicators.has(c)) : [],
    removed: [...oldIndicators].filter((c) => !now.has(c)),
  };
}

function typedAt(grid: FormulaGrid, address: string): InputValue | undefined {
  const pos = parseCellAddress(address)!;
  return typed(grid[pos.row]?.[pos.column]);
}

function typed(value: unknown): InputValue | undefined {
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value !== "string" || value.trim() === "" || value.startsWith("=")) return undefined;
  return value;
}
