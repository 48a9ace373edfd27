import { currentCatalog } from "../../../../core/src/catalog/builtInCatalogs";
import { countCatalog, indicatorsForInstitution, reportingInstitutions } from "../../../../core/src/catalog/catalogQueries";
import type { Language } from "../../../../core/src/i18n/Language";
import type { CommandContext } from "../CommandContext";
import { parseCommandArgs } from "../parseCommandArgs";
import { EXIT } from "../PipelineError";

const HELP = {
  es: `Uso: pa1325 catalog [--lang es|en]

Muestra el catálogo de indicadores vigente: sus áreas, cada indicador con las instituciones responsables, y
cuántos indicadores reporta cada institución.`,
  en: `Usage: pa1325 catalog [--lang es|en]

Shows the current indicator catalog: its areas, each indicator with the institutions responsible for it, and
how many indicators each institution reports.`,
};

/** `pa1325 catalog`: what the current indicator catalog holds, in the analyst's language. */
export async function catalogCommand(args: string[], ctx: CommandContext): Promise<number> {
  // No options of its own: anything else is a mistake to say, not to ignore.
  const { values } = parseCommandArgs("catalog", args, { help: { type: "boolean", default: false } });
  if (values.help) {
    ctx.effects.stdout(HELP[ctx.language]);
    return EXIT.ok;
  }
  const catalog = currentCatalog();
  const lang: Language = ctx.language;
  const n = countCatalog(catalog);
  const out = ctx.effects.stdout;
  out(`${catalog.title[lang]}`);
  out(lang === "es" ? `Catálogo ${catalog.version} (vigente desde ${catalog.effectiveFrom})` : `Catalog ${catalog.version} (in force from ${catalog.effectiveFrom})`);
  out(
    lang === "es"
      ? `${n.areas} áreas, ${n.objectives} objetivos, ${n.actions} acciones, ${n.indicators} indicadores`
      : `${n.areas} areas, ${n.objectives} objectives, ${n.actions} actions, ${n.indicators} indicators`,
  );
  if (catalog.wording.status === "awaiting-official") out(`! ${catalog.wording.note[lang]}`);
  for (const area of catalog.areas) {
    out("");
    out(`${area.code}  ${area.name[lang]}`);
    for (const o of area.objectives)
      for (const a of o.actions)
        for (const i of a.indicators) out(`  ${i.code.padEnd(9)} ${i.text[lang]}  [${i.responsible.join(", ")}]`);
  }
  out("");
  out(lang === "es" ? "Indicadores por institución:" : "Indicators per institution:");
  for (const inst of reportingInstitutions(catalog)) {
    out(`  ${inst.code.padEnd(8)} ${String(indicatorsForInstitution(catalog, inst.code).length).padStart(2)}  ${inst.name[lang]}`);
  }
  return 0;
}
