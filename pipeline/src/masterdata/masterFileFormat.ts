import path from "node:path";
import { EXIT, PipelineError } from "../cli/PipelineError";

export type MasterFileFormat = "csv" | "xlsx";

/**
 * The file's format, from its extension: CSV or .xlsx. Anything else is refused before the database is
 * opened. Parquet is refused on purpose: reading it would hand untrusted bytes to DuckDB's reader (which
 * trusts its input) or add a dependency, for a format the institutions' systems do not export.
 */
export function masterFileFormat(file: string): MasterFileFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".csv") return "csv";
  if (ext === ".xlsx") return "xlsx";
  const name = path.basename(file);
  const why: Record<string, { es: string; en: string }> = {
    ".parquet": {
      es: "Parquet no se acepta (leerlo pasaría bytes no verificados al lector de DuckDB); expórtelo a CSV.",
      en: "Parquet is not accepted (reading it would hand unchecked bytes to DuckDB's reader); export it to CSV.",
    },
    ".xls": {
      es: "el formato .xls (Excel 97-2003) no se acepta; ábralo en Excel y guárdelo como .xlsx o «CSV UTF-8».",
      en: 'the .xls format (Excel 97-2003) is not accepted; open it in Excel and save it as .xlsx or "CSV UTF-8".',
    },
    ".xlsm": {
      es: "los libros con macros (.xlsm) no se aceptan; guárdelo como .xlsx (libro sin macros) o «CSV UTF-8».",
      en: 'macro-enabled workbooks (.xlsm) are not accepted; save it as .xlsx (workbook without macros) or "CSV UTF-8".',
    },
  };
  const reason = why[ext] ?? {
    es: "solo se aceptan archivos .csv (UTF-8) y .xlsx; en Excel use «Guardar como» → «CSV UTF-8» o «Libro de Excel».",
    en: 'only .csv (UTF-8) and .xlsx files are accepted; in Excel use "Save as" → "CSV UTF-8" or "Excel Workbook".',
  };
  throw new PipelineError("UNSUPPORTED_FILE", { es: `${name}: ${reason.es}`, en: `${name}: ${reason.en}` }, EXIT.fatal);
}
