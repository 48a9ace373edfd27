import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { currentCatalog } from "../../../../core/src/catalog/builtInCatalogs";
import { findInstitution, reportingInstitutions } from "../../../../core/src/catalog/catalogQueries";
import { buildTemplateLayout } from "../../../../core/src/layout/buildTemplateLayout";
import { isLanguage } from "../../../../core/src/i18n/Language";
import { parseSemester } from "../../../../core/src/period/Semester";
import { makeFolder } from "../../files/makeFolder";
import { writeFileAtomic } from "../../files/writeFileAtomic";
import { writeTemplateXlsx } from "../../xlsx/writeTemplateXlsx";
import type { CommandContext } from "../CommandContext";
import { parseCommandArgs, usageError } from "../parseCommandArgs";

const HELP = {
  es: `Uso: pa1325 template --institution CÓDIGO|all --period AAAA-S1|AAAA-S2 [--lang es|en] --out ARCHIVO.xlsx|CARPETA [--force]

Escribe la plantilla de ingreso en blanco de una institución (o de todas con --institution all, en una carpeta),
con las mismas validaciones, mensajes, celdas protegidas y metadatos que escribe el complemento de Excel.
Instituciones: {institutions}`,
  en: `Usage: pa1325 template --institution CODE|all --period YYYY-S1|YYYY-S2 [--lang es|en] --out FILE.xlsx|FOLDER [--force]

Writes an institution's blank entry template (or every institution's with --institution all, into a folder),
with the same validations, prompts, locked cells and metadata that the Excel add-in writes.
Institutions: {institutions}`,
};

/** `pa1325 template`: blank entry workbooks for institutions without the add-in. */
export async function templateCommand(args: string[], ctx: CommandContext): Promise<number> {
  const catalog = currentCatalog();
  const codes = reportingInstitutions(catalog).map((i) => i.code);
  const { values } = parseCommandArgs("template", args, {
    institution: { type: "string" },
    period: { type: "string" },
    out: { type: "string" },
    force: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  });
  const out = ctx.effects.stdout;
  if (values.help) {
    out(HELP[ctx.language].replace("{institutions}", codes.join(", ")));
    return 0;
  }
  const lang = ctx.language;
  if (!values.institution) throw usageError("template", { es: "Falta --institution.", en: "--institution is missing." });
  const institution = values.institution.toUpperCase();
  if (institution !== "ALL") {
    const found = findInstitution(catalog, institution);
    if (!found || !found.reports) {
      throw usageError("template", {
        es: `«${values.institution}» no es una institución que reporte. Use una de: ${codes.join(", ")}.`,
        en: `"${values.institution}" is not a reporting institution. Use one of: ${codes.join(", ")}.`,
      });
    }
  }
  if (!values.period || !parseSemester(values.period)) {
    throw usageError("template", {
      es: `--period debe ser un semestre como 2026-S1 (enero a junio) o 2026-S2 (julio a diciembre); se recibió «${values.period ?? ""}».`,
      en: `--period must be a semester such as 2026-S1 (January to June) or 2026-S2 (July to December); got "${values.period ?? ""}".`,
    });
  }
  if (!values.out) throw usageError("template", { es: "Falta --out.", en: "--out is missing." });
  if (!isLanguage(lang)) throw new Error("unreachable");

  const targets: Array<{ code: string; file: string }> = [];
  if (institution === "ALL") {
    await makeFolder(values.out);
    for (const code of codes) targets.push({ code, file: path.join(values.out, `pa1325-${code}-${values.period}.xlsx`) });
  } else {
    if (existsSync(values.out) && statSync(values.out).isDirectory()) {
      targets.push({ code: institution, file: path.join(values.out, `pa1325-${institution}-${values.period}.xlsx`) });
    } else targets.push({ code: institution, file: values.out });
  }
  for (const t of targets) {
    if (existsSync(t.file) && !values.force) {
      throw usageError("template", {
        es: `${t.file} ya existe: no se sobrescribe sin --force.`,
        en: `${t.file} already exists: it is not overwritten without --force.`,
      });
    }
  }
  const now = ctx.effects.now();
  for (const t of targets) {
    const layout = buildTemplateLayout(catalog, t.code, values.period, lang, { generatedBy: "pa1325 template", generatedAt: now.toISOString() });
    // Into a folder that does not exist yet, as `--institution all` and `report --out` do.
    await makeFolder(path.dirname(path.resolve(t.file)));
    await writeFileAtomic(t.file, await writeTemplateXlsx(layout, { now }));
    out(lang === "es" ? `Plantilla escrita: ${t.file} (${t.code}, ${values.period})` : `Template written: ${t.file} (${t.code}, ${values.period})`);
  }
  return 0;
}
