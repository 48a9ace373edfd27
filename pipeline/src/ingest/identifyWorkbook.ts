import type { Catalog } from "../../../core/src/catalog/Catalog";
import { findInstitution, indicatorsForInstitution } from "../../../core/src/catalog/catalogQueries";
import { isLanguage, type Language } from "../../../core/src/i18n/Language";
import { buildTemplateLayout } from "../../../core/src/layout/buildTemplateLayout";
import { LAYOUT_VERSION, META_KEYS, META_SHEET_NAME, TEMPLATE_SCHEMA, type MetaKey, type TemplateLayout } from "../../../core/src/layout/TemplateLayout";
import { compareSemesters, parseSemester, requireSemester, semesterBounds } from "../../../core/src/period/Semester";
import type { StoredIssue } from "../db/submissionStore";
import type { WorkbookContent } from "./WorkbookSource";

export type Identification =
  | { ok: true; catalog: Catalog; layout: TemplateLayout; meta: Map<MetaKey, string> }
  | { ok: false; issue: StoredIssue };

/**
 * Reads the hidden metadata block and checks that it names a known template: schema, layout version, catalog,
 * institution, semester and language. A file made from an older catalog is accepted (its values keep their
 * catalog version and are mapped forward in the statistics).
 */
export function identifyWorkbook(
  content: WorkbookContent,
  catalogs: readonly Catalog[],
  today: Date,
  // buildTemplateLayout is pure and costs ~10 ms: ingest passes a memoised one for a folder of files.
  buildLayout: (catalog: Catalog, institution: string, period: string, language: Language) => TemplateLayout = buildTemplateLayout,
): Identification {
  const sheet = content.sheets.get(META_SHEET_NAME);
  if (!sheet) {
    return fail("NOT_A_TEMPLATE", null, {
      es: "El libro no es una plantilla de PA1325 (no tiene la hoja de identificación «pa1325_meta»). Llene la plantilla enviada por el Comité o genere una con «pa1325 template».",
      en: 'The workbook is not a PA1325 template (it has no "pa1325_meta" identification sheet). Fill in the template sent by the Committee, or make one with "pa1325 template".',
    });
  }
  const meta = new Map<MetaKey, string>();
  const cellOf = new Map<MetaKey, string>();
  sheet.values.forEach((row, r) => {
    const key = row?.[0];
    const value = row?.[1];
    if (typeof key === "string" && (META_KEYS as readonly string[]).includes(key)) {
      cellOf.set(key as MetaKey, `B${r + 1}`);
      if (value !== null && value !== undefined && String(value).trim() !== "") meta.set(key as MetaKey, String(value).trim());
    }
  });
  const at = (key: MetaKey) => cellOf.get(key) ?? "A1";
  const get = (key: MetaKey) => meta.get(key);

  if (get("schema") !== TEMPLATE_SCHEMA) {
    return fail("NOT_A_TEMPLATE", at("schema"), {
      es: "La hoja de identificación no corresponde a una plantilla de PA1325. Use la plantilla enviada por el Comité.",
      en: "The identification sheet is not a PA1325 template's. Use the template sent by the Committee.",
    });
  }
  if (get("layoutVersion") !== LAYOUT_VERSION) {
    return fail("UNSUPPORTED_LAYOUT", at("layoutVersion"), {
      es: `La plantilla tiene la versión de formato «${get("layoutVersion") ?? ""}», que esta versión de PA1325 no conoce (conoce la ${LAYOUT_VERSION}). Actualice PA1325 o pida a la institución una plantilla nueva.`,
      en: `The template has format version "${get("layoutVersion") ?? ""}", which this PA1325 does not know (it knows ${LAYOUT_VERSION}). Update PA1325 or ask the institution for a new template.`,
    });
  }
  const catalog = catalogs.find((c) => c.catalogId === get("catalogId") && c.version === get("catalogVersion"));
  if (!catalog) {
    return fail("UNKNOWN_CATALOG_VERSION", at("catalogVersion"), {
      es: `La plantilla usa el catálogo «${get("catalogId") ?? ""} ${get("catalogVersion") ?? ""}», que no se conoce. Catálogos conocidos: ${catalogs.map((c) => c.version).join(", ")}. Pida a la institución que use una plantilla vigente.`,
      en: `The template uses catalog "${get("catalogId") ?? ""} ${get("catalogVersion") ?? ""}", which is not known. Known catalogs: ${catalogs.map((c) => c.version).join(", ")}. Ask the institution to use a current template.`,
    });
  }
  const code = get("institution") ?? "";
  const institution = findInstitution(catalog, code);
  if (!institution || !institution.reports || indicatorsForInstitution(catalog, code).length === 0) {
    return fail("UNKNOWN_INSTITUTION", at("institution"), {
      es: `La institución «${code}» de la plantilla no es una institución que reporte en el catálogo ${catalog.version}.`,
      en: `The template's institution "${code}" is not a reporting institution in catalog ${catalog.version}.`,
    });
  }
  const period = parseSemester(get("period"));
  if (!period) {
    return fail("INVALID_PERIOD", at("period"), {
      es: `El semestre «${get("period") ?? ""}» de la plantilla no es válido (debe ser como 2026-S1).`,
      en: `The template's semester "${get("period") ?? ""}" is not valid (it must look like 2026-S1).`,
    });
  }
  const periodCode = get("period")!;
  if (compareSemesters(period, requireSemester(catalog.effectiveFrom)) < 0) {
    return fail("PERIOD_NOT_COVERED", at("period"), {
      es: `El semestre ${periodCode} es anterior a la vigencia del catálogo ${catalog.version} (desde ${catalog.effectiveFrom}).`,
      en: `The semester ${periodCode} is before catalog ${catalog.version} came into force (from ${catalog.effectiveFrom}).`,
    });
  }
  if (semesterBounds(period).start > today.toISOString().slice(0, 10)) {
    return fail("FUTURE_PERIOD", at("period"), {
      es: `El semestre ${periodCode} aún no ha empezado: revise el semestre de la plantilla.`,
      en: `The semester ${periodCode} has not started yet: check the template's semester.`,
    });
  }
  const language = get("language");
  if (!isLanguage(language)) {
    return fail("META_INVALID", at("language"), {
      es: `El idioma «${language ?? ""}» de la plantilla no es válido (es o en).`,
      en: `The template's language "${language ?? ""}" is not valid (es or en).`,
    });
  }
  const layout = buildLayout(catalog, institution.code, periodCode, language);
  return { ok: true, catalog, layout, meta };
}

function fail(code: string, cell: string | null, message: { es: string; en: string }): Identification {
  return { ok: false, issue: { code, severity: "error", sheet: cell ? META_SHEET_NAME : null, cell, indicator: null, message } };
}
