// First: DuckDB's allocator reads its options from the environment when the library loads, in whichever thread.
import "../db/duckdbAllocator";
// And libuv reads the size of its thread pool when the pool first starts.
import "./threadPool";
import { isLanguage } from "../../../core/src/i18n/Language";
import { asPipelineError } from "../db/databaseIoError";
import { cliLanguage } from "./cliLanguage";
import { processEffects, type CommandContext, type Effects } from "./CommandContext";
import type { catalogCommand } from "./commands/catalogCommand";
import type { templateCommand } from "./commands/templateCommand";
import type { ingestCommand } from "./commands/ingestCommand";
import type { loadCommand } from "./commands/loadCommand";
import type { reportCommand } from "./commands/reportCommand";
import type { backupCommand } from "./commands/backupCommand";
import type { restoreCommand } from "./commands/restoreCommand";
import type { checkCommand } from "./commands/checkCommand";
import type { statusCommand } from "./commands/statusCommand";
import type { demoCommand } from "./commands/demoCommand";
import { describeFileSystemError } from "./fileSystemError";
import { EXIT, PipelineError } from "./PipelineError";

type Command = (args: string[], ctx: CommandContext) => Promise<number>;

/*
 * Each command's module is loaded only when it runs: loading them all up front (ExcelJS, DuckDB, Arrow) cost
 * every invocation 0.3–0.5 s. `require` keeps the synchronous CommonJS loading the compiled CLI uses.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const COMMANDS: Record<string, { load: () => Command; summary: { es: string; en: string } }> = {
  catalog: {
    load: () => (require("./commands/catalogCommand") as { catalogCommand: typeof catalogCommand }).catalogCommand,
    summary: { es: "Resume el catálogo de indicadores vigente", en: "Summarise the current indicator catalog" },
  },
  template: {
    load: () => (require("./commands/templateCommand") as { templateCommand: typeof templateCommand }).templateCommand,
    summary: { es: "Escribe la plantilla de ingreso en blanco de una institución", en: "Write an institution's blank entry template" },
  },
  ingest: {
    load: () => (require("./commands/ingestCommand") as { ingestCommand: typeof ingestCommand }).ingestCommand,
    summary: { es: "Carga en la base de datos los libros enviados por las instituciones", en: "Load the workbooks sent by institutions into the database" },
  },
  load: {
    load: () => (require("./commands/loadCommand") as { loadCommand: typeof loadCommand }).loadCommand,
    summary: { es: "Carga datos maestros: personal, capacitación, despliegues, datos y metas de la ONU", en: "Load master data: personnel, training, deployments, UN data and targets" },
  },
  status: {
    load: () => (require("./commands/statusCommand") as { statusCommand: typeof statusCommand }).statusCommand,
    summary: { es: "Dice cómo va el informe de un semestre, institución por institución", en: "Say where a semester's reporting stands, institution by institution" },
  },
  report: {
    load: () => (require("./commands/reportCommand") as { reportCommand: typeof reportCommand }).reportCommand,
    summary: { es: "Escribe el paquete del Comité de un semestre (xlsx, html, Parquet/Arrow)", en: "Write the Committee pack for a semester (xlsx, html, Parquet/Arrow)" },
  },
  backup: {
    load: () => (require("./commands/backupCommand") as { backupCommand: typeof backupCommand }).backupCommand,
    summary: { es: "Copia la base de datos entera y comprueba la copia", en: "Copy the whole database and check the copy" },
  },
  restore: {
    load: () => (require("./commands/restoreCommand") as { restoreCommand: typeof restoreCommand }).restoreCommand,
    summary: { es: "Pone una copia de seguridad en el lugar de la base de datos", en: "Put a backup in the database's place" },
  },
  check: {
    load: () => (require("./commands/checkCommand") as { checkCommand: typeof checkCommand }).checkCommand,
    summary: { es: "Lee la base de datos entera y comprueba lo que PA1325 garantiza de ella (y, con --against, que coincide con los libros recibidos)", en: "Read the whole database and check what PA1325 promises of it (and, with --against, that it matches the workbooks received)" },
  },
  demo: {
    load: () => (require("./commands/demoCommand") as { demoCommand: typeof demoCommand }).demoCommand,
    summary: { es: "Demostración completa con datos sintéticos (plantillas, ingesta, cargas, reporte)", en: "Full demonstration on synthetic data (templates, ingest, loads, report)" },
  },
};
/* eslint-enable @typescript-eslint/no-require-imports */

function usage(ctx: CommandContext): string {
  const lang = ctx.language;
  const lines = [lang === "es" ? "Uso: pa1325 <comando> [opciones]" : "Usage: pa1325 <command> [options]", ""];
  for (const [name, c] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(10)} ${c.summary[lang]}`);
  lines.push("", lang === "es" ? "Opciones comunes: --lang es|en, --debug, --help" : "Common options: --lang es|en, --debug, --help");
  return lines.join("\n");
}

/** Pulls the options every command shares out of argv. */
function splitCommon(argv: string[]): { rest: string[]; lang?: string; debug: boolean; help: boolean } {
  const rest: string[] = [];
  let lang: string | undefined;
  let debug = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--debug") debug = true;
    else if (a === "--help" || a === "-h") help = true;
    else if (a === "--lang") lang = argv[++i] ?? "";
    else if (a.startsWith("--lang=")) lang = a.slice("--lang=".length);
    else rest.push(a);
  }
  return lang === undefined ? { rest, debug, help } : { rest, lang, debug, help };
}

/** Runs one CLI invocation and returns its exit code; every failure ends here with a message. */
export async function main(argv: string[], effects: Effects = processEffects): Promise<number> {
  const common = splitCommon(argv);
  const ctx: CommandContext = { language: cliLanguage(common.lang, effects.env), debug: common.debug, effects };
  // An unknown language is refused, not ignored: `template --lang fr` would otherwise write a Spanish template.
  if (common.lang !== undefined && !isLanguage(common.lang)) {
    effects.stderr(
      ctx.language === "es"
        ? `Error: --lang debe ser es (español) o en (inglés); se recibió «${common.lang}».`
        : `Error: --lang must be es (Spanish) or en (English); got "${common.lang}".`,
    );
    return EXIT.fatal;
  }
  const [name, ...args] = common.rest;
  if (!name) {
    (common.help ? effects.stdout : effects.stderr)(usage(ctx));
    return common.help ? EXIT.ok : EXIT.fatal;
  }
  const command = COMMANDS[name];
  if (!command || !Object.hasOwn(COMMANDS, name)) {
    effects.stderr(ctx.language === "es" ? `Comando desconocido: ${name}` : `Unknown command: ${name}`);
    effects.stderr(usage(ctx));
    return EXIT.fatal;
  }
  try {
    return await command.load()(common.help ? ["--help", ...args] : args, ctx);
  } catch (error) {
    // Said in words, in this order: the command's own error; a file the system refused (its code and path, Node's
    // or made from DuckDB's words where DuckDB wrote a file other than the database); the database's disk or file.
    const fileSystem = error instanceof PipelineError ? undefined : describeFileSystemError(error, ctx.language);
    const known = fileSystem === undefined ? asPipelineError(error) : undefined;
    const text = known?.text[ctx.language] ?? fileSystem;
    if (text !== undefined) {
      effects.stderr(`Error: ${text}`);
      if (ctx.debug && error instanceof Error && error.stack) effects.stderr(error.stack);
      return known?.exitCode ?? EXIT.fatal;
    }
    effects.stderr(ctx.language === "es" ? "Error inesperado. Vuelva a ejecutar con --debug para ver el detalle." : "Unexpected error. Run again with --debug to see the details.");
    if (ctx.debug) effects.stderr(error instanceof Error ? (error.stack ?? error.message) : String(error));
    else effects.stderr(error instanceof Error ? error.message : String(error));
    return EXIT.fatal;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
