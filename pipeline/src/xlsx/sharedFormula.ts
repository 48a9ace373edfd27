import { EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS } from "../../../core/src/layout/cellAddress";

/** A reference inside a formula: a cell (both parts), a whole column range or a whole row range. */
interface Ref {
  kind: "cell" | "columns" | "rows";
  /** cell: [column, row]; columns: [from, to]; rows: [from, to] — zero-based, with their "$" markers. */
  a: number;
  aAbs: boolean;
  b: number;
  bAbs: boolean;
}

/** A shared formula's master text cut into literal pieces and references, so each child is rebuilt in one pass. */
export type SharedFormula = { row: number; column: number; parts: Array<string | Ref> };

const IDENT = /[A-Za-z0-9_.\\]/;
// A reference must not run into a name, a function call ("LOG10(") or a sheet prefix ("AB1!").
const CELL = /(\$?)([A-Za-z]{1,3})(\$?)([0-9]{1,7})(?![A-Za-z0-9_.(!])/y;
const COLUMNS = /(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})(?![A-Za-z0-9_.(!])/y;
const ROWS = /(\$?)([0-9]{1,7}):(\$?)([0-9]{1,7})(?![A-Za-z0-9_.(!])/y;

export function buildSharedFormula(text: string, row: number, column: number): SharedFormula {
  const parts: Array<string | Ref> = [];
  let literal = "";
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '"' || c === "'") {
      // A string literal or a quoted sheet name: copied as is (a doubled quote stays inside).
      let j = i + 1;
      while (j < n) {
        if (text[j] === c) {
          if (text[j + 1] === c) j += 2;
          else break;
        } else j++;
      }
      literal += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === "[") {
      // A structured or external-book reference: copied as is, nested brackets included.
      let depth = 0;
      let j = i;
      for (; j < n; j++) {
        if (text[j] === "[") depth++;
        else if (text[j] === "]" && --depth === 0) break;
      }
      literal += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const prev = i > 0 ? text[i - 1]! : "";
    if (!IDENT.test(prev) && prev !== "$") {
      const ref = matchRef(text, i);
      if (ref) {
        if (literal) parts.push(literal);
        literal = "";
        parts.push(ref.ref);
        i = ref.end;
        continue;
      }
      if (IDENT.test(c)) {
        // A name, number or function: skip it whole so that no reference is found inside it.
        let j = i + 1;
        while (j < n && (IDENT.test(text[j]!) || text[j] === "$")) j++;
        literal += text.slice(i, j);
        i = j;
        continue;
      }
    }
    literal += c;
    i++;
  }
  if (literal) parts.push(literal);
  return { row, column, parts };
}

function matchRef(text: string, i: number): { ref: Ref; end: number } | undefined {
  CELL.lastIndex = i;
  let m = CELL.exec(text);
  if (m) return { ref: { kind: "cell", a: lettersToColumn(m[2]!), aAbs: m[1] === "$", b: Number(m[4]) - 1, bAbs: m[3] === "$" }, end: CELL.lastIndex };
  COLUMNS.lastIndex = i;
  m = COLUMNS.exec(text);
  if (m) return { ref: { kind: "columns", a: lettersToColumn(m[2]!), aAbs: m[1] === "$", b: lettersToColumn(m[4]!), bAbs: m[3] === "$" }, end: COLUMNS.lastIndex };
  ROWS.lastIndex = i;
  m = ROWS.exec(text);
  if (m) return { ref: { kind: "rows", a: Number(m[2]) - 1, aAbs: m[1] === "$", b: Number(m[4]) - 1, bAbs: m[3] === "$" }, end: ROWS.lastIndex };
  return undefined;
}

/** The formula a child cell of a shared formula holds: the master's, with relative references moved. */
export function shiftSharedFormula(master: SharedFormula, row: number, column: number): string {
  const dr = row - master.row;
  const dc = column - master.column;
  let out = "";
  for (const p of master.parts) out += typeof p === "string" ? p : renderRef(p, dr, dc);
  return out;
}

function renderRef(r: Ref, dr: number, dc: number): string {
  if (r.kind === "cell") {
    const col = r.aAbs ? r.a : r.a + dc;
    const row = r.bAbs ? r.b : r.b + dr;
    if (col < 0 || col >= EXCEL_MAX_COLUMNS || row < 0 || row >= EXCEL_MAX_ROWS) return "#REF!";
    return `${r.aAbs ? "$" : ""}${columnToLetters(col)}${r.bAbs ? "$" : ""}${row + 1}`;
  }
  const d = r.kind === "columns" ? dc : dr;
  const max = r.kind === "columns" ? EXCEL_MAX_COLUMNS : EXCEL_MAX_ROWS;
  const a = r.aAbs ? r.a : r.a + d;
  const b = r.bAbs ? r.b : r.b + d;
  if (a < 0 || b < 0 || a >= max || b >= max) return "#REF!";
  const show = (v: number) => (r.kind === "columns" ? columnToLetters(v) : String(v + 1));
  return `${r.aAbs ? "$" : ""}${show(a)}:${r.bAbs ? "$" : ""}${show(b)}`;
}

function lettersToColumn(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + ((letters.charCodeAt(i) | 0x20) - 96);
  return n - 1;
}

function columnToLetters(column: number): string {
  let n = column + 1;
  let s = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
