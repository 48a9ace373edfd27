import type ExcelJS from "exceljs";
import { XLSX_NUMBER_FORMATS } from "../format/formatValues";
import { startsLikeFormula } from "../format/neutraliseText";
import type { ReportCell, ReportTable } from "../model/ReportTable";
import { INTERNAL_MARK } from "../reportText";
import { TEXT_FORMAT } from "./finishXlsx";
import { encodeOoxmlText, XLSX_MAX_CELL_TEXT } from "./ooxmlText";
import { GRID, LOOKS, TONE_LOOKS } from "./xlsxLooks";

export interface SheetContext {
  internal: boolean;
  internalExplanation: string;
  /** «<k» */
  suppressedText: string;
  /** «hidden» */
  withheldText: string;
}

type Look = { font?: Partial<ExcelJS.Font>; fill?: ExcelJS.Fill };

/** Points per line of 11-point text. */
const LINE_HEIGHT = 15;

/**
 * How many lines a wrapped text takes in a column `width` characters wide. Neither Excel (for merged cells) nor
 * LibreOffice (on opening an .xlsx) fits row heights to wrapped text reliably, so the pack sets them itself; bold
 * and accented text run a little wider than the width unit, hence the margin.
 */
export function wrappedLines(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width * 0.95) - 1);
  return text.split("\n").reduce((n, part) => n + Math.max(1, Math.ceil(part.length / perLine)), 0);
}

/**
 * The one way text enters a cell: encoded so it reads back exactly, never a formula, and with the text format
 * (which becomes Excel's quotePrefix mark, see finishXlsx) when it starts like one.
 */
export function setText(cell: ExcelJS.Cell, text: string): void {
  const fitted = text.length > XLSX_MAX_CELL_TEXT ? `${text.slice(0, XLSX_MAX_CELL_TEXT - 1)}…` : text;
  cell.value = encodeOoxmlText(fitted);
  if (startsLikeFormula(fitted)) cell.numFmt = TEXT_FORMAT;
}

function applyLook(cell: ExcelJS.Cell, look: Look): void {
  if (look.font) cell.font = look.font;
  if (look.fill) cell.fill = look.fill;
}

/** Writes a sheet top to bottom: banner, titles, lines, then tables drawn from the report model. */
export class SheetWriter {
  row = 1;

  constructor(
    readonly ws: ExcelJS.Worksheet,
    private readonly ctx: SheetContext,
  ) {}

  /** The internal copy says so on the first rows of every sheet: a red band across the sheet, then why. */
  banner(columns = 8): void {
    if (!this.ctx.internal) return;
    for (let c = 1; c <= columns; c++) applyLook(this.ws.getCell(this.row, c), LOOKS.banner);
    this.ws.mergeCells(this.row, 1, this.row, columns);
    this.line(INTERNAL_MARK, LOOKS.banner);
    this.line(this.ctx.internalExplanation, LOOKS.bannerNote);
  }

  line(text: string, look: Look = {}): void {
    const cell = this.ws.getCell(this.row, 1);
    setText(cell, text);
    applyLook(cell, look);
    this.row++;
  }

  skip(rows = 1): void {
    this.row += rows;
  }

  /** Draws a table; returns the last header row (to freeze panes below it). */
  table(t: ReportTable, options: { title?: boolean } = {}): number {
    if (options.title) this.line(t.title, LOOKS.tableTitle);
    if (t.intro) this.line(t.intro, LOOKS.subtitle);
    this.header(t);
    const headerBottom = this.row - 1;
    for (const r of t.rows) {
      let lines = 1;
      r.cells.forEach((c, i) => {
        const cell = this.ws.getCell(this.row, i + 1);
        this.cell(cell, c, i < t.rowHeaderColumns);
        cell.border = GRID;
        if (r.total) cell.font = { ...(cell.font ?? {}), bold: true };
        if (c.kind === "text" || c.kind === "status") lines = Math.max(lines, wrappedLines(c.text, this.width(i + 1, 1) - (c.kind === "text" ? 2 * (c.indent ?? 0) : 0)));
      });
      if (lines > 1) this.ws.getRow(this.row).height = lines * LINE_HEIGHT;
      this.row++;
    }
    for (const note of t.notes) this.line(note, LOOKS.legend);
    return headerBottom;
  }

  /** The width of `span` columns from `col`, in characters (ExcelJS's default is 9 when none was set). */
  private width(col: number, span: number): number {
    let w = 0;
    for (let c = col; c < col + span; c++) w += this.ws.getColumn(c).width ?? 9;
    return w;
  }

  private header(t: ReportTable): void {
    // HTML's table layout: a cell with rowSpan covers the rows below it, so later rows skip those columns.
    const covered = new Set<string>();
    const lines = t.header.map(() => 1);
    t.header.forEach((hrow, ri) => {
      let col = 1;
      for (const h of hrow) {
        while (covered.has(`${ri}:${col}`)) col++;
        const span = h.colSpan ?? 1;
        const down = h.rowSpan ?? 1;
        const r = this.row + ri;
        for (let dr = 0; dr < down; dr++) for (let dc = 0; dc < span; dc++) covered.add(`${ri + dr}:${col + dc}`);
        for (let dr = 0; dr < down; dr++) {
          for (let dc = 0; dc < span; dc++) {
            const cell = this.ws.getCell(r + dr, col + dc);
            applyLook(cell, LOOKS.header);
            cell.border = GRID;
            cell.alignment = { wrapText: true, vertical: "middle", horizontal: "center" };
          }
        }
        setText(this.ws.getCell(r, col), h.text);
        if (span > 1 || down > 1) this.ws.mergeCells(r, col, r + down - 1, col + span - 1);
        if (down === 1) lines[ri] = Math.max(lines[ri]!, wrappedLines(h.text, this.width(col, span)));
        col += span;
      }
    });
    lines.forEach((n, ri) => {
      if (n > 1) this.ws.getRow(this.row + ri).height = n * LINE_HEIGHT;
    });
    this.row += t.header.length;
  }

  private cell(cell: ExcelJS.Cell, c: ReportCell, rowHeader: boolean): void {
    switch (c.kind) {
      case "text":
        setText(cell, c.text);
        cell.alignment = c.indent ? { wrapText: true, vertical: "top", horizontal: "left", indent: c.indent } : { wrapText: true, vertical: "top" };
        if (c.strong) cell.font = { bold: true };
        return;
      case "number":
        cell.value = c.value;
        cell.numFmt = XLSX_NUMBER_FORMATS[c.format];
        cell.alignment = { vertical: "top" };
        return;
      case "status":
        setText(cell, c.text);
        applyLook(cell, TONE_LOOKS[c.tone]);
        cell.alignment = { wrapText: true, vertical: "top", horizontal: rowHeader ? "left" : "center" };
        return;
      case "suppressed":
        setText(cell, this.ctx.suppressedText);
        applyLook(cell, LOOKS.suppressed);
        cell.alignment = { vertical: "top", horizontal: "right" };
        return;
      case "withheld":
        setText(cell, this.ctx.withheldText);
        applyLook(cell, LOOKS.suppressed);
        cell.alignment = { vertical: "top", horizontal: "right" };
        return;
      case "none":
        setText(cell, "—");
        applyLook(cell, LOOKS.none);
        cell.alignment = { vertical: "top", horizontal: "center" };
        return;
      case "empty":
        return;
    }
  }
}
