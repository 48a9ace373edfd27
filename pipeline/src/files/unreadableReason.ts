import type { LocalizedText } from "../../../core/src/i18n/Language";

const PERMISSION = {
  file: { es: "no hay permiso para leerlo", en: "there is no permission to read it" },
  folder: { es: "no tiene permiso para abrirla", en: "you do not have permission to open it" },
};
const GONE = { es: "ya no existe (se movió o borró durante la carga)", en: "it no longer exists (moved or deleted during the run)" };
const READ_ERROR = { es: "error de lectura del disco o de la red", en: "a disk or network read error" };
const TIMED_OUT = { es: "la red no respondió a tiempo", en: "the network did not answer in time" };

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
 * The reason, in the analyst's words, that a file could not be read or a folder opened; undefined for any other
 * error (a bug must still look like one).
 */
export function unreadableReason(error: unknown, what: "file" | "folder"): LocalizedText | undefined {
  const code = typeof error === "object" && error !== null ? (error as NodeJS.ErrnoException).code : undefined;
  return code !== undefined && Object.hasOwn(REASONS, code) ? REASONS[code]![what] : undefined;
}
