import { isLanguage } from "../../../core/src/i18n/Language";
import { LAYOUT_TEXT } from "../../../core/src/layout/layoutText";
import { META_KEYS, META_SHEET_NAME, TEMPLATE_SCHEMA, type MetaKey, type SheetRole } from "../../../core/src/layout/TemplateLayout";
import { isSemesterCode } from "../../../core/src/period/Semester";
import type { Language } from "../../../core/src/i18n/Language";
import type { TemplateIdentity } from "./WorkbookPort";

/** The metadata block's address on the hidden sheet: header row, then one key per row. */
export const META_RANGE = `A1:B${META_KEYS.length + 1}`;

/** Reads the key/value rows of the hidden metadata sheet (docs/template-format.md). */
export function parseMetaValues(values: ReadonlyArray<ReadonlyArray<unknown>>): Partial<Record<MetaKey, string>> {
  const keys = new Set<string>(META_KEYS);
  const out: Partial<Record<MetaKey, string>> = {};
  for (const [key, value] of values) {
    if (typeof key === "string" && keys.has(key) && value !== null && value !== undefined && value !== "") out[key as MetaKey] = String(value);
  }
  return out;
}

/** The template's identity, or undefined when the block is not a PA1325 template's. */
export function parseTemplateIdentity(meta: Partial<Record<MetaKey, string>>): TemplateIdentity | undefined {
  const { schema, institution, period, language, catalogVersion } = meta;
  if (schema !== TEMPLATE_SCHEMA || !institution || !isSemesterCode(period) || !isLanguage(language) || !catalogVersion) return undefined;
  return { institution, period, language, catalogVersion, readyAt: meta.readyAt ?? null };
}

const ROLE_TEXT: Record<Exclude<SheetRole, "meta">, keyof typeof LAYOUT_TEXT> = {
  cover: "sheetCover",
  indicators: "sheetIndicators",
  deliverables: "sheetDeliverables",
  roster: "sheetRoster",
};

/** The name of each template sheet in a language (the metadata sheet's name never changes). */
export function templateSheetNames(language: Language): Record<SheetRole, string> {
  const name = (role: Exclude<SheetRole, "meta">) => (LAYOUT_TEXT[ROLE_TEXT[role]] as { es: string; en: string })[language];
  return { cover: name("cover"), indicators: name("indicators"), deliverables: name("deliverables"), roster: name("roster"), meta: META_SHEET_NAME };
}

/** Every sheet name a template can use, in both languages. */
export function allTemplateSheetNames(): string[] {
  return [...new Set([...Object.values(templateSheetNames("es")), ...Object.values(templateSheetNames("en"))])];
}
