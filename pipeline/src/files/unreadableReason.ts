import type { LocalizedText } from "../../../core/src/i18n/Language";

const PERMISSION = {
  file: { es: "no hay permiso para leerlo", en: "there is no permission to read it" },
  folder: { es: "no tiene permiso para abrirla", en: "you do not have permission to open it" },
};
const GONE = { es: "ya no existe (se movió o borró durante la carga)", en: "it no longer exists (moved or deleted during the run)" };
const READ_ERROR = { es: "error de lectura del disco o de la red", en: "a disk or network read error" };
const TIMED_OUT = { es: "la red no respondió a tiempo", en: "the network did not answer in time" };
/**
 * A name whose bytes are not UTF-8 (a Windows .zip unpacked on Linux, a share with another character set): Node
 * lists it with U+FFFD in place of those bytes, and no file has that name, so opening it says ENOENT.
 */
const NAME_NOT_UTF8 = {
  es: "su nombre no está en UTF-8 (pasa al copiarlo desde un .zip de Windows o un sistema antiguo) y no se puede abrir con ese nombre; cámbiele el nombre, por ejemplo sin tildes ni ñ",
  en: "its name is not in UTF-8 (this happens when it is copied from a Windows .zip or an older system) and it cannot be opened by that name; rename it, for example without accents or ñ",
};

/** Why no file has the name `path`, when its bytes were not UTF-8 (Node puts U+FFFD in their place); else undefined. */
export function nameNotUtf8(path: string): LocalizedText | undefined {
  return path.includes("\uFFFD") ? NAME_NOT_UTF8 : undefined;
}

/** Why a file could not be read, or a folder opened, by the system's error code (the Spanish agrees in gender). */
const REASONS: Record<string, { file?: LocalizedText; folder?: LocalizedText }> = {
  ENOENT: { file: GONE, folder: GONE },
  EACCES: PERMISSION,
  EPERM: PERMISSION,
  EISDIR: { file: { es: "es una carpeta", en: "it is a folder" } },
  EIO: { file: READ_ERROR, folder: READ_ERROR },
  ETIMEDOUT: { file: TIMED_OUT, folder: TIMED_OUT },
};

/**
 * The reason, in the analyst's words, that the file or folder at `path` could not be read or opened; undefined for
 * any other error (a bug must still look like one).
 */
export function unreadableReason(error: unknown, what: "file" | "folder", path: string): LocalizedText | undefined {
  const code = typeof error === "object" && error !== null ? (error as NodeJS.ErrnoException).code : undefined;
  if (code === "ENOENT" && nameNotUtf8(path)) return NAME_NOT_UTF8;
  return code !== undefined && Object.hasOwn(REASONS, code) ? REASONS[code]![what] : undefined;
}
