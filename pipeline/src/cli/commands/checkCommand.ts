import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Language, LocalizedText } from "../../../../core/src/i18n/Language";
import { checkDatabase, type DatabaseCheck } from "../../db/checkDatabase";
import { compareWithWorkbooks, PROBLEM_VERDICTS, type FileVerdict, type WorkbookComparison } from "../../db/compareWithWorkbooks";
import { asPipelineError } from "../../db/databaseIoError";
import { openDatabase } from "../../db/Database";
import { migrate } from "../../db/migrate";
import { readDatabase } from "../../db/readDatabase";
import { readSetting } from "../../db/submissionStore";
import type { LinkedFolder, UnreadablePath } from "../../ingest/collectFiles";
import { ingestInWorker } from "../../ingest/ingestInWorker";
import { findPseudonymKey } from "../../privacy/pseudonymKey";
import { interruptedExitCode, stopRequests, type CommandContext } from "../CommandContext";
import { requireExistingDatabase, resolveDatabaseFile } from "../databaseFile";
import { parseCommandArgs, usageError } from "../parseCommandArgs";
import { EXIT, PipelineError } from "../PipelineError";
import { describeSystemCode } from "../fileSystemError";
import { createProgressBar } from "../progressBar";

const HELP = {
  es: `Uso: pa1325 check [--db ARCHIVO] [--against RUTA]... [--json] [--lang es|en]

Comprueba la base de datos: lee entera cada fila de cada tabla (DuckDB verifica cada bloque al leerlo) y revisa lo
que PA1325 garantiza de ella (una versión vigente por institución y semestre, ningún envío a medias, ninguna fila
huérfana, datos maestros iguales a su carga vigente…), y si la clave de seudonimización disponible es la suya. Úsela
tras un corte de luz, una restauración o una copia desde otro equipo, y antes del informe del Comité.
  --against RUTA  además, vuelve a leer los libros .xlsx de RUTA (archivo o carpeta, recursivamente; se puede
                  repetir) y compara, celda por celda, lo guardado de cada uno con lo que el archivo dice hoy; dice
                  también qué archivos nunca se cargaron y qué versiones vigentes no tienen archivo en RUTA
No cambia ningún dato. Código de salida: 0 todo en orden, 1 algún problema, 2 error de uso o fatal (p. ej. base dañada).`,
  en: `Usage: pa1325 check [--db FILE] [--against PATH]... [--json] [--lang es|en]

Checks the database: reads every row of every table whole (DuckDB verifies each block as it reads it) and checks
what PA1325 promises of it (one current version per institution and semester, no partial submission, no orphan
row, master data equal to their current load…), and whether the pseudonymisation key at hand is its own. Use it
after a power cut, a restore or a copy from another machine, and before the Committee's report.
  --against PATH  also reads the .xlsx workbooks in PATH again (a file or a folder, recursively; may be repeated)
                  and compares, cell by cell, what is stored of each with what the file says today; says too which
                  files were never loaded and which current versions have no file in PATH
Changes no data. Exit code: 0 all in order, 1 some problem, 2 usage or fatal error (e.g. a damaged database).`,
};

type KeyState = "matches" | "differs" | "none-found" | "not-needed";

/** `pa1325 check`: the database read whole and checked against PA1325's own rules. */
export async function checkCommand(args: string[], ctx: CommandContext): Promise<number> {
  const { values } = parseCommandArgs("check", args, {
    db: { type: "string" },
    against: { type: "string", multiple: true },
    json: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  });
  const { stdout } = ctx.effects;
  const lang = ctx.language;
  if (values.help) {
    stdout(HELP[lang]);
    return EXIT.ok;
  }
  const dbFile = resolveDatabaseFile(values.db, ctx.effects.env);
  requireExistingDatabase(dbFile);
  const { check, keyState } = await readDatabase(dbFile, async (db) => {
    const stored = await readSetting(db, "key_fingerprint");
    const key = findPseudonymKey(ctx.effects.env);
    const keyState: KeyState = stored === undefined ? "not-needed" : key === undefined ? "none-found" : key.fingerprint === stored ? "matches" : "differs";
    return { check: await checkDatabase(db), keyState };
  });
  const against = values.against ?? [];
  const compared = against.length === 0 ? undefined : await compareAgainst(against, dbFile, keyState, ctx);
  if (compared?.interruptedBy) return interruptedExitCode(compared.interruptedBy);
  const comparison = compared?.comparison;
  const filesDiffering = comparison?.files.filter((f) => PROBLEM_VERDICTS.has(f.verdict)).length ?? 0;
  const problems = check.results.filter((r) => r.problems > 0).length + (keyState === "differs" ? 1 : 0) + (filesDiffering > 0 ? 1 : 0);
  if (values.json) {
    stdout(
      JSON.stringify(
        {
          database: dbFile,
          schemaVersion: check.schemaVersion,
          tables: check.tables,
          rows: check.rows,
          rules: check.results.map((r) => ({ rule: r.rule, passed: r.problems === 0, text: r.text[lang], problems: r.problems, examples: r.examples.map((e) => e[lang]) })),
          key: keyState,
          ...(comparison && compared && { against: againstJson(comparison, compared.unreadable, lang) }),
          passed: problems === 0,
        },
        null,
        2,
      ),
    );
  } else {
    const lines = describeCheck(dbFile, check, keyState, problems, lang);
    if (comparison && compared) lines.splice(lines.length - 1, 0, ...describeComparison(comparison, compared.unreadable, lang));
    for (const line of lines) stdout(line);
  }
  return problems === 0 ? EXIT.ok : EXIT.rejected;
}

function describeCheck(dbFile: string, check: DatabaseCheck, keyState: KeyState, problems: number, lang: Language): string[] {
  const es = lang === "es";
  const lines = [
    es
      ? `Base de datos ${dbFile} (esquema ${check.schemaVersion}): ${check.tables} tablas, ${check.rows} filas, todas leídas enteras.`
      : `Database ${dbFile} (schema ${check.schemaVersion}): ${check.tables} tables, ${check.rows} rows, all read whole.`,
  ];
  for (const r of check.results) {
    lines.push(`${r.problems === 0 ? "ok       " : es ? "PROBLEMA " : "PROBLEM  "}${r.text[lang]}`);
    for (const e of r.examples) lines.push(`           ${e[lang]}`);
    if (r.problems > r.examples.length) lines.push(es ? `           … y ${r.problems - r.examples.length} más (vea --json)` : `           … and ${r.problems - r.examples.length} more (see --json)`);
  }
  const key: Record<KeyState, { es: string; en: string }> = {
    matches: { es: "ok       la clave de seudonimización disponible es la de esta base", en: "ok       the pseudonymisation key at hand is this database's" },
    differs: {
      es: "PROBLEMA la clave de seudonimización disponible no es la de esta base: ingest y load la rechazarán. Use la clave con la que se hizo (PA1325_KEY o PA1325_KEY_FILE).",
      en: "PROBLEM  the pseudonymisation key at hand is not this database's: ingest and load will refuse it. Use the key it was made with (PA1325_KEY or PA1325_KEY_FILE).",
    },
    "none-found": {
      es: "aviso    no hay clave de seudonimización a mano (PA1325_KEY, PA1325_KEY_FILE o la de su carpeta de configuración): basta para leer y publicar, no para cargar",
      en: "note     no pseudonymisation key at hand (PA1325_KEY, PA1325_KEY_FILE or the one in your config folder): enough to read and publish, not to load",
    },
    "not-needed": { es: "ok       la base aún no usa clave de seudonimización", en: "ok       the database uses no pseudonymisation key yet" },
  };
  lines.push(key[keyState][lang]);
  lines.push(
    problems === 0
      ? es
        ? "Todo en orden."
        : "All in order."
      : es
        ? `${problems} comprobación(es) con problemas. Si no los explica un cambio hecho a mano, restaure la base desde una copia anterior a ellos (pa1325 restore) o rehágala desde los libros recibidos (README, «Keeping the database»).`
        : `${problems} check(s) found problems. Unless a change made by hand explains them, restore the database from a backup taken before them (pa1325 restore) or remake it from the workbooks received (README, "Keeping the database").`,
  );
  return lines;
}

/**
 * `--against`: the workbooks read again into a private database in the temporary folder (the same code as
 * `ingest`, with the database's key when it is at hand, else a throwaway one), compared with the database, and the
 * private one deleted — also when the analyst stops the command, since it holds rows like the database's own.
 */
async function compareAgainst(
  paths: readonly string[],
  dbFile: string,
  keyState: KeyState,
  ctx: CommandContext,
): Promise<{ comparison?: WorkbookComparison; unreadable: readonly UnreadablePath[]; interruptedBy?: NodeJS.Signals }> {
  const lang = ctx.language;
  const { stderr } = ctx.effects;
  // A key that is not the database's gives other person ids: the rosters are then compared without them. A database
  // with no key yet stores no roster to compare. Any key but the database's own is a throwaway one, given in the
  // environment: reading files again never creates a key file.
  const personsCompared = keyState === "matches" || keyState === "not-needed";
  const env = keyState === "matches" ? ctx.effects.env : { ...ctx.effects.env, PA1325_KEY: randomBytes(32).toString("hex"), PA1325_KEY_FILE: undefined };
  // The command's own environment's temporary folder (in its own process, the same as os.tmpdir()).
  const tmp = ctx.effects.env.TMPDIR || os.tmpdir();
  const dir = await fs.mkdtemp(path.join(tmp, PRIVATE_PREFIX)).catch((error: unknown) => {
    throw asideError(error, dbFile, tmp);
  });
  const bar = createProgressBar((t) => process.stderr.write(t), ctx.effects.isTTY);
  const stop = stopRequests(ctx.effects, () => {
    bar.done();
    stderr(lang === "es" ? "Deteniendo: se borra la copia temporal; la base de datos no se modificó." : "Stopping: the temporary copy is being deleted; the database was not changed.");
  });
  try {
    await fs.chmod(dir, 0o700);
    const aside = path.join(dir, "read-again.duckdb");
    const summary = await ingestInWorker(
      paths,
      { dbFile: aside, dryRun: false, maxFileBytes: 50 * 1_048_576, keepResults: true },
      { clock: ctx.effects.clock, env, warn: (t) => stderr(`! ${t[lang]}`), progress: (done, total, file) => bar.update(done, total, path.basename(file)), signal: stop.signal },
    ).catch((error: unknown) => {
      throw asideError(error, dbFile, tmp);
    });
    bar.done();
    // A link to a folder outside those given is not followed, as by ingest: named with the folders not read.
    const unreadable = [...summary.unreadable, ...summary.linkedFolders.map(linkNotFollowed)];
    if (summary.interrupted) return { unreadable, interruptedBy: stop.by ?? "SIGINT" };
    if (summary.found === 0 && unreadable.length === 0) {
      throw usageError("check", {
        es: `no hay libros .xlsx en ${paths.join(", ")}: indique con --against la carpeta de los archivos recibidos.`,
        en: `there are no .xlsx workbooks in ${paths.join(", ")}: point --against at the folder of the files received.`,
      });
    }
    // No workbook was read (only folders that cannot be opened, or links not followed): an empty database of its
    // own stands for the folder, so that the current versions are still said to be without their file.
    if (summary.found === 0) await createEmptyDatabase(aside);
    const comparison = await readDatabase(dbFile, (db) => compareWithWorkbooks(db, aside, summary.files, personsCompared), { allowedDirectories: [dir] });
    return { comparison, unreadable };
  } finally {
    bar.done();
    stop.dispose();
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** The private folder's name, before mkdtemp's six characters. */
const PRIVATE_PREFIX = "pa1325-check-";

/**
 * A failure of the private copy (a full temporary disk, most often) said as such: the database is not at fault.
 * Any other failure (a path given that is not there, a workbook folder that cannot be read) is passed on as it is.
 */
function asideError(error: unknown, dbFile: string, tmp: string): unknown {
  const prefix = path.join(tmp, PRIVATE_PREFIX);
  const known = asPipelineError(error);
  const node = error as NodeJS.ErrnoException & { dest?: unknown };
  const private_ = known ? known.text.en.includes(prefix) : [node.path, node.dest].some((p) => typeof p === "string" && p.startsWith(prefix));
  if (!private_) return error;
  const code = typeof node.code === "string" ? node.code : "";
  const why: LocalizedText = known?.text ?? describeSystemCode(code) ?? { es: code, en: code };
  return new PipelineError(
    "CHECK_TEMPORARY_FOLDER",
    {
      es: `para comparar, los libros se vuelven a leer en una base privada en la carpeta temporal ${tmp}, y eso falló: ${sentence(why.es)} Libere espacio en ese disco o indique otra carpeta temporal con la variable TMPDIR; ${dbFile} no se modificó.`,
      en: `to compare, the workbooks are read again into a private database in the temporary folder ${tmp}, and that failed: ${sentence(why.en)} Free some space on that disk or choose another temporary folder with the TMPDIR variable; ${dbFile} was not changed.`,
    },
    EXIT.fatal,
    error,
  );
}

/** A reason as a sentence: with its full stop. */
const sentence = (text: string) => (text.endsWith(".") ? text : `${text}.`);

/** The differences of a file listed in the text output (--json has them all). */
const DIFFERENCES_SHOWN = 10;

const VERDICT: Record<FileVerdict, LocalizedText> = {
  "as-stored": { es: "como está guardado", en: "as stored" },
  differs: { es: "NO COINCIDE con lo guardado", en: "DIFFERS from what is stored" },
  "stored-but-refused-now": { es: "GUARDADO, pero hoy se rechaza", en: "STORED, but refused today" },
  "refused-as-recorded": { es: "rechazado, como se registró", en: "refused, as recorded" },
  "refused-then-accepted-now": { es: "se rechazó al cargarlo; hoy se aceptaría", en: "refused when loaded; would be accepted today" },
  "not-ingested": { es: "nunca se cargó", en: "never loaded" },
};

async function createEmptyDatabase(file: string): Promise<void> {
  const db = await openDatabase(file);
  try {
    await migrate(db);
  } finally {
    db.close();
  }
}

function linkNotFollowed(link: LinkedFolder): UnreadablePath {
  return {
    path: link.path,
    reason: {
      es: `es un enlace a la carpeta ${link.target}, que no se sigue: indíquela también con --against`,
      en: `it is a link to the folder ${link.target}, which is not followed: give that folder with --against too`,
    },
  };
}

/** A file never loaded that is refused today: the reason follows. */
const NEVER_LOADED_REFUSED = { es: "nunca se cargó, y hoy se rechaza", en: "never loaded, and refused today" };

function describeComparison(c: WorkbookComparison, unreadable: readonly UnreadablePath[], lang: Language): string[] {
  const es = lang === "es";
  const count = (v: FileVerdict) => c.files.filter((f) => f.verdict === v).length;
  const differing = c.files.filter((f) => PROBLEM_VERDICTS.has(f.verdict)).length;
  const lines = [
    es
      ? `${differing === 0 ? "ok       " : "PROBLEMA "}${c.files.length} libro(s) leídos de nuevo: ${count("as-stored")} como están guardados, ${differing} no coinciden, ${count("not-ingested")} nunca cargados, ${count("refused-as-recorded")} rechazados como se registró`
      : `${differing === 0 ? "ok       " : "PROBLEM  "}${c.files.length} workbook(s) read again: ${count("as-stored")} as stored, ${differing} differ, ${count("not-ingested")} never loaded, ${count("refused-as-recorded")} refused as recorded`,
  ];
  // The files that are not as stored, one line each with what differs: the ones an analyst must look at.
  for (const f of c.files.filter((x) => x.verdict !== "as-stored" && x.verdict !== "refused-as-recorded")) {
    const name = path.basename(f.file);
    const storedAs = f.storedAs !== null && f.storedAs !== name ? (es ? `, guardado como ${f.storedAs}` : `, stored as ${f.storedAs}`) : "";
    const what = f.submission ? ` (${f.submission}${storedAs})` : "";
    const why = f.reason ? `: ${f.reason[lang]}` : f.verdict === "not-ingested" ? (es ? ": cárguelo con pa1325 ingest" : ": load it with pa1325 ingest") : "";
    const verdict = f.verdict === "not-ingested" && f.reason ? NEVER_LOADED_REFUSED[lang] : VERDICT[f.verdict][lang];
    lines.push(`           ${name}${what}: ${verdict}${why}`);
    for (const d of f.differences.slice(0, DIFFERENCES_SHOWN)) lines.push(`               ${d[lang]}`);
    if (f.differences.length > DIFFERENCES_SHOWN) {
      lines.push(es ? `               … y ${f.differences.length - DIFFERENCES_SHOWN} más (vea --json)` : `               … and ${f.differences.length - DIFFERENCES_SHOWN} more (see --json)`);
    }
  }
  if (!c.personsCompared) {
    lines.push(
      es
        ? "aviso    sin la clave de seudonimización de esta base, las líneas del registro se compararon sin la persona"
        : "note     without this database's pseudonymisation key, roster lines were compared without the person",
    );
  }
  if (c.withoutFile.count > 0) {
    lines.push(
      es
        ? `aviso    ${c.withoutFile.count} versión(es) vigente(s) sin su archivo en lo indicado: ${c.withoutFile.examples.join("; ")}${c.withoutFile.count > c.withoutFile.examples.length ? "; …" : ""}`
        : `note     ${c.withoutFile.count} current version(s) without their file in what was given: ${c.withoutFile.examples.join("; ")}${c.withoutFile.count > c.withoutFile.examples.length ? "; …" : ""}`,
    );
  }
  for (const u of unreadable) lines.push(es ? `aviso    no se pudo leer ${u.path}: ${u.reason.es}` : `note     could not read ${u.path}: ${u.reason.en}`);
  return lines;
}

function againstJson(c: WorkbookComparison, unreadable: readonly UnreadablePath[], lang: Language) {
  return {
    files: c.files.map((f) => ({
      file: f.file,
      sha256: f.sha256,
      verdict: f.verdict,
      submission: f.submission,
      storedAs: f.storedAs,
      differences: f.differences.map((d) => d[lang]),
      reason: f.reason?.[lang] ?? null,
    })),
    currentVersionsWithoutFile: c.withoutFile,
    personsCompared: c.personsCompared,
    unreadable: unreadable.map((u) => ({ path: u.path, message: u.reason[lang] })),
  };
}
