import type { Language } from "../../../../core/src/i18n/Language";
import { checkDatabase, type DatabaseCheck } from "../../db/checkDatabase";
import { readDatabase } from "../../db/readDatabase";
import { readSetting } from "../../db/submissionStore";
import { findPseudonymKey } from "../../privacy/pseudonymKey";
import type { CommandContext } from "../CommandContext";
import { requireExistingDatabase, resolveDatabaseFile } from "../databaseFile";
import { parseCommandArgs } from "../parseCommandArgs";
import { EXIT } from "../PipelineError";

const HELP = {
  es: `Uso: pa1325 check [--db ARCHIVO] [--json] [--lang es|en]

Comprueba la base de datos: lee entera cada fila de cada tabla (DuckDB verifica cada bloque al leerlo) y revisa lo
que PA1325 garantiza de ella (una versión vigente por institución y semestre, ningún envío a medias, ninguna fila
huérfana, datos maestros iguales a su carga vigente…), y si la clave de seudonimización disponible es la suya. Úsela
tras un corte de luz, una restauración o una copia desde otro equipo, y antes del informe del Comité.
No cambia ningún dato. Código de salida: 0 todo en orden, 1 algún problema, 2 error de uso o fatal (p. ej. base dañada).`,
  en: `Usage: pa1325 check [--db FILE] [--json] [--lang es|en]

Checks the database: reads every row of every table whole (DuckDB verifies each block as it reads it) and checks
what PA1325 promises of it (one current version per institution and semester, no partial submission, no orphan
row, master data equal to their current load…), and whether the pseudonymisation key at hand is its own. Use it
after a power cut, a restore or a copy from another machine, and before the Committee's report.
Changes no data. Exit code: 0 all in order, 1 some problem, 2 usage or fatal error (e.g. a damaged database).`,
};

type KeyState = "matches" | "differs" | "none-found" | "not-needed";

/** `pa1325 check`: the database read whole and checked against PA1325's own rules. */
export async function checkCommand(args: string[], ctx: CommandContext): Promise<number> {
  const { values } = parseCommandArgs("check", args, { db: { type: "string" }, json: { type: "boolean", default: false }, help: { type: "boolean", default: false } });
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
  const problems = check.results.filter((r) => r.problems > 0).length + (keyState === "differs" ? 1 : 0);
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
          passed: problems === 0,
        },
        null,
        2,
      ),
    );
  } else {
    for (const line of describeCheck(dbFile, check, keyState, problems, lang)) stdout(line);
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
