import { CsvError, parse } from "csv-parse/sync";
import { isBlank } from "./masterCells";
import { masterIssue, type MasterIssue } from "./MasterIssue";
import type { RawRow, TableRead } from "./RawTable";

/** A record longer than this is refused (it is not a row of any master dataset). */
const MAX_RECORD_CHARACTERS = 1_000_000;

/**
 * Reads a CSV export: UTF-8 with or without a byte-order mark, comma or semicolon separators (whichever the
 * header line uses), quoted fields, strict quoting. Each row keeps the line the analyst sees in an editor.
 * A row whose number of fields differs from the header's is an issue; the rest of the file is still read.
 */
export function readCsvTable(bytes: Buffer): TableRead {
  const head = bytes.subarray(0, 8192);
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) || head.includes(0)) {
    return refuse(
      masterIssue(
        "NOT_TEXT",
        null,
        null,
        {
          es: "El archivo no es un CSV de texto (parece un libro de Excel u otro archivo binario con la extensión cambiada). Cárguelo como .xlsx, o en Excel use «Guardar como» → «CSV UTF-8».",
          en: 'The file is not a text CSV (it looks like an Excel workbook or another binary file with its extension changed). Load it as .xlsx, or in Excel use "Save as" → "CSV UTF-8".',
        },
      ),
    );
  }
  let text: string;
  try {
    // ignoreBOM false: a UTF-8 byte-order mark (Excel's "CSV UTF-8") is dropped.
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return refuse(
      masterIssue("NOT_UTF8", null, null, {
        es: "El archivo no está en UTF-8 (Excel guarda «CSV (delimitado por comas)» en otra codificación y los acentos se perderían). En Excel use «Guardar como» → «CSV UTF-8 (delimitado por comas)», o cargue el .xlsx.",
        en: 'The file is not UTF-8 (Excel saves "CSV (comma delimited)" in another encoding and accents would be lost). In Excel use "Save as" → "CSV UTF-8 (comma delimited)", or load the .xlsx.',
      }),
    );
  }

  // One line ending for the whole file (Windows CRLF, old Mac CR) keeps the line count exact, also inside
  // quoted values that span lines.
  text = text.replace(/\r\n?/g, "\n");
  // Excel's "sep=;" first line names the separator; the headers follow on line 2.
  const sepLine = /^sep=([,;])\n/i.exec(text);
  const firstLine = sepLine ? 2 : 1;
  if (sepLine) text = text.slice(sepLine[0].length);
  let records: string[][];
  try {
    // Empty lines are kept (as one empty field) so that each record's line is counted here: the parser's own
    // per-record info doubles the parsing time of a large file.
    records = parse(text, { delimiter: sepLine ? (sepLine[1] as "," | ";") : detectDelimiter(text), record_delimiter: "\n", relax_column_count: true, max_record_size: MAX_RECORD_CHARACTERS });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // The parser's own message may quote the file's content: only its line is shown.
    const line = typeof (error as CsvError & { lines?: unknown }).lines === "number" ? (error as CsvError & { lines: number }).lines : null;
    return refuse(
      masterIssue("CSV_MALFORMED", line, null, {
        es: `El CSV está mal formado${line ? ` cerca de la línea ${line}` : ""} (${error.code}): suele ser una comilla sin cerrar o texto pegado a una comilla de cierre. Ábralo en Excel y guárdelo de nuevo como «CSV UTF-8».`,
        en: `The CSV is malformed${line ? ` near line ${line}` : ""} (${error.code}): usually an unclosed quote or text right after a closing quote. Open it in Excel and save it again as "CSV UTF-8".`,
      }),
    );
  }

  let line = firstLine;
  let k = 0;
  // The header is the first line that is not blank.
  while (k < records.length && records[k]!.every(isBlank)) line += linesOf(records[k++]!);
  if (k === records.length) {
    return refuse(
      masterIssue("NO_HEADER", firstLine, null, {
        es: "El archivo no tiene fila de encabezados: la primera línea debe nombrar las columnas (vea docs/data-model.md, «Datos maestros»).",
        en: 'The file has no header row: the first line must name the columns (see docs/data-model.md, "Master data").',
      }),
    );
  }
  if (line !== firstLine) {
    return refuse(
      masterIssue("NO_HEADER", firstLine, null, {
        es: `La línea ${firstLine} está vacía: los encabezados de las columnas deben estar en la primera línea (hay texto desde la línea ${line}).`,
        en: `Line ${firstLine} is empty: the column headers must be on the first line (there is text from line ${line} on).`,
      }),
    );
  }
  const header = records[k]!.map((h) => h.trim());
  line += linesOf(records[k++]!);
  const rows: RawRow[] = [];
  const issues: MasterIssue[] = [];
  for (; k < records.length; k++) {
    const record = records[k]!;
    const rowNumber = line;
    line += linesOf(record);
    if (record.every(isBlank)) continue;
    // Trailing empty fields (a separator at the end of the line) are harmless; anything else is misaligned.
    if (record.length !== header.length && !record.slice(header.length).every(isBlank)) {
      issues.push(
        masterIssue("WRONG_FIELD_COUNT", rowNumber, null, {
          es: `La línea tiene ${record.length} campos y el encabezado ${header.length}: revise que los valores que contienen el separador estén entre comillas.`,
          en: `The line has ${record.length} fields and the header ${header.length}: check that values containing the separator are quoted.`,
        }),
      );
      continue;
    }
    rows.push({ rowNumber, cells: record });
  }
  return { ok: true, table: { kind: "csv", header, rows, date1904: false }, issues };
}

/** Lines a record takes: one, plus the line breaks inside its quoted values. */
function linesOf(record: readonly string[]): number {
  let n = 1;
  for (const field of record) {
    for (let i = field.indexOf("\n"); i !== -1; i = field.indexOf("\n", i + 1)) n++;
  }
  return n;
}

/** Semicolon when the header line has more semicolons than commas outside quotes (Excel in Spanish), else comma. */
export function detectDelimiter(text: string): "," | ";" {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "\n" || c === "\r")) break;
    else if (!quoted && c === ",") commas++;
    else if (!quoted && c === ";") semicolons++;
  }
  return semicolons > commas ? ";" : ",";
}

function refuse(issue: MasterIssue): TableRead {
  return { ok: false, issues: [issue] };
}
