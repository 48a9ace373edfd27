import { promises as fs } from "node:fs";
import path from "node:path";
import type { LocalizedText } from "../../../core/src/i18n/Language";
import { EXIT, PipelineError } from "../cli/PipelineError";
import { unreadableReason } from "../files/unreadableReason";

export interface CollectedFiles {
  /** .xlsx files to ingest, in a stable order (sorted paths). */
  files: string[];
  /** Everything else in the folders (other files, Excel's own "~$" lock files, links, pipes): left alone. */
  skipped: string[];
  /** Folders (or paths given) that could not be opened: whatever workbooks they hold were not loaded. */
  unreadable: UnreadablePath[];
  /**
   * Symbolic links to folders outside the folders given (the real path of each): not followed, so whatever
   * workbooks they hold were not loaded. A link to a folder the walk reaches anyway (into itself, say) is in `skipped`.
   */
  linkedFolders: LinkedFolder[];
}

export interface LinkedFolder {
  path: string;
  target: string;
}

export interface UnreadablePath {
  path: string;
  reason: LocalizedText;
}

/**
 * Expands the paths given on the command line: files as given, folders recursively (.xlsx only). A missing path
 * is a usage error; a folder that cannot be opened is listed in `unreadable` and the others are still walked.
 * Symbolic links are not followed into folders (a shared folder may link anywhere, and into itself): those leading
 * outside the folders given are listed, so that the analyst hears of workbooks not loaded. A link to a workbook is
 * taken like the workbook (an analyst's shortcut to a file kept elsewhere). `stopAfter`: stop
 * listing once more workbooks than that are found (to tell a short run from a long one without holding every path).
 */
export async function collectFiles(paths: readonly string[], options: { stopAfter?: number } = {}): Promise<CollectedFiles> {
  const files = new Set<string>();
  const skipped: string[] = [];
  const unreadable: UnreadablePath[] = [];
  const linkedFolders: LinkedFolder[] = [];
  const { stopAfter = Infinity } = options;
  // The real paths of the folders given: a link into one of them leads nowhere the walk does not go anyway.
  const roots = (await Promise.all(paths.map((p) => fs.realpath(p).catch(() => undefined)))).filter((r): r is string => r !== undefined);
  const walked = (real: string) => roots.some((root) => real === root || real.startsWith(root.endsWith(path.sep) ? root : root + path.sep));
  // Entries are read from the folder as they come (opendir), not all at once: a folder of 9,000 workbooks is never
  // held as 9,000 entries, and listing stops early with `stopAfter`.
  const walk = async (dir: string): Promise<void> => {
    if (files.size > stopAfter) return;
    try {
      const folder = await fs.opendir(dir, { bufferSize: 128 });
      try {
        for await (const entry of folder) {
          if (files.size > stopAfter) return;
          const full = path.join(dir, entry.name);
          if (entry.isDirectory()) {
            await walk(full);
            continue;
          }
          const linked = entry.isSymbolicLink() ? await linkTarget(full) : undefined;
          if ((entry.isFile() || linked?.kind === "file") && isWorkbookName(entry.name)) files.add(path.resolve(full));
          else if (linked?.kind === "folder" && !walked(linked.real)) linkedFolders.push({ path: path.resolve(full), target: linked.real });
          // Anything else (another file, a link, a pipe or device) is left alone and counted.
          else skipped.push(full);
        }
      } finally {
        // Closed on every way out (for await closes it when the loop ends; an early return or error may not).
        await folder.close().catch(() => {});
      }
    } catch (error) {
      // A shared folder often has a subfolder someone else keeps private: the rest is still loaded, and the
      // summary names what was not (the run exits with 1).
      const reason = unreadableReason(error, "folder", dir);
      if (!reason) throw error;
      unreadable.push({ path: path.resolve(dir), reason });
    }
  };
  for (const p of paths) {
    let stat;
    try {
      stat = await fs.stat(p);
    } catch (error) {
      // Given, but behind a folder the analyst may not open: listed like an unreadable folder, the rest goes on.
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EACCES" || code === "EPERM") {
        unreadable.push({
          path: path.resolve(p),
          reason: { es: "no tiene permiso para abrir la carpeta donde está", en: "you do not have permission to open the folder it is in" },
        });
        continue;
      }
      throw new PipelineError(
        "PATH_NOT_FOUND",
        { es: `no existe el archivo o carpeta «${p}».`, en: `no such file or folder: "${p}".` },
        EXIT.fatal,
      );
    }
    if (stat.isDirectory()) await walk(p);
    else if (stat.isFile()) files.add(path.resolve(p));
    // A pipe or a device: reading it could wait for ever.
    else
      throw new PipelineError(
        "NOT_A_FILE",
        { es: `«${p}» no es un archivo ni una carpeta (es una tubería o un dispositivo). Indique los libros o sus carpetas.`, en: `"${p}" is neither a file nor a folder (it is a pipe or a device). Give the workbooks or their folders.` },
        EXIT.fatal,
      );
  }
  const byPath = <T extends { path: string }>(a: T, b: T) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return { files: [...files].sort(), skipped: skipped.sort(), unreadable: unreadable.sort(byPath), linkedFolders: linkedFolders.sort(byPath) };
}

/** What a symbolic link leads to: a regular file, or a folder (with its real path); undefined when dangling or else. */
async function linkTarget(link: string): Promise<{ kind: "file" } | { kind: "folder"; real: string } | undefined> {
  try {
    const stat = await fs.stat(link);
    if (stat.isFile()) return { kind: "file" };
    if (stat.isDirectory()) return { kind: "folder", real: await fs.realpath(link) };
    return undefined;
  } catch {
    return undefined;
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
