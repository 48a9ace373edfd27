import { parseArgs, type ParseArgsConfig } from "node:util";
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
