import { createHmac, randomBytes } from "node:crypto";
import { closeSync, existsSync, fsyncSync, linkSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { EXIT, PipelineError } from "../cli/PipelineError";
import { describeSystemCode } from "../cli/fileSystemError";
import { makeFolderSync } from "../files/makeFolder";
import { syncFolderSync } from "../files/writeFileAtomic";

/**
 * The key of the keyed hash (HMAC-SHA-256) that replaces service numbers before anything is stored. Service
 * numbers have 8 digits: a plain hash would be reversed by brute force in minutes, so the key is what protects
 * them. It lives outside the database and never appears in any output.
 */
export interface PseudonymKey {
  readonly key: Buffer;
  /** HMAC of a fixed label: lets a database check it is always given the same key, without revealing it. */
  readonly fingerprint: string;
  readonly source: "env" | "file";
  readonly file?: string;
  readonly created: boolean;
}

const MIN_KEY_LENGTH = 32;

/** Where the key file lives unless PA1325_KEY_FILE says otherwise: the user's config folder, never the project. */
export function defaultKeyFile(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), ".config");
  return path.join(base, "pa1325", "pseudonymisation.key");
}

/**
 * PA1325_KEY (at least 32 characters), else the key file (PA1325_KEY_FILE or the default), created on first use
 * with 32 random bytes and owner-only permissions. `warn` tells the analyst to back a new key up.
 */
export function loadPseudonymKey(
  env: NodeJS.ProcessEnv,
  warn: (text: { es: string; en: string }) => void,
  options: { create: boolean } = { create: true },
): PseudonymKey {
  const fromEnv = env.PA1325_KEY;
  if (fromEnv !== undefined && fromEnv !== "") {
    if (fromEnv.length < MIN_KEY_LENGTH) {
      throw new PipelineError(
        "KEY_TOO_SHORT",
        {
          es: `PA1325_KEY debe tener al menos ${MIN_KEY_LENGTH} caracteres (tiene ${fromEnv.length}). Use una clave aleatoria larga.`,
          en: `PA1325_KEY must be at least ${MIN_KEY_LENGTH} characters long (it has ${fromEnv.length}). Use a long random key.`,
        },
        EXIT.fatal,
      );
    }
    return withFingerprint(Buffer.from(fromEnv, "utf8"), { source: "env", created: false });
  }
  const file = env.PA1325_KEY_FILE || defaultKeyFile(env);
  if (existsSync(file)) return readKeyFile(file);
  if (!options.create) {
    // A dry run stores nothing, so it does not create a key file either: a throwaway key stands in.
    return withFingerprint(randomBytes(32), { source: "file", file, created: false });
  }
  const text = createKeyFileOrSay(file);
  // Another process created the key first: use theirs.
  if (text === null) return readKeyFile(file);
  warn({
    es: `Se creó una clave de seudonimización nueva en ${file}. Guarde una copia segura: sin ella los números de servicio de envíos futuros no se podrán vincular con los ya almacenados.`,
    en: `A new pseudonymisation key was created in ${file}. Keep a safe copy: without it, service numbers in future submissions cannot be linked to those already stored.`,
  });
  return withFingerprint(Buffer.from(text, "utf8"), { source: "file", file, created: true });
}

/** The key ingest and load would use, when one is given or its file exists; undefined otherwise (nothing is created). */
export function findPseudonymKey(env: NodeJS.ProcessEnv): PseudonymKey | undefined {
  if (env.PA1325_KEY !== undefined && env.PA1325_KEY !== "") return loadPseudonymKey(env, () => {}, { create: false });
  const file = env.PA1325_KEY_FILE || defaultKeyFile(env);
  return existsSync(file) ? readKeyFile(file) : undefined;
}

function readKeyFile(file: string): PseudonymKey {
  const text = readFileSync(file, "utf8").trim();
  if (text.length < MIN_KEY_LENGTH) {
    throw new PipelineError(
      "KEY_TOO_SHORT",
      { es: `El archivo de clave ${file} es demasiado corto o está vacío.`, en: `The key file ${file} is too short or empty.` },
      EXIT.fatal,
    );
  }
  return withFingerprint(Buffer.from(text, "utf8"), { source: "file", file, created: false });
}

/** createKeyFile, a folder or disk that refuses it said with what to do instead (the key can be given otherwise). */
function createKeyFileOrSay(file: string): string | null {
  try {
    return createKeyFile(file);
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    if (typeof code !== "string") throw error;
    const reason = describeSystemCode(code) ?? { es: code, en: code };
    throw new PipelineError(
      "KEY_FILE_NOT_CREATED",
      {
        es: `no se pudo crear la clave de seudonimización en ${file}: ${reason.es}. Indique dónde guardarla con PA1325_KEY_FILE (un archivo en una carpeta donde pueda escribir, fuera del proyecto) o dé la clave en PA1325_KEY (32 caracteres o más).`,
        en: `could not create the pseudonymisation key in ${file}: ${reason.en}. Say where to keep it with PA1325_KEY_FILE (a file in a folder you can write to, outside the project) or give the key in PA1325_KEY (32 characters or more).`,
      },
      EXIT.fatal,
    );
  }
}

/**
 * Writes a new key whole and durably before anything is stored with it: into a temporary file in the same
 * folder, flushed to disk, then linked under its name (a link never replaces a file, so a key another process
 * made meanwhile is kept: returns null), and the folder flushed (syncFolderSync). A crash or a power cut at any
 * moment leaves the complete key or none — never an empty key file beside a database that used the key.
 */
function createKeyFile(file: string): string | null {
  const dir = path.dirname(file);
  makeFolderSync(dir, 0o700);
  const text = randomBytes(32).toString("hex");
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const fd = openSync(temp, "wx", 0o600);
  try {
    writeSync(fd, `${text}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return null;
    throw error;
  } finally {
    rmSync(temp, { force: true });
  }
  syncFolderSync(dir);
  return text;
}

function withFingerprint(key: Buffer, rest: Omit<PseudonymKey, "key" | "fingerprint">): PseudonymKey {
  const fingerprint = createHmac("sha256", key).update("pa1325 key check v1").digest("hex").slice(0, 16);
  return { key, fingerprint, ...rest };
}

/** The pseudonym stored in place of a service number. */
export function pseudonymise(key: PseudonymKey, serviceNumber: string): string {
  return createHmac("sha256", key.key).update(serviceNumber.trim(), "utf8").digest("hex");
}

/**
 * pseudonymise, remembered for one run: the files of a folder list the same people again and again (a resubmission
 * repeats its roster), and each HMAC costs more than a lookup. At most `max` people are remembered, in this
 * process's memory only, where their rows already are.
 */
export function rememberingPseudonyms(key: PseudonymKey, max = 20_000): (serviceNumber: string) => string {
  const known = new Map<string, string>();
  return (serviceNumber) => {
    let id = known.get(serviceNumber);
    if (id === undefined) {
      id = pseudonymise(key, serviceNumber);
      if (known.size < max) known.set(serviceNumber, id);
    }
    return id;
  };
}
