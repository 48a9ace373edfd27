/** The two languages of the product. Spanish comes first: it is the language of the plan and of its users. */
export const LANGUAGES = ["es", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "es";

/** A text in both languages. */
export interface LocalizedText {
  es: string;
  en: string;
}

export function isLanguage(value: unknown): value is Language {
  return value === "es" || value === "en";
}

/** Picks a language from an Office/BCP-47 tag such as "es-PE" or "en-GB"; anything but English falls back to Spanish. */
export function languageFromTag(tag: string | undefined | null): Language {
  return typeof tag === "string" && tag.toLowerCase().startsWith("en") ? "en" : DEFAULT_LANGUAGE;
}

export function localize(text: LocalizedText, language: Language): string {
  return text[language];
}
