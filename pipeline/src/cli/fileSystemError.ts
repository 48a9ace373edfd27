import type { Language, LocalizedText } from "../../../core/src/i18n/Language";
import { finalNameOf } from "../files/writeFileAtomic";

/** What each file-system failure means, in the analyst's words (Node's error codes). */
const REASONS: Record<string, LocalizedText> = {
  ENOENT: { es: "no existe (o no existe la carpeta que lo contiene)", en: "it does not exist (or the folder it should be in does not)" },
  ENOTDIR: { es: "una parte de la ruta es un archivo, no una carpeta", en: "part of the path is a file, not a folder" },
  EISDIR: { es: "es una carpeta, no un archivo", en: "it is a folder, not a file" },
  // From creating a folder (--out) where a file of that name already is.
  EEXIST: { es: "ya hay un archivo con ese nombre donde debería ir una carpeta", en: "a file of that name is where a folder should be" },
  EACCES: { es: "no tiene permiso", en: "you do not have permission" },
  EPERM: { es: "no tiene permiso", en: "you do not have permission" },
  EROFS: { es: "el disco es de solo lectura", en: "the disk is read-only" },
  ENOSPC: { es: "no queda espacio en el disco", en: "the disk is full" },
  EDQUOT: { es: "se agotó su cuota de disco", en: "your disk quota is used up" },
  EFBIG: { es: "superó el tamaño de archivo más grande que permite el disco o la cuenta", en: "it is larger than the disk or account allows a file to be" },
  ENAMETOOLONG: { es: "el nombre es demasiado largo", en: "the name is too long" },
  EIO: { es: "el disco falló al leer o escribir (error de entrada/salida)", en: "the disk failed to read or write (an input/output error)" },
  // A network drive or a USB stick gone while in use: SMB, NFS and FUSE mounts say it with these codes.
  ENOTCONN: { es: "la unidad que lo contiene ya no está conectada", en: "the drive that holds it is no longer connected" },
  ESTALE: { es: "la unidad de red que lo contiene ya no lo reconoce (se desconectó o se volvió a montar)", en: "the network drive that holds it no longer knows it (disconnected or mounted again)" },
  EHOSTDOWN: { es: "el servidor de la unidad de red no responde", en: "the network drive's server does not answer" },
  ENXIO: { es: "el dispositivo que lo contiene ya no está", en: "the device that holds it is gone" },
  ENODEV: { es: "el dispositivo que lo contiene ya no está", en: "the device that holds it is gone" },
  // Windows: a file another program has open (a report or template open in Excel while it is written again).
  EBUSY: { es: "está abierto en otro programa (Excel, por ejemplo)", en: "it is open in another program (Excel, for example)" },
};

/**
 * On Windows, replacing a file another program has open (Excel, most often) fails as EPERM as well as EBUSY (libuv's
 * code for the system's "access denied"): both causes are named, the likelier first.
 */
const OPEN_OR_NOT_PERMITTED: LocalizedText = {
  es: "está abierto en otro programa (Excel, por ejemplo), o no tiene permiso",
  en: "it is open in another program (Excel, for example), or you do not have permission",
};
const CLOSE_IT: LocalizedText = { es: "Ciérrelo en ese programa y vuelva a intentarlo.", en: "Close it in that program and try again." };

/** What a system error code means, in the analyst's words; undefined for a code not listed. */
export function describeSystemCode(code: string): LocalizedText | undefined {
  return Object.hasOwn(REASONS, code) ? REASONS[code] : undefined;
}

/** What to do, where it is not to check the path: the disk itself is the problem. */
const ADVICE: Record<string, LocalizedText> = {
  ENOSPC: { es: "Libere espacio en ese disco (o elija otro) y vuelva a intentarlo.", en: "Free some space on that disk (or choose another) and try again." },
  EDQUOT: { es: "Libere espacio o pida más cuota (o elija otro disco) y vuelva a intentarlo.", en: "Free some space or ask for a larger quota (or choose another disk) and try again." },
  EROFS: { es: "Elija una carpeta donde pueda escribir.", en: "Choose a folder you can write to." },
  EBUSY: CLOSE_IT,
  ...Object.fromEntries(
    ["EIO", "ENOTCONN", "ESTALE", "EHOSTDOWN", "ENXIO", "ENODEV"].map((code) => [
      code,
      { es: "Revise el disco o vuelva a conectar la unidad (de red o USB) y vuelva a intentarlo.", en: "Check the disk, or reconnect the drive (network or USB), and try again." },
    ]),
  ),
};
const CHECK_THE_PATH: LocalizedText = {
  es: "Revise la ruta (--out, --to, --db o el archivo indicado) y vuelva a intentarlo.",
  en: "Check the path (--out, --to, --db or the file given) and try again.",
};

/**
 * A message for a file-system error that names a path (a folder given to --out that is a file, a disk full or
 * read-only...): a problem with the machine or the command line, not a bug, so it is said plainly, naming the
 * file as the analyst knows it (never a temporary name). Undefined for anything else.
 */
export function describeFileSystemError(error: unknown, language: Language, platform: NodeJS.Platform = process.platform): string | undefined {
  // Not `instanceof Error`: errors made by Node's own fs may come from another realm (jest's, a vm context).
  if (typeof error !== "object" || error === null) return undefined;
  const { code, path } = error as NodeJS.ErrnoException;
  const openElsewhere = platform === "win32" && code === "EPERM";
  const reason = openElsewhere ? OPEN_OR_NOT_PERMITTED : code === undefined ? undefined : REASONS[code];
  if (reason === undefined || typeof path !== "string") return undefined;
  const file = finalNameOf(path);
  const advice = (openElsewhere ? CLOSE_IT : (ADVICE[code!] ?? CHECK_THE_PATH))[language];
  return language === "es" ? `no se pudo usar ${file}: ${reason.es}. ${advice}` : `could not use ${file}: ${reason.en}. ${advice}`;
}
