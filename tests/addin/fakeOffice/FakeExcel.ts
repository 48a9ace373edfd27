import { cellAddress, parseCellAddress } from "../../../core/src/layout/cellAddress";
import { isoToExcelSerial } from "../../../core/src/validation/cellValues";
import { evaluateFormula } from "../../helpers/evaluateFormula";

/**
 * A small in-memory Excel that keeps Office.js's batching semantics, so the adapter is tested the way Excel runs
 * it: methods return proxies at once; property writes and method calls are queued and applied in order at
 * `context.sync()`; reading a property that was not loaded and synced throws PropertyNotLoaded; a failing
 * operation rejects the sync and drops the rest of the batch; proxies die with their Excel.run. It counts syncs
 * and raises onChanged events (unless the add-in turned its events off). Used by the jest adapter tests and,
 * bundled, in place of office.js in the browser test.
 */

export class FakeOfficeError extends Error {
  readonly debugInfo: { code: string; message: string };
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
    this.debugInfo = { code, message };
  }
}

export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface CellLookState {
  fill?: string;
  bold?: boolean;
  italic?: boolean;
  size?: number;
  color?: string;
  wrap?: boolean;
  borders?: string[];
}

export interface CellState {
  value: unknown;
  formula?: string;
  numberFormat: string;
  locked: boolean;
  look: CellLookState;
}

export interface ValidationState {
  rect: Rect;
  rule: Record<string, Record<string, unknown>>;
  prompt?: { showPrompt: boolean; title: string; message: string };
  errorAlert?: { showAlert: boolean; style: string; title: string; message: string };
}

export interface ChangeEvent {
  type: "WorksheetChanged";
  worksheetId: string;
  address: string;
  changeType: "RangeEdited";
  source: "Local";
}

type Handler = (event: ChangeEvent) => Promise<unknown>;

const MAX_ROW = 1_048_575;
const MAX_COLUMN = 16_383;

export class SheetState {
  visibility = "Visible";
  protected = false;
  protectionOptions: Record<string, boolean> = {};
  readonly cells = new Map<string, CellState>();
  validations: ValidationState[] = [];
  readonly columnWidths = new Map<number, number>();
  readonly hiddenColumns = new Set<number>();
  freeze: { rows: number; columns: number } | undefined;
  readonly handlers = new Set<Handler>();
  constructor(
    readonly id: string,
    public name: string,
  ) {}

  cell(row: number, column: number): CellState | undefined {
    return this.cells.get(`${row},${column}`);
  }

  ensure(row: number, column: number): CellState {
    const key = `${row},${column}`;
    let c = this.cells.get(key);
    if (!c) {
      c = { value: "", numberFormat: "General", locked: true, look: {} };
      this.cells.set(key, c);
    }
    return c;
  }
}

export interface FakeExcelOptions {
  /** The highest ExcelApi requirement set this "Excel" supports, e.g. "1.8". */
  excelApi?: string;
}

/** The workbook and the Excel namespace (`run`) over it. */
export class FakeExcel {
  readonly sheets: SheetState[] = [new SheetState("{sheet-1}", "Sheet1")];
  readonly names = new Map<string, { sheet: string; address: string }>();
  readonly settings = new Map<string, unknown>();
  enableEvents = true;
  selection = { sheet: "Sheet1", address: "A1" };
  syncCount = 0;
  runCount = 0;
  /** Operations queued in the largest single sync: what a request to Excel on the web would carry. */
  largestBatch = 0;
  calculationSuspensions = 0;
  screenSuspensions = 0;
  eventsRaised = 0;
  private nextSheetId = 2;
  readonly excelApi: string;

  constructor(options: FakeExcelOptions = {}) {
    this.excelApi = options.excelApi ?? "1.9";
  }

  isSetSupported(name: string, version: string): boolean {
    return name === "ExcelApi" && compareVersions(version, this.excelApi) <= 0;
  }

  /** `Excel.run(batch)` or `Excel.run(context, batch)`. */
  async run<T>(first: unknown, second?: unknown): Promise<T> {
    const reuse = typeof first !== "function" ? (first as FakeContext) : undefined;
    const batch = (reuse ? second : first) as (ctx: FakeContext) => Promise<T>;
    const context = reuse ?? new FakeContext(this);
    context.closed = false;
    this.runCount++;
    try {
      const result = await batch(context);
      if (context.pending.length > 0) await context.sync();
      return result;
    } finally {
      context.closed = true;
    }
  }

  sheet(name: string): SheetState {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist: worksheet ${name}.`);
    return s;
  }

  addSheet(name: string): SheetState {
    if (this.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) throw new FakeOfficeError("ItemAlreadyExists", `A worksheet named ${name} already exists.`);
    const s = new SheetState(`{sheet-${this.nextSheetId++}}`, name);
    this.sheets.push(s);
    return s;
  }

  /** The value Office.js reports for a cell ("" when empty; formulas computed). */
  value(sheet: string, address: string): unknown {
    const p = pos(address);
    return this.sheet(sheet).cell(p.row, p.column)?.value ?? "";
  }

  cell(sheet: string, address: string): CellState | undefined {
    const p = pos(address);
    return this.sheet(sheet).cell(p.row, p.column);
  }

  validationAt(sheet: string, address: string): ValidationState | undefined {
    const p = pos(address);
    return this.sheet(sheet).validations.find((v) => inRect(v.rect, p.row, p.column));
  }

  /**
   * A person typing into a cell and pressing Enter: refused on a locked cell of a protected sheet and, like
   * Excel's "Stop" alert, when the cell's data validation rejects it. Text is read as Excel reads it.
   */
  type(sheetName: string, address: string, text: string): { accepted: boolean; reason?: "protected" | "validation" } {
    const sheet = this.sheet(sheetName);
    const p = pos(address);
    const existing = sheet.cell(p.row, p.column);
    if (sheet.protected && (existing?.locked ?? true)) return { accepted: false, reason: "protected" };
    const entry = parseEntry(text, existing?.numberFormat ?? "General");
    const validation = sheet.validations.find((v) => inRect(v.rect, p.row, p.column));
    if (validation && entry.formula === undefined && !passes(validation, entry.value)) return { accepted: false, reason: "validation" };
    this.setCell(sheet, p.row, p.column, entry);
    this.afterChange([{ sheet, rect: { top: p.row, left: p.column, bottom: p.row, right: p.column } }]);
    return { accepted: true };
  }

  /** A plain paste of values from another program: no data validation (Excel's own is bypassed), protection holds. */
  paste(sheetName: string, topLeft: string, rows: unknown[][]): void {
    const sheet = this.sheet(sheetName);
    const p = pos(topLeft);
    const rect = { top: p.row, left: p.column, bottom: p.row + rows.length - 1, right: p.column + (rows[0]?.length ?? 1) - 1 };
    forEachCell(rect, (r, c) => {
      if (sheet.protected && (sheet.cell(r, c)?.locked ?? true)) throw new Error(`paste onto a locked cell ${cellAddress(r, c)}`);
    });
    rows.forEach((row, i) => row.forEach((v, j) => this.setCell(sheet, p.row + i, p.column + j, parseEntry(v, sheet.cell(p.row + i, p.column + j)?.numberFormat ?? "General"))));
    this.afterChange([{ sheet, rect }]);
  }

  setCell(sheet: SheetState, row: number, column: number, entry: { value: unknown; formula?: string }): void {
    const cell = sheet.ensure(row, column);
    cell.formula = entry.formula;
    cell.value = entry.formula === undefined ? entry.value : 0;
  }

  /** Recomputes formulas and raises change events after a change. */
  afterChange(changes: Array<{ sheet: SheetState; rect: Rect }>): void {
    this.recalc();
    if (!this.enableEvents) return;
    for (const { sheet, rect } of changes) {
      const event: ChangeEvent = { type: "WorksheetChanged", worksheetId: sheet.id, address: rectAddress(rect), changeType: "RangeEdited", source: "Local" };
      for (const h of sheet.handlers) {
        this.eventsRaised++;
        setTimeout(() => void h(event), 0);
      }
    }
  }

  recalc(): void {
    for (const sheet of this.sheets) {
      const formulas = [...sheet.cells.entries()].filter(([, c]) => c.formula !== undefined);
      formulas.sort(([a], [b]) => compareKeys(a, b));
      for (const [, c] of formulas) {
        try {
          c.value = evaluateFormula(c.formula!, (r, col) => sheet.cell(r, col)?.value);
        } catch {
          c.value = "#NAME?";
        }
      }
    }
  }
}

/** One Excel.run's request context: the queue of pending operations and the proxies' home. */
export class FakeContext {
  pending: Array<() => void> = [];
  closed = false;
  changes: Array<{ sheet: SheetState; rect: Rect }> = [];
  readonly workbook: WorkbookProxy;
  readonly runtime: { enableEvents: boolean };
  constructor(readonly excel: FakeExcel) {
    this.workbook = new WorkbookProxy(this);
    const setEvents = (on: boolean) =>
      this.queue(() => {
        this.excel.enableEvents = on;
      });
    this.runtime = {
      set enableEvents(on: boolean) {
        setEvents(on);
      },
      get enableEvents(): boolean {
        throw new FakeOfficeError("PropertyNotLoaded", "runtime.enableEvents was not loaded");
      },
    };
  }

  queue(op: () => void): void {
    if (this.closed) throw new FakeOfficeError("InvalidObjectPath", "The object path isn't working: its Excel.run has ended.");
    this.pending.push(op);
  }

  async sync(): Promise<void> {
    if (this.closed) throw new FakeOfficeError("InvalidObjectPath", "context.sync() after Excel.run ended.");
    this.excel.syncCount++;
    const ops = this.pending.splice(0);
    this.excel.largestBatch = Math.max(this.excel.largestBatch, ops.length);
    this.changes = [];
    await Promise.resolve();
    try {
      for (const op of ops) op();
    } finally {
      const changes = this.changes;
      this.changes = [];
      this.excel.afterChange(changes);
    }
  }
}

/** Shared by all proxies: loaded properties, readable only after a sync. */
class Proxy {
  protected readonly loaded = new Map<string, unknown>();
  constructor(readonly context: FakeContext) {}

  protected read<T>(prop: string): T {
    if (!this.loaded.has(prop)) {
      throw new FakeOfficeError(
        "PropertyNotLoaded",
        `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    }
    return this.loaded.get(prop) as T;
  }

  /** `load("a,b")` or `load(["a", "b"])`: the values are taken when the queue reaches this point. */
  load(props: string | string[]): this {
    const list = (Array.isArray(props) ? props : props.split(",")).map((p) => p.trim()).filter(Boolean);
    if (list.length === 0) throw new FakeOfficeError("InvalidArgument", "load() with no property is not allowed here");
    this.context.queue(() => {
      for (const p of list) this.loaded.set(p, this.snapshot(p));
    });
    return this;
  }

  protected snapshot(prop: string): unknown {
    throw new FakeOfficeError("InvalidArgument", `The property '${prop}' cannot be loaded in this fake.`);
  }
}

class WorkbookProxy {
  readonly worksheets: WorksheetCollectionProxy;
  readonly names: NamedItemCollectionProxy;
  readonly settings: SettingCollectionProxy;
  readonly application: { suspendApiCalculationUntilNextSync(): void; suspendScreenUpdatingUntilNextSync(): void };
  constructor(context: FakeContext) {
    this.worksheets = new WorksheetCollectionProxy(context);
    this.names = new NamedItemCollectionProxy(context);
    this.settings = new SettingCollectionProxy(context);
    const excel = context.excel;
    this.application = {
      suspendApiCalculationUntilNextSync: () => context.queue(() => void excel.calculationSuspensions++),
      suspendScreenUpdatingUntilNextSync: () => {
        if (!excel.isSetSupported("ExcelApi", "1.9")) throw new FakeOfficeError("ApiNotFound", "suspendScreenUpdatingUntilNextSync needs ExcelApi 1.9");
        context.queue(() => void excel.screenSuspensions++);
      },
    };
  }
}

class WorksheetCollectionProxy extends Proxy {
  getItem(name: string): WorksheetProxy {
    return new WorksheetProxy(this.context, () => this.context.excel.sheet(name));
  }

  getItemOrNullObject(name: string): WorksheetProxy {
    const ws = new WorksheetProxy(this.context, () => this.context.excel.sheet(name));
    ws.checkNull(() => this.context.excel.sheets.some((s) => s.name === name));
    return ws;
  }

  add(name: string): WorksheetProxy {
    this.context.queue(() => void this.context.excel.addSheet(name));
    return new WorksheetProxy(this.context, () => this.context.excel.sheet(name));
  }

  get items(): WorksheetProxy[] {
    return this.read("items");
  }

  protected override snapshot(prop: string): unknown {
    if (prop !== "items/name") return super.snapshot(prop);
    return this.context.excel.sheets.map((s) => {
      const ws = new WorksheetProxy(this.context, () => this.context.excel.sheet(s.name));
      ws.preload("name", s.name);
      return ws;
    });
  }

  override load(props: string | string[]): this {
    super.load(props);
    this.context.queue(() => this.loaded.set("items", this.loaded.get("items/name")));
    return this;
  }
}

class WorksheetProxy extends Proxy {
  readonly protection: { protect(options?: Record<string, boolean>): void; unprotect(): void };
  readonly freezePanes: { freezeAt(range: RangeProxy | string): void; freezeRows(n: number): void; freezeColumns(n: number): void; unfreeze(): void };
  readonly onChanged: { add(handler: Handler): { context: FakeContext; remove(): void } };
  constructor(
    context: FakeContext,
    readonly resolve: () => SheetState,
  ) {
    super(context);
    const q = (f: (s: SheetState) => void) => context.queue(() => f(resolve()));
    this.protection = {
      protect: (options = {}) =>
        q((s) => {
          if (s.protected) throw new FakeOfficeError("InvalidOperation", `The sheet ${s.name} is already protected.`);
          s.protected = true;
          s.protectionOptions = options;
        }),
      unprotect: () => q((s) => void (s.protected = false)),
    };
    this.freezePanes = {
      freezeAt: (range) =>
        q((s) => {
          const rect = typeof range === "string" ? parseRect(range) : range.rect();
          s.freeze = { rows: rect.bottom + 1, columns: rect.right + 1 };
        }),
      freezeRows: (n) => q((s) => void (s.freeze = { rows: n, columns: 0 })),
      freezeColumns: (n) => q((s) => void (s.freeze = { rows: 0, columns: n })),
      unfreeze: () => q((s) => void (s.freeze = undefined)),
    };
    this.onChanged = {
      add: (handler) => {
        q((s) => void s.handlers.add(handler));
        return { context, remove: () => q((s) => void s.handlers.delete(handler)) };
      },
    };
  }

  preload(prop: string, value: unknown): void {
    this.loaded.set(prop, value);
  }

  checkNull(exists: () => boolean): void {
    this.context.queue(() => this.loaded.set("isNullObject", !exists()));
  }

  get isNullObject(): boolean {
    return this.read("isNullObject");
  }

  get name(): string {
    return this.read("name");
  }

  set visibility(v: string) {
    this.context.queue(() => void (this.resolve().visibility = v));
  }

  set position(n: number) {
    this.context.queue(() => {
      const s = this.resolve();
      const list = this.context.excel.sheets;
      list.splice(list.indexOf(s), 1);
      list.splice(Math.min(n, list.length), 0, s);
    });
  }

  protected override snapshot(prop: string): unknown {
    const s = this.resolve();
    if (prop === "name") return s.name;
    if (prop === "visibility") return s.visibility;
    return super.snapshot(prop);
  }

  getRange(address?: string): RangeProxy {
    return new RangeProxy(this.context, this.resolve, () => (address === undefined ? { top: 0, left: 0, bottom: MAX_ROW, right: MAX_COLUMN } : parseRect(address)));
  }

  getUsedRange(): RangeProxy {
    return new RangeProxy(this.context, this.resolve, () => usedRect(this.resolve()));
  }

  activate(): void {
    this.context.queue(() => {
      const s = this.resolve();
      this.context.excel.selection = { sheet: s.name, address: "A1" };
    });
  }

  delete(): void {
    this.context.queue(() => {
      const s = this.resolve();
      this.context.excel.sheets.splice(this.context.excel.sheets.indexOf(s), 1);
    });
  }
}

class RangeProxy extends Proxy {
  readonly format: ReturnType<RangeProxy["makeFormat"]>;
  readonly dataValidation: ReturnType<RangeProxy["makeValidation"]>;
  constructor(
    context: FakeContext,
    readonly sheet: () => SheetState,
    readonly rect: () => Rect,
  ) {
    super(context);
    this.format = this.makeFormat();
    this.dataValidation = this.makeValidation();
  }

  private write(kind: "content" | "format" | "columns", apply: (s: SheetState, rect: Rect) => void): void {
    this.context.queue(() => {
      const s = this.sheet();
      const rect = this.rect();
      if (s.protected) {
        if (kind === "content") forEachCell(rect, (r, c) => assertUnlocked(s, r, c));
        else if (kind === "format" && !s.protectionOptions.allowFormatCells) throw protectedError(s);
        else if (kind === "columns" && !s.protectionOptions.allowFormatColumns) throw protectedError(s);
      }
      apply(s, rect);
      // Excel raises onChanged for an add-in's own writes too, unless the add-in turned its events off.
      if (kind === "content" && this.context.excel.enableEvents) this.context.changes.push({ sheet: s, rect });
    });
  }

  private setGrid(prop: string, grid: unknown[][], apply: (s: SheetState, r: number, c: number, v: unknown) => void): void {
    this.write(prop === "numberFormat" ? "format" : "content", (s, rect) => {
      if (grid.length !== rect.bottom - rect.top + 1 || grid.some((row) => row.length !== rect.right - rect.left + 1)) {
        throw new FakeOfficeError("InvalidArgument", `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${prop}).`);
      }
      grid.forEach((row, i) => row.forEach((v, j) => v !== null && apply(s, rect.top + i, rect.left + j, v)));
    });
  }

  set values(grid: unknown[][]) {
    this.setGrid("values", grid, (s, r, c, v) => this.context.excel.setCell(s, r, c, parseEntry(v, s.cell(r, c)?.numberFormat ?? "General")));
  }

  get values(): unknown[][] {
    return this.read("values");
  }

  set formulas(grid: unknown[][]) {
    this.values = grid;
  }

  get formulas(): unknown[][] {
    return this.read("formulas");
  }

  set numberFormat(grid: string[][]) {
    this.setGrid("numberFormat", grid, (s, r, c, v) => void (s.ensure(r, c).numberFormat = String(v)));
  }

  set columnHidden(hidden: boolean) {
    this.write("columns", (s, rect) => {
      for (let c = rect.left; c <= rect.right; c++) {
        if (hidden) s.hiddenColumns.add(c);
        else s.hiddenColumns.delete(c);
      }
    });
  }

  get address(): string {
    return this.read("address");
  }

  protected override snapshot(prop: string): unknown {
    const s = this.sheet();
    const rect = this.rect();
    const grid = (f: (cell: CellState | undefined) => unknown) =>
      Array.from({ length: rect.bottom - rect.top + 1 }, (_, i) => Array.from({ length: rect.right - rect.left + 1 }, (_, j) => f(s.cell(rect.top + i, rect.left + j))));
    if (rect.bottom - rect.top > 100_000) throw new FakeOfficeError("ResponsePayloadSizeLimitExceeded", "The range is too large to read at once.");
    if (prop === "values") return grid((c) => c?.value ?? "");
    if (prop === "formulas") return grid((c) => (c?.formula !== undefined ? `=${c.formula}` : (c?.value ?? "")));
    if (prop === "numberFormat") return grid((c) => c?.numberFormat ?? "General");
    if (prop === "address") return `${s.name}!${rectAddress(rect)}`;
    return super.snapshot(prop);
  }

  getBoundingRect(other: RangeProxy): RangeProxy {
    return new RangeProxy(this.context, this.sheet, () => {
      const a = this.rect();
      const b = other.rect();
      return { top: Math.min(a.top, b.top), left: Math.min(a.left, b.left), bottom: Math.max(a.bottom, b.bottom), right: Math.max(a.right, b.right) };
    });
  }

  select(): void {
    this.context.queue(() => {
      this.context.excel.selection = { sheet: this.sheet().name, address: rectAddress(this.rect()) };
    });
  }

  clear(applyTo: "All" | "Formats" | "Contents" = "All"): void {
    this.write(applyTo === "Contents" ? "content" : "format", (s, rect) => {
      for (const [key, cell] of [...s.cells]) {
        const [r, c] = key.split(",").map(Number);
        if (!inRect(rect, r!, c!)) continue;
        if (applyTo === "All") s.cells.delete(key);
        else if (applyTo === "Contents") Object.assign(cell, { value: "", formula: undefined });
        else Object.assign(cell, { numberFormat: "General", locked: true, look: {} });
      }
    });
  }

  private makeFormat() {
    const look = (apply: (l: CellLookState) => void) => this.write("format", (s, rect) => forEachCell(rect, (r, c) => apply(s.ensure(r, c).look)));
    const columns = (f: (s: SheetState, c: number) => void) =>
      this.write("columns", (s, rect) => {
        for (let c = rect.left; c <= rect.right; c++) f(s, c);
      });
    const lock = (v: boolean) => this.write("format", (s, rect) => forEachCell(rect, (r, c) => void (s.ensure(r, c).locked = v)));
    return {
      fill: { set color(v: string) { look((l) => void (l.fill = v.replace("#", "").toUpperCase())); } },
      font: {
        set bold(v: boolean) { look((l) => void (l.bold = v)); },
        set italic(v: boolean) { look((l) => void (l.italic = v)); },
        set size(v: number) { look((l) => void (l.size = v)); },
        set color(v: string) { look((l) => void (l.color = v.replace("#", "").toUpperCase())); },
      },
      set wrapText(v: boolean) { look((l) => void (l.wrap = v)); },
      set columnWidth(points: number) { columns((s, c) => void s.columnWidths.set(c, points)); },
      protection: { set locked(v: boolean) { lock(v); } },
      borders: {
        getItem: (edge: string) => ({
          set style(_: string) { look((l) => void (l.borders = [...new Set([...(l.borders ?? []), edge])])); },
          set color(_: string) { /* one border colour throughout: nothing to record */ },
        }),
      },
    };
  }

  private makeValidation() {
    const setRule = (rule: ValidationState["rule"]) =>
      this.write("format", (s, rect) => {
        if (s.validations.some((v) => overlaps(v.rect, rect))) throw new FakeOfficeError("InvalidOperation", "The range already has data validation: clear it first.");
        s.validations.push({ rect, rule });
      });
    const attach = (f: (v: ValidationState) => void) =>
      this.write("format", (s, rect) => {
        const v = s.validations.find((x) => sameRect(x.rect, rect));
        if (!v) throw new FakeOfficeError("InvalidOperation", "Set the rule before its prompt or alert.");
        f(v);
      });
    return {
      set rule(rule: ValidationState["rule"]) {
        setRule(rule);
      },
      set prompt(p: NonNullable<ValidationState["prompt"]>) {
        attach((v) => void (v.prompt = p));
      },
      set errorAlert(e: NonNullable<ValidationState["errorAlert"]>) {
        attach((v) => void (v.errorAlert = e));
      },
      clear: () => this.write("format", (s, rect) => void (s.validations = s.validations.filter((v) => !overlaps(v.rect, rect)))),
    };
  }
}

class NamedItemCollectionProxy extends Proxy {
  add(name: string, reference: RangeProxy): void {
    this.context.queue(() => {
      const excel = this.context.excel;
      if (excel.names.has(name)) throw new FakeOfficeError("ItemAlreadyExists", `The name ${name} already exists.`);
      excel.names.set(name, { sheet: reference.sheet().name, address: rectAddress(reference.rect()) });
    });
  }

  getItem(name: string): { delete(): void } {
    return {
      delete: () =>
        this.context.queue(() => {
          if (!this.context.excel.names.delete(name)) throw new FakeOfficeError("ItemNotFound", `No name ${name}.`);
        }),
    };
  }

  get items(): Array<{ name: string }> {
    return this.read("items");
  }

  protected override snapshot(prop: string): unknown {
    if (prop !== "items/name") return super.snapshot(prop);
    return [...this.context.excel.names.keys()].map((name) => ({ name }));
  }

  override load(props: string | string[]): this {
    super.load(props);
    this.context.queue(() => this.loaded.set("items", this.loaded.get("items/name")));
    return this;
  }
}

class SettingCollectionProxy extends Proxy {
  add(key: string, value: unknown): void {
    this.context.queue(() => void this.context.excel.settings.set(key, JSON.parse(JSON.stringify(value))));
  }

  getItemOrNullObject(key: string): SettingProxy {
    return new SettingProxy(this.context, key);
  }
}

class SettingProxy extends Proxy {
  constructor(
    context: FakeContext,
    readonly key: string,
  ) {
    super(context);
    context.queue(() => this.loaded.set("isNullObject", !context.excel.settings.has(key)));
  }

  get isNullObject(): boolean {
    return this.read("isNullObject");
  }

  get value(): unknown {
    return this.read("value");
  }

  protected override snapshot(prop: string): unknown {
    if (prop === "value") return this.context.excel.settings.get(this.key) ?? null;
    return super.snapshot(prop);
  }
}

function protectedError(s: SheetState): FakeOfficeError {
  return new FakeOfficeError("InvalidOperation", `The cell or chart you're trying to change is on a protected sheet (${s.name}).`);
}

function assertUnlocked(s: SheetState, r: number, c: number): void {
  if (s.cell(r, c)?.locked ?? true) throw protectedError(s);
}

/** Reads a value as Excel does on entry: "=…" is a formula, digits are a number (unless the cell is text "@"). */
function parseEntry(raw: unknown, numberFormat: string): { value: unknown; formula?: string } {
  if (typeof raw !== "string") return { value: raw };
  if (raw.startsWith("=") && raw.length > 1) return { value: 0, formula: raw.slice(1) };
  if (numberFormat === "@") return { value: raw };
  const t = raw.trim();
  if (/^[+-]?[0-9]+(\.[0-9]+)?$/.test(t)) return { value: Number(t) };
  if (/[dy]/.test(numberFormat)) {
    let m = /^([0-9]{1,2})\/([0-9]{1,2})\/([0-9]{4})$/.exec(t);
    if (m) return { value: isoToExcelSerial(`${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}`) };
    m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(t);
    if (m) return { value: isoToExcelSerial(t) };
  }
  return { value: raw };
}

function passes(v: ValidationState, value: unknown): boolean {
  if (value === "" || value === null) return true;
  const [kind, spec] = Object.entries(v.rule)[0]!;
  const n = typeof value === "number" ? value : NaN;
  const bound = (x: unknown) => (typeof x === "string" && /^[0-9]{4}-/.test(x) ? isoToExcelSerial(x) : Number(x));
  switch (kind) {
    case "wholeNumber":
      return Number.isInteger(n) && n >= bound(spec!.formula1) && n <= bound(spec!.formula2);
    case "decimal":
    case "date":
      return Number.isFinite(n) && n >= bound(spec!.formula1) && n <= bound(spec!.formula2);
    case "textLength":
      return String(value).length <= Number(spec!.formula2);
    case "list":
      return String(spec!.source).split(",").includes(String(value));
    default:
      return true;
  }
}

export function parseRect(address: string): Rect {
  const bare = address.includes("!") ? address.split("!")[1]! : address;
  const col = /^([A-Z]+):([A-Z]+)$/.exec(bare);
  if (col) {
    const a = pos(`${col[1]}1`).column;
    const b = pos(`${col[2]}1`).column;
    return { top: 0, left: a, bottom: MAX_ROW, right: b };
  }
  const [a, b = a] = bare.split(":");
  const from = pos(a!);
  const to = pos(b!);
  return { top: from.row, left: from.column, bottom: to.row, right: to.column };
}

function pos(address: string): { row: number; column: number } {
  const p = parseCellAddress(address);
  if (!p) throw new FakeOfficeError("InvalidArgument", `Not a cell address: ${address}`);
  return p;
}

export function rectAddress(rect: Rect): string {
  const a = cellAddress(rect.top, rect.left);
  return rect.top === rect.bottom && rect.left === rect.right ? a : `${a}:${cellAddress(rect.bottom, rect.right)}`;
}

function usedRect(s: SheetState): Rect {
  let bottom = 0;
  let right = 0;
  for (const key of s.cells.keys()) {
    const [r, c] = key.split(",").map(Number);
    bottom = Math.max(bottom, r!);
    right = Math.max(right, c!);
  }
  return { top: 0, left: 0, bottom, right };
}

function forEachCell(rect: Rect, f: (r: number, c: number) => void): void {
  if ((rect.bottom - rect.top + 1) * (rect.right - rect.left + 1) > 2_000_000) throw new FakeOfficeError("InvalidArgument", "Range too large for this fake.");
  for (let r = rect.top; r <= rect.bottom; r++) for (let c = rect.left; c <= rect.right; c++) f(r, c);
}

function inRect(rect: Rect, r: number, c: number): boolean {
  return r >= rect.top && r <= rect.bottom && c >= rect.left && c <= rect.right;
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

function sameRect(a: Rect, b: Rect): boolean {
  return a.top === b.top && a.left === b.left && a.bottom === b.bottom && a.right === b.right;
}

function compareKeys(a: string, b: string): number {
  const [ar, ac] = a.split(",").map(Number);
  const [br, bc] = b.split(",").map(Number);
  return ar! - br! || ac! - bc!;
}

/** API set versions, part by part as numbers ("1.10" comes after "1.9"). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
