import { EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS, cellAddress } from "../../../core/src/layout/cellAddress";
import { CellGrid } from "./CellGrid";
import { RawText } from "./RawText";
import type { ReadContext } from "./ReadContext";
import { buildSharedFormula, shiftSharedFormula, type SharedFormula } from "./sharedFormula";
import { WorkbookRejected } from "./WorkbookRejected";
import type { XmlHandler } from "./XmlScanner";
import { attributeValueEnd, decodeCellText, decodeXmlText, findAttribute, malformed } from "./xmlText";

// xsd:double as Excel writes it (no hex, no "Infinity").
const NUMBER = /^[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/;

const R = Buffer.from("r");
const T = Buffer.from("t");
const SI = Buffer.from("si");

const enum Capture {
  None,
  Value,
  Formula,
  Inline,
}

/** The element names this handler acts on, told apart by their bytes. */
const enum Name {
  Other,
  C,
  V,
  F,
  T,
  Is,
  RPh,
  Row,
  SheetData,
}

/** A cell's t attribute; Unknown keeps its text for the message. */
const enum CellType {
  Number,
  Shared,
  Inline,
  Str,
  Error,
  Date,
  Boolean,
  Unknown,
}

const CELL_TYPES = new Map<string, CellType>([
  ["n", CellType.Number],
  ["s", CellType.Shared],
  ["inlineStr", CellType.Inline],
  ["str", CellType.Str],
  ["e", CellType.Error],
  ["d", CellType.Date],
  ["b", CellType.Boolean],
]);

/**
 * Reads one worksheet part's cells into a grid from A1, as Office.js gives `range.values` and
 * `range.formulas`. Only cells present are stored (sparse arrays, nothing for empty space); <dimension> is
 * ignored. Rows and cells without an "r" attribute follow the previous one. Works on the scanner's bytes: an
 * empty styled cell (`<c r="B5" s="12"/>`, most of a template) costs a few byte comparisons and makes no string;
 * only kept text is decoded, and integers (counts, dates, shared-string indexes) are read from the bytes.
 */
export class WorksheetHandler implements XmlHandler {
  /** The cells read, in document order (the grid of rows is made only if this thread reads it: CellGrid). */
  readonly grid = new CellGrid();
  private inSheetData = false;
  private inRow = false;
  private inCell = false;
  private inInline = false;
  private phonetic = 0;
  private capture = Capture.None;
  private row = -1;
  private column = -1;
  private cellType = CellType.Number;
  private cellTypeText = "n";
  private readonly value = new RawText();
  private readonly inline = new RawText();
  private readonly formula = new RawText();
  private formulaKind = "normal";
  private formulaSi: string | undefined;
  private readonly shared = new Map<string, SharedFormula>();
  private readonly maxRaw: number;

  constructor(
    private readonly ctx: ReadContext,
    private readonly sheet: string,
    private readonly part: string,
  ) {
    // Raw text is counted in bytes before decoding; an entity is at most ~10 bytes for one decoded character.
    this.maxRaw = ctx.limits.maxCellTextLength * 10 + 64;
  }

  open(buf: Buffer, nameStart: number, nameEnd: number, attrsEnd: number, selfClosing: boolean): void {
    const name = nameOf(buf, nameStart, nameEnd);
    if (this.inCell) {
      if (name === Name.V) {
        this.capture = Capture.Value;
        this.value.begin();
      } else if (name === Name.F) this.openFormula(buf, nameEnd, attrsEnd);
      else if (name === Name.Is) {
        this.inInline = true;
        if (!this.inline.present) this.inline.begin();
      } else if (name === Name.RPh) this.phonetic++;
      else if (name === Name.T && this.inInline && this.phonetic === 0) this.capture = Capture.Inline;
      return;
    }
    if (name === Name.C) {
      if (this.inRow) this.openCell(buf, nameEnd, attrsEnd, selfClosing);
    } else if (name === Name.Row) {
      if (this.inSheetData) this.openRow(buf, nameEnd, attrsEnd);
    } else if (name === Name.SheetData) this.inSheetData = true;
  }

  close(buf: Buffer, nameStart: number, nameEnd: number): void {
    const name = nameOf(buf, nameStart, nameEnd);
    if (this.inCell) {
      if (name === Name.C) this.closeCell();
      else if (name === Name.V || name === Name.F || name === Name.T) this.capture = Capture.None;
      else if (name === Name.RPh) this.phonetic--;
      else if (name === Name.Is) this.inInline = false;
      return;
    }
    if (name === Name.Row) this.inRow = false;
    else if (name === Name.SheetData) this.inSheetData = false;
  }

  text(buf: Buffer, start: number, end: number): void {
    switch (this.capture) {
      case Capture.None:
        return;
      case Capture.Value:
        return this.append(this.value, buf, start, end);
      case Capture.Formula:
        return this.append(this.formula, buf, start, end);
      case Capture.Inline:
        return this.append(this.inline, buf, start, end);
    }
  }

  /** The part ended: an open cell or sheetData means it was cut short. */
  finish(): void {
    if (this.inCell || this.inSheetData) throw malformed(this.part, "the worksheet ends inside its data");
  }

  private append(to: RawText, buf: Buffer, start: number, end: number): void {
    to.add(buf, start, end);
    if (to.length > this.maxRaw) this.tooLong();
  }

  private tooLong(): never {
    throw new WorkbookRejected("CELL_TEXT_TOO_LONG", {
      part: this.part,
      params: { sheet: this.sheet, cell: cellAddress(this.row, this.column), limit: this.ctx.limits.maxCellTextLength },
    });
  }

  private openRow(buf: Buffer, from: number, to: number): void {
    this.inRow = true;
    this.column = -1;
    const r = referenceAttribute(buf, from, to);
    if (r < 0) {
      this.row++;
      if (this.row >= EXCEL_MAX_ROWS) this.outOfGrid(`row ${this.row + 1}`);
      return;
    }
    const rEnd = attributeValueEnd(buf, r, to);
    const n = parseDecimalBytes(buf, r, rEnd);
    if (n < 0) throw malformed(this.part, `row r="${rawText(buf, r, rEnd)}"`);
    if (n < 1 || n > EXCEL_MAX_ROWS) this.outOfGrid(`row ${rawText(buf, r, rEnd)}`);
    this.row = n - 1;
  }

  private openCell(buf: Buffer, from: number, to: number, selfClosing: boolean): void {
    const r = referenceAttribute(buf, from, to);
    if (r < 0) {
      this.column++;
      if (this.column >= EXCEL_MAX_COLUMNS) this.outOfGrid(`column ${this.column + 1} of row ${this.row + 1}`);
    } else this.parseReference(buf, r, attributeValueEnd(buf, r, to));
    // A self-closing cell (styled, empty: most of a template) only moves the position.
    if (selfClosing) return;
    this.inCell = true;
    this.capture = Capture.None;
    this.value.clear();
    this.inline.clear();
    this.formula.clear();
    this.inInline = false;
    this.phonetic = 0;
    this.readCellType(buf, from, to);
  }

  private readCellType(buf: Buffer, from: number, to: number): void {
    const t = findAttribute(buf, from, to, T);
    if (t < 0) {
      this.cellType = CellType.Number;
      return;
    }
    const end = attributeValueEnd(buf, t, to);
    // The two a template writes, without making a string.
    if (end === t + 1 && buf[t] === 115 /* s */) this.cellType = CellType.Shared;
    else if (end === t + 1 && buf[t] === 110 /* n */) this.cellType = CellType.Number;
    else {
      this.cellTypeText = buf.toString("utf8", t, end);
      this.cellType = CELL_TYPES.get(this.cellTypeText) ?? CellType.Unknown;
    }
  }

  /** "B12" (an optional "$" is tolerated): sets row and column, refusing anything beyond XFD1048576. */
  private parseReference(buf: Buffer, from: number, to: number): void {
    let i = from;
    if (buf[i] === 36) i++;
    let column = 0;
    const lettersFrom = i;
    for (; i < to; i++) {
      const c = buf[i]! | 0x20;
      if (c < 97 || c > 122) break;
      column = column * 26 + (c - 96);
      if (column > 1e9) break;
    }
    const letters = i - lettersFrom;
    if (buf[i] === 36 && i < to) i++;
    const row = parseDecimalBytes(buf, i, to);
    if (letters === 0 || row < 0) throw malformed(this.part, `cell r="${rawText(buf, from, to)}"`);
    if (letters > 3 || column > EXCEL_MAX_COLUMNS || row < 1 || row > EXCEL_MAX_ROWS) this.outOfGrid(rawText(buf, from, to));
    this.row = row - 1;
    this.column = column - 1;
  }

  private outOfGrid(cell: string): never {
    throw new WorkbookRejected("CELL_OUT_OF_GRID", { part: this.part, params: { sheet: this.sheet, cell } });
  }

  private openFormula(buf: Buffer, from: number, to: number): void {
    this.capture = Capture.Formula;
    this.formula.begin();
    const t = findAttribute(buf, from, to, T);
    this.formulaKind = t < 0 ? "normal" : buf.toString("utf8", t, attributeValueEnd(buf, t, to));
    const si = findAttribute(buf, from, to, SI);
    this.formulaSi = si < 0 ? undefined : buf.toString("utf8", si, attributeValueEnd(buf, si, to));
  }

  private closeCell(): void {
    this.inCell = false;
    this.capture = Capture.None;
    const formula = this.formula.present ? this.cellFormula(this.formula.utf8()) : undefined;
    let value = this.cellValue();
    if (value === undefined && formula === undefined) return; // a styled empty cell: nothing to store
    if (value === undefined) value = null; // a formula saved without its result (openpyxl)
    this.store(value, formula);
  }

  private cellValue(): unknown {
    const raw = this.value;
    switch (this.cellType) {
      case CellType.Shared: {
        if (!raw.present) return undefined;
        let index = digitsOnly(raw);
        if (index < 0) index = parseDecimal(raw.utf8().trim()) ?? -1;
        const text = index < 0 ? undefined : this.ctx.sharedStrings[index];
        if (text === undefined) throw malformed(this.part, `shared string ${raw.utf8().slice(0, 20)} of ${this.ctx.sharedStrings.length} at ${this.here()}`);
        return text;
      }
      case CellType.Inline:
        if (this.inline.present) return this.decodeText(this.inline.utf8());
        return raw.present ? this.decodeText(raw.utf8()) : undefined;
      case CellType.Str:
      case CellType.Error:
        return raw.present ? this.decodeText(raw.utf8()) : undefined;
      case CellType.Date:
        return raw.present ? this.decodeText(raw.utf8()).trim() : undefined;
      case CellType.Boolean: {
        if (!raw.present) return undefined;
        const t = raw.utf8().trim();
        if (t === "1" || t === "true") return true;
        if (t === "0" || t === "false") return false;
        throw malformed(this.part, `boolean "${t.slice(0, 20)}" at ${this.here()}`);
      }
      case CellType.Number: {
        if (!raw.present) return undefined;
        const int = integerOnly(raw);
        if (int !== undefined) return int;
        const t = raw.utf8().trim();
        if (t === "") return undefined;
        const n = Number(t);
        if (!NUMBER.test(t) || !Number.isFinite(n)) throw malformed(this.part, `number "${t.slice(0, 20)}" at ${this.here()}`);
        return n;
      }
      case CellType.Unknown:
        throw malformed(this.part, `cell type "${this.cellTypeText.slice(0, 20)}" at ${this.here()}`);
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
    this.grid.cells.add(this.row, this.column, value);
    if (formula !== undefined) this.grid.formulaCells.add(this.row, this.column, `=${formula}`);
  }

  private here(): string {
    return this.row >= 0 && this.row < EXCEL_MAX_ROWS && this.column >= 0 && this.column < EXCEL_MAX_COLUMNS ? cellAddress(this.row, this.column) : "?";
  }
}

/** Which of the names this handler acts on buf[start, end) is, by length and bytes (no string is made). */
function nameOf(buf: Buffer, start: number, end: number): Name {
  switch (end - start) {
    case 1: {
      const c = buf[start];
      return c === 99 ? Name.C : c === 118 ? Name.V : c === 102 ? Name.F : c === 116 ? Name.T : Name.Other;
    }
    case 2:
      return buf[start] === 105 && buf[start + 1] === 115 ? Name.Is : Name.Other;
    case 3:
      if (buf[start] !== 114) return Name.Other;
      if (buf[start + 1] === 111 && buf[start + 2] === 119) return Name.Row;
      return buf[start + 1] === 80 && buf[start + 2] === 104 ? Name.RPh : Name.Other;
    case 9:
      return buf.toString("latin1", start, end) === "sheetData" ? Name.SheetData : Name.Other;
    default:
      return Name.Other;
  }
}

/** The start of the "r" attribute's value, found at once where Excel, LibreOffice and ExcelJS put it (first); -1 if none. */
function referenceAttribute(buf: Buffer, from: number, to: number): number {
  if (buf[from] === 32 && buf[from + 1] === 114 && buf[from + 2] === 61 && buf[from + 3] === 34 && from + 4 <= to) {
    if (attributeValueEnd(buf, from + 4, to) > 0) return from + 4;
  }
  return findAttribute(buf, from, to, R);
}

/** The first 20 characters of a raw attribute value, for messages. */
function rawText(buf: Buffer, from: number, to: number): string {
  return buf.toString("utf8", from, to < 0 ? from : to).slice(0, 20);
}

/** A non-negative decimal integer of 1 to 9 digits in buf[from, to), or -1. */
function parseDecimalBytes(buf: Buffer, from: number, to: number): number {
  if (to <= from || to - from > 9) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = buf[i]! - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** The text as a decimal index when it is 1 to 9 ASCII digits and nothing else (no spaces): -1 otherwise. */
function digitsOnly(raw: RawText): number {
  const n = raw.length;
  if (n === 0 || n > 9) return -1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = raw.byteAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** An integer of up to 15 digits with an optional "-", read exactly from the bytes; undefined for anything else. */
function integerOnly(raw: RawText): number | undefined {
  const n = raw.length;
  const negative = n > 0 && raw.byteAt(0) === 45;
  const from = negative ? 1 : 0;
  if (n - from < 1 || n - from > 15) return undefined;
  let v = 0;
  for (let i = from; i < n; i++) {
    const d = raw.byteAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    v = v * 10 + d;
  }
  return negative ? -v : v;
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
