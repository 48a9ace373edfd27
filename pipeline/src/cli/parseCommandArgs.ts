import path from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { parseSemester, type Semester } from "../../../core/src/period/Semester";
import { EXIT, PipelineError } from "./PipelineError";

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * Parses a command's flags strictly. Unknown flags and missing values become a usage error in both
 * languages, naming the flag and pointing at --help.
 */
export function parseCommandArgs<O extends Options>(command: string, args: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    // Not `instanceof Error`: parseArgs's errors may come from another realm (jest's, a vm context).
    const detail = typeof error === "object" && error !== null && "message" in error ? String(error.message) : String(error);
    throw new PipelineError(
      "USAGE",
      {
        es: `opciones no válidas para «pa1325 ${command}»: ${detail}. Vea «pa1325 ${command} --help».`,
        en: `invalid options for "pa1325 ${command}": ${detail}. See "pa1325 ${command} --help".`,
      },
      EXIT.fatal,
    );
  }
}

export function usageError(command: string, text: { es: string; en: string }): PipelineError {
  return new PipelineError(
    "USAGE",
    { es: `${text.es} Vea «pa1325 ${command} --help».`, en: `${text.en} See "pa1325 ${command} --help".` },
    EXIT.fatal,
  );
}

/** A flag's whole number from `min` to `max` (`fallback` when not given), or a usage error naming the flag. */
export function wholeNumberOption(command: string, flag: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^[0-9]+$/.test(raw) || n < min || n > max) {
    throw usageError(command, { es: `${flag} debe ser un número entero entre ${min} y ${max}.`, en: `${flag} must be a whole number from ${min} to ${max}.` });
  }
  return n;
}

/** `--period`, required, as a semester; a usage error that shows the form when it is missing or not one. */
export function periodOption(command: string, raw: string | undefined, missing: { es: string; en: string }): Semester {
  if (!raw) throw usageError(command, missing);
  const semester = parseSemester(raw);
  if (!semester) {
    throw usageError(command, { es: `--period debe ser un semestre como 2026-S1; se recibió «${raw}».`, en: `--period must be a semester such as 2026-S1; got "${raw}".` });
  }
  return semester;
}

/**
 * `--arrival-times-from EARLIER_DB` (ingest, load), resolved; the database being filled cannot be its own earlier
 * one: a database is remade into a new file.
 */
export function arrivalTimesOption(command: string, raw: string | undefined, dbFile: string): string | undefined {
  if (raw === undefined) return undefined;
  const earlier = path.resolve(raw);
  if (earlier === dbFile) {
    throw usageError(command, {
      es: `--arrival-times-from es la misma base de datos que --db (${dbFile}): indique la base anterior, y cargue en una nueva.`,
      en: `--arrival-times-from is the same database as --db (${dbFile}): give the earlier database, and load into a new one.`,
    });
  }
  return earlier;
}
