import { EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS, cellAddress } from "../../../core/src/layout/cellAddress";
import type { ReadContext } from "./ReadContext";
import { buildSharedFormula, shiftSharedFormula, type SharedFormula } from "./sharedFormula";
import { WorkbookRejected } from "./WorkbookRejected";
import type { XmlHandler } from "./XmlScanner";
import { attribute, decodeCellText, decodeXmlText, malformed } from "./xmlText";

// xsd:double as Excel writes it (no hex, no "Infinity").
const NUMBER = /^[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/;

const enum Capture {
  None,
  Value,
  Formula,
  Inline,
}

/**
 * Reads one worksheet part's cells into a grid from A1, as Office.js gives `range.values` and
 * `range.formulas`. Only cells present are stored (sparse arrays, nothing for empty space); <dimension> is
 * ignored. Rows and cells without an "r" attribute follow the previous one.
 */
export class WorksheetHandler implements XmlHandler {
  readonly values: unknown[][] = [];
  readonly formulas: string[][] = [];
  private inSheetData = false;
  private inRow = false;
  private inCell = false;
  private inInline = false;
  private phonetic = 0;
  private capture = Capture.None;
  private row = -1;
  private column = -1;
  private cellType = "n";
  private valueRaw: string | undefined;
  private inlineRaw: string | undefined;
  private formulaRaw: string | undefined;
  private formulaKind = "normal";
  private formulaSi: string | undefined;
  private readonly shared = new Map<string, SharedFormula>();
  private readonly maxRaw: number;

  constructor(
    private readonly ctx: ReadContext,
    private readonly sheet: string,
    private readonly part: string,
  ) {
    // Raw text is counted before decoding; an entity is at most ~10 characters for one decoded character.
    this.maxRaw = ctx.limits.maxCellTextLength * 10 + 64;
  }

  open(name: string, attrs: string, selfClosing: boolean): void {
    if (this.inCell) {
      if (name === "v") {
        this.capture = Capture.Value;
        this.valueRaw = "";
      } else if (name === "f") this.openFormula(attrs);
      else if (name === "is") {
        this.inInline = true;
        this.inlineRaw ??= "";
      } else if (name === "rPh") this.phonetic++;
      else if (name === "t" && this.inInline && this.phonetic === 0) this.capture = Capture.Inline;
      return;
    }
    if (name === "c" && this.inRow) this.openCell(attrs, selfClosing);
    else if (name === "row" && this.inSheetData) this.openRow(attrs);
    else if (name === "sheetData") this.inSheetData = true;
  }

  close(name: string): void {
    if (this.inCell) {
      if (name === "c") this.closeCell();
      else if (name === "v" || name === "f" || name === "t") this.capture = Capture.None;
      else if (name === "rPh") this.phonetic--;
      else if (name === "is") this.inInline = false;
      return;
    }
    if (name === "row") this.inRow = false;
    else if (name === "sheetData") this.inSheetData = false;
  }

  text(raw: string): void {
    switch (this.capture) {
      case Capture.None:
        return;
      case Capture.Value:
        this.valueRaw = this.append(this.valueRaw, raw);
        return;
      case Capture.Formula:
        this.formulaRaw = this.append(this.formulaRaw, raw);
        return;
      case Capture.Inline:
        this.inlineRaw = this.append(this.inlineRaw, raw);
        return;
    }
  }

  /** The part ended: an open cell or sheetData means it was cut short. */
  finish(): void {
    if (this.inCell || this.inSheetData) throw malformed(this.part, "the worksheet ends inside its data");
  }

  private append(to: string | undefined, raw: string): string {
    const s = to === undefined ? raw : to + raw;
    if (s.length > this.maxRaw) this.tooLong();
    return s;
  }

  private tooLong(): never {
    throw new WorkbookRejected("CELL_TEXT_TOO_LONG", {
      part: this.part,
      params: { sheet: this.sheet, cell: cellAddress(this.row, this.column), limit: this.ctx.limits.maxCellTextLength },
    });
  }

  private openRow(attrs: string): void {
    this.inRow = true;
    this.column = -1;
    const r = referenceAttribute(attrs);
    if (r === undefined) {
      this.row++;
      if (this.row >= EXCEL_MAX_ROWS) this.outOfGrid(`row ${this.row + 1}`);
      return;
    }
    const n = parseDecimal(r);
    if (n === undefined) throw malformed(this.part, `row r="${r.slice(0, 20)}"`);
    if (n < 1 || n > EXCEL_MAX_ROWS) this.outOfGrid(`row ${r.slice(0, 20)}`);
    this.row = n - 1;
  }

  private openCell(attrs: string, selfClosing: boolean): void {
    const r = referenceAttribute(attrs);
    if (r === undefined) {
      this.column++;
      if (this.column >= EXCEL_MAX_COLUMNS) this.outOfGrid(`column ${this.column + 1} of row ${this.row + 1}`);
    } else this.parseReference(r);
    // A self-closing cell (styled, empty: most of a template) only moves the position.
    if (selfClosing) return;
    this.inCell = true;
    this.capture = Capture.None;
    this.valueRaw = undefined;
    this.inlineRaw = undefined;
    this.formulaRaw = undefined;
    this.inInline = false;
    this.phonetic = 0;
    this.cellType = attribute(attrs, "t") ?? "n";
  }

  /** "B12" (an optional "$" is tolerated): sets row and column, refusing anything beyond XFD1048576. */
  private parseReference(r: string): void {
    let i = 0;
    const n = r.length;
    if (r.charCodeAt(i) === 36) i++;
    let column = 0;
    const lettersFrom = i;
    for (; i < n; i++) {
      const c = r.charCodeAt(i) | 0x20;
      if (c < 97 || c > 122) break;
      column = column * 26 + (c - 96);
      if (column > 1e9) break;
    }
    const letters = i - lettersFrom;
    if (r.charCodeAt(i) === 36) i++;
    const row = parseDecimal(r.slice(i));
    if (letters === 0 || row === undefined) throw malformed(this.part, `cell r="${r.slice(0, 20)}"`);
    if (letters > 3 || column > EXCEL_MAX_COLUMNS || row < 1 || row > EXCEL_MAX_ROWS) this.outOfGrid(r.slice(0, 20));
    this.row = row - 1;
    this.column = column - 1;
  }

  private outOfGrid(cell: string): never {
    throw new WorkbookRejected("CELL_OUT_OF_GRID", { part: this.part, params: { sheet: this.sheet, cell } });
  }

  private openFormula(attrs: string): void {
    this.capture = Capture.Formula;
    this.formulaRaw = "";
    this.formulaKind = attribute(attrs, "t") ?? "normal";
    this.formulaSi = attribute(attrs, "si");
  }

  private closeCell(): void {
    this.inCell = false;
    this.capture = Capture.None;
    const formula = this.formulaRaw === undefined ? undefined : this.cellFormula(this.formulaRaw);
    let value = this.cellValue();
    if (value === undefined && formula === undefined) return; // a styled empty cell: nothing to store
    if (value === undefined) value = null; // a formula saved without its result (openpyxl)
    this.store(value, formula);
  }

  private cellValue(): unknown {
    const raw = this.valueRaw;
    switch (this.cellType) {
      case "s": {
        if (raw === undefined) return undefined;
        const index = parseDecimal(raw.trim());
        const text = index === undefined ? undefined : this.ctx.sharedStrings[index];
        if (text === undefined) throw malformed(this.part, `shared string ${raw.slice(0, 20)} of ${this.ctx.sharedStrings.length} at ${this.here()}`);
        return text;
      }
      case "inlineStr":
        if (this.inlineRaw !== undefined) return this.decodeText(this.inlineRaw);
        return raw === undefined ? undefined : this.decodeText(raw);
      case "str":
      case "e":
        return raw === undefined ? undefined : this.decodeText(raw);
      case "d":
        return raw === undefined ? undefined : this.decodeText(raw).trim();
      case "b": {
        if (raw === undefined) return undefined;
        const t = raw.trim();
        if (t === "1" || t === "true") return true;
        if (t === "0" || t === "false") return false;
        throw malformed(this.part, `boolean "${t.slice(0, 20)}" at ${this.here()}`);
      }
      case "n": {
        if (raw === undefined) return undefined;
        const t = raw.trim();
        if (t === "") return undefined;
        const n = Number(t);
        if (!NUMBER.test(t) || !Number.isFinite(n)) throw malformed(this.part, `number "${t.slice(0, 20)}" at ${this.here()}`);
        return n;
      }
      default:
        throw malformed(this.part, `cell type "${this.cellType.slice(0, 20)}" at ${this.here()}`);
    }
  }

  private decodeText(raw: string): string {
    const s = decodeCellText(raw, this.part);
    if (s.length > this.ctx.limits.maxCellTextLength) this.tooLong();
    return s;
  }

  private cellFormula(raw: string): string | undefined {
    const text = decodeXmlText(raw, this.part);
    if (text.length > this.ctx.limits.maxCellTextLength) this.tooLong();
    if (this.formulaKind === "shared" && this.formulaSi !== undefined) {
      if (text.length > 0) {
        this.shared.set(this.formulaSi, buildSharedFormula(text, this.row, this.column));
        return text;
      }
      const master = this.shared.get(this.formulaSi);
      if (!master) throw malformed(this.part, `shared formula ${this.formulaSi.slice(0, 20)} used before it is defined at ${this.here()}`);
      return shiftSharedFormula(master, this.row, this.column);
    }
    // A data table's cells hold no formula text; an empty formula is no formula.
    return text.length > 0 ? text : undefined;
  }

  private store(value: unknown, formula: string | undefined): void {
    const { limits } = this.ctx;
    if (this.row >= limits.maxRowsPerSheet) {
      throw new WorkbookRejected("TOO_MANY_ROWS", { part: this.part, params: { sheet: this.sheet, cell: this.here(), limit: limits.maxRowsPerSheet } });
    }
    if (this.column >= limits.maxColumnsPerSheet) {
      throw new WorkbookRejected("TOO_MANY_COLUMNS", { part: this.part, params: { sheet: this.sheet, cell: this.here(), limit: limits.maxColumnsPerSheet } });
    }
    if (++this.ctx.cells > limits.maxCells) {
      throw new WorkbookRejected("TOO_MANY_CELLS", { part: this.part, params: { limit: limits.maxCells } });
    }
    (this.values[this.row] ??= [])[this.column] = value;
    if (formula !== undefined) (this.formulas[this.row] ??= [])[this.column] = `=${formula}`;
  }

  private here(): string {
    return this.row >= 0 && this.row < EXCEL_MAX_ROWS && this.column >= 0 && this.column < EXCEL_MAX_COLUMNS ? cellAddress(this.row, this.column) : "?";
  }
}

/** The "r" attribute, found at once where Excel, LibreOffice and ExcelJS put it (first). */
function referenceAttribute(attrs: string): string | undefined {
  if (attrs.startsWith(' r="')) {
    const end = attrs.indexOf('"', 4);
    if (end > 0) return attrs.slice(4, end);
  }
  return attribute(attrs, "r");
}

/** A non-negative decimal integer of at most 9 digits, or undefined. */
export function parseDecimal(s: string): number | undefined {
  if (s.length === 0 || s.length > 9) return undefined;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    n = n * 10 + d;
  }
  return n;
}
