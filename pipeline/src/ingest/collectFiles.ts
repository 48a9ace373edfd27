import { promises as fs } from "node:fs";
import path from "node:path";
import { EXIT, PipelineError } from "../cli/PipelineError";

export interface CollectedFiles {
  /** .xlsx files to ingest, in a stable order (sorted paths). */
  files: string[];
  /** Files inside the folders that are not .xlsx, or Excel's own "~$" lock files: left alone. */
  skipped: string[];
}

/**
 * Expands the paths given on the command line: files as given, folders recursively (.xlsx only). A missing path
 * is a usage error; symbolic links are not followed into folders (a shared folder may link anywhere, and into
 * itself), but a link to a workbook is taken like the workbook (an analyst's shortcut to a file kept elsewhere).
 */
export async function collectFiles(paths: readonly string[]): Promise<CollectedFiles> {
  const files = new Set<string>();
  const skipped: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if ((entry.isFile() || (entry.isSymbolicLink() && (await isLinkToFile(full)))) && isWorkbookName(entry.name)) files.add(path.resolve(full));
      else if (entry.isFile() || entry.isSymbolicLink()) skipped.push(full);
    }
  };
  for (const p of paths) {
    let stat;
    try {
      stat = await fs.stat(p);
    } catch {
      throw new PipelineError(
        "PATH_NOT_FOUND",
        { es: `no existe el archivo o carpeta «${p}».`, en: `no such file or folder: "${p}".` },
        EXIT.fatal,
      );
    }
    if (stat.isDirectory()) await walk(p);
    else files.add(path.resolve(p));
  }
  return { files: [...files].sort(), skipped: skipped.sort() };
}

/** A symbolic link whose target is a regular file (not a folder, not dangling). */
async function isLinkToFile(link: string): Promise<boolean> {
  try {
    return (await fs.stat(link)).isFile();
  } catch {
    return false;
  }
}

function isWorkbookName(name: string): boolean {
  return name.toLowerCase().endsWith(".xlsx") && !name.startsWith("~$") && !name.startsWith(".~lock");
}

/** Spreadsheet formats an institution might send instead of .xlsx (older Excel, macro-enabled, binary, templates, LibreOffice, CSV). */
const OTHER_SPREADSHEETS = [".xls", ".xlsm", ".xlsb", ".xltx", ".xltm", ".ods", ".csv", ".numbers"];

/**
 * A skipped file that is probably a submission saved in the wrong format, so the analyst must hear of it by name
 * (Excel's and LibreOffice's lock files, `~$…` and `.~lock…`, are not).
 */
export function looksLikeSpreadsheet(file: string): boolean {
  const name = path.basename(file);
  if (name.startsWith("~$") || name.startsWith(".~lock")) return false;
  const lower = name.toLowerCase();
  return OTHER_SPREADSHEETS.some((ext) => lower.endsWith(ext));
}
