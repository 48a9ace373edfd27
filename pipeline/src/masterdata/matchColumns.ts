import type { LocalizedText } from "../../../core/src/i18n/Language";
import { foldText } from "../../../core/src/validation/cellValues";
import type { ColumnSpec } from "./DatasetSpec";
import { isBlank, showCell } from "./masterCells";
import { masterIssue, type MasterIssue } from "./MasterIssue";
import { columnPosition, type RawTable } from "./RawTable";

/** A header compared without case, accents, spaces, dashes or underscores: "Año_Nacimiento" → "anonacimiento". */
export function headerKey(text: string): string {
  return foldText(text).replace(/[\s_-]+/g, "");
}

export interface ColumnMatch<F extends string> {
  /** Field → column position in the file. */
  positions: Map<F, number>;
  /** Field → the header as written in the file (what messages call the column). */
  headers: Map<F, string>;
  /** Missing and repeated columns (errors) and the one warning listing ignored columns. */
  issues: MasterIssue[];
}

/**
 * Matches the file's header row to a dataset's columns, in any order. Columns the dataset does not know are
 * ignored and never stored (they may hold names), and reported once; a blank-headed column is reported only if
 * it holds data.
 */
export function matchColumns<F extends string>(columns: ReadonlyArray<ColumnSpec<F>>, table: RawTable): ColumnMatch<F> {
  const byKey = new Map<string, ColumnSpec<F>>();
  for (const c of columns) for (const name of c.names) byKey.set(headerKey(name), c);
  const positions = new Map<F, number>();
  const headers = new Map<F, string>();
  const issues: MasterIssue[] = [];
  const ignored: LocalizedText[] = [];
  let width = table.header.length;
  for (const r of table.rows) if (r.cells.length > width) width = r.cells.length;
  for (let i = 0; i < width; i++) {
    const text = table.header[i] ?? "";
    const key = headerKey(text);
    const spec = key === "" ? undefined : byKey.get(key);
    if (!spec) {
      if (key !== "") ignored.push({ es: `«${showCell(text)}»`, en: `"${showCell(text)}"` });
      else if (table.rows.some((r) => !isBlank(r.cells[i]))) ignored.push(columnLabel(table, i));
      continue;
    }
    const earlier = positions.get(spec.field);
    if (earlier !== undefined) {
      issues.push(
        masterIssue("DUPLICATE_COLUMN", 1, showCell(text), {
          es: `La columna «${showCell(text)}» repite ${spec.what.es} (ya en «${headers.get(spec.field)}»). Deje una sola.`,
          en: `The column "${showCell(text)}" repeats ${spec.what.en} (already in "${headers.get(spec.field)}"). Keep only one.`,
        }),
      );
      continue;
    }
    positions.set(spec.field, i);
    headers.set(spec.field, showCell(text));
  }
  for (const c of columns) {
    if (c.required && !positions.has(c.field)) {
      issues.push(
        masterIssue("MISSING_COLUMN", 1, c.names[0]!, {
          es: `Falta la columna de ${c.what.es}. Su encabezado en la fila 1 puede ser: ${c.names.join(", ")}.`,
          en: `The column for ${c.what.en} is missing. Its header in row 1 may be: ${c.names.join(", ")}.`,
        }),
      );
    }
  }
  if (ignored.length > 0) {
    issues.push(
      masterIssue("UNKNOWN_COLUMNS", 1, null, {
        es: `Se ignoraron ${ignored.length} columna(s) que este formato no usa: ${ignored.map((t) => t.es).join(", ")}. Su contenido no se guardó; si contienen datos personales, quítelas del archivo.`,
        en: `${ignored.length} column(s) this format does not use were ignored: ${ignored.map((t) => t.en).join(", ")}. Their content was not stored; if they hold personal data, remove them from the file.`,
      }),
    );
  }
  return { positions, headers, issues };
}

function columnLabel(table: RawTable, index: number): LocalizedText {
  const where = columnPosition(table.kind, index);
  return table.kind === "csv"
    ? { es: `el campo ${where} (sin encabezado)`, en: `field ${where} (no header)` }
    : { es: `la columna ${where} (sin encabezado)`, en: `column ${where} (no header)` };
}
