import type { LocalizedText } from "../../../core/src/i18n/Language";
import type { ColumnSpec, DatasetSpec, ParseEnv, RowReader } from "./DatasetSpec";
import { isExcelError, type CellRead } from "./masterCells";
import { MASTER_ISSUE_SEVERITY, masterIssue, type MasterIssue, type MasterIssueCode } from "./MasterIssue";
import { matchColumns, type ColumnMatch } from "./matchColumns";
import type { RawRow, RawTable } from "./RawTable";

export interface Validated<R> {
  /** Rows without errors (all rows when the file has none). */
  rows: R[];
  issues: MasterIssue[];
}

/** Rows checked between two turns of the event loop (and two progress reports). */
const ROWS_PER_TURN = 10_000;

/**
 * Checks a table against a dataset's format: the header row, then each row on its own so that one bad row
 * never hides another, then repeats. Every problem is listed; the caller refuses the load on any error. Every
 * ROWS_PER_TURN rows it reports progress and lets the event loop turn, so that Ctrl+C is seen within a fraction of
 * a second rather than after all the rows (200,000 take a second or two); an aborted `signal` then ends it with
 * the signal's reason.
 */
export async function validateTable<F extends string, R>(
  spec: DatasetSpec<F, R>,
  table: RawTable,
  env: Omit<ParseEnv, "date1904">,
  progress?: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<Validated<R>> {
  const match = matchColumns(spec.columns, table);
  const issues = [...match.issues];
  if (issues.some((i) => i.severity === "error")) return { rows: [], issues };
  if (table.rows.length === 0) {
    issues.push(
      masterIssue("NO_DATA_ROWS", null, null, {
        es: "El archivo tiene encabezados pero ninguna fila de datos: no se cargó (una carga vacía borraría los datos vigentes).",
        en: "The file has headers but no data rows: it was not loaded (an empty load would erase the current data).",
      }),
    );
    return { rows: [], issues };
  }
  const parser = spec.prepare({ ...env, date1904: table.date1904 });
  const reader = new TableRowReader(spec.columns, match, issues);
  const rows: R[] = [];
  const total = table.rows.length;
  for (let i = 0; i < total; i++) {
    const raw = table.rows[i]!;
    reader.start(raw);
    const row = parser.parse(reader);
    if (row !== null && reader.ok) rows.push(row);
    if ((i + 1) % ROWS_PER_TURN === 0) {
      progress?.(i + 1, total);
      await new Promise((resolve) => setImmediate(resolve));
      signal?.throwIfAborted();
    }
  }
  progress?.(total, total);
  return { rows, issues };
}

/** One reader reused for every row (a 100,000-row file allocates no reader per row). */
class TableRowReader<F extends string> implements RowReader<F> {
  rowNumber = 0;
  ok = true;
  private cells: readonly unknown[] = [];
  /** Field and key → the row where the key first appeared. */
  private readonly firstRowOf = new Map<string, number>();
  private readonly specs: Map<F, ColumnSpec<F>>;

  constructor(
    columns: ReadonlyArray<ColumnSpec<F>>,
    private readonly match: ColumnMatch<F>,
    private readonly issues: MasterIssue[],
  ) {
    this.specs = new Map(columns.map((c) => [c.field, c]));
  }

  start(row: RawRow): void {
    this.rowNumber = row.rowNumber;
    this.cells = row.cells;
    this.ok = true;
  }

  take<T>(field: F, read: (value: unknown) => CellRead<T>): T | null {
    const position = this.match.positions.get(field);
    const value = position === undefined ? undefined : this.cells[position];
    if (isExcelError(value)) {
      this.fail(field, "EXCEL_ERROR_VALUE", {
        es: `La celda tiene el error de Excel ${value.trim()}: corrija la fórmula o escriba el valor.`,
        en: `The cell holds the Excel error ${value.trim()}: fix the formula or type the value.`,
      });
      return null;
    }
    const result = read(value);
    if (result.kind === "value") return result.value;
    if (result.kind === "invalid") this.fail(field, result.code, result.message);
    else if (this.spec(field).required) this.fail(field, "REQUIRED", requiredText(this.spec(field).what));
    return null;
  }

  fail(field: F, code: MasterIssueCode, message: LocalizedText): void {
    if (MASTER_ISSUE_SEVERITY[code] === "error") this.ok = false;
    this.issues.push(masterIssue(code, this.rowNumber, this.match.headers.get(field) ?? this.spec(field).names[0]!, message));
  }

  unique(field: F, key: string, issue: (firstRow: number) => { code: MasterIssueCode; message: LocalizedText }): void {
    const id = `${field}\u0000${key}`;
    const first = this.firstRowOf.get(id);
    if (first === undefined) this.firstRowOf.set(id, this.rowNumber);
    else {
      const { code, message } = issue(first);
      this.fail(field, code, message);
    }
  }

  private spec(field: F): ColumnSpec<F> {
    const spec = this.specs.get(field);
    if (!spec) throw new Error(`no column spec for field ${field}`);
    return spec;
  }
}

function requiredText(what: LocalizedText): LocalizedText {
  return {
    es: `Falta ${what.es}: complete la celda (esta columna es obligatoria).`,
    en: `${what.en.charAt(0).toUpperCase()}${what.en.slice(1)} is missing: fill in the cell (this column is required).`,
  };
}
