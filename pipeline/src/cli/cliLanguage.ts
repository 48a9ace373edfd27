import { type Language, isLanguage, languageFromTag } from "../../../core/src/i18n/Language";

/** The analyst's language: --lang, else PA1325_LANG, else the locale (English only when it says English). */
export function cliLanguage(flag: string | undefined, env: NodeJS.ProcessEnv): Language {
  if (isLanguage(flag)) return flag;
  if (isLanguage(env.PA1325_LANG)) return env.PA1325_LANG;
  return languageFromTag(env.LC_ALL || env.LC_MESSAGES || env.LANG);
}
