import type { Language } from "../i18n/Language";
import { PROMPT_TEXT } from "./layoutText";
import type { DataValidationSpec, ValidationRule } from "./TemplateLayout";

type Texts = Pick<DataValidationSpec, "prompt" | "error">;

/** Excel's limits on validation texts. */
const TITLE_MAX = 32;
const MESSAGE_MAX = 255;

/** The prompt and error texts for a rule; `detail` (e.g. what the row asks) goes before the generic prompt. */
export function validationTexts(rule: ValidationRule, language: Language, detail?: string): Texts {
  const t = (key: keyof typeof PROMPT_TEXT) => PROMPT_TEXT[key][language];
  let base: { title: string; message: string; error: string };
  switch (rule.kind) {
    case "wholeNumber":
      base = { title: t("wholeTitle"), message: t("wholeMessage"), error: t("wholeError") };
      break;
    case "decimal":
      base =
        rule.max === 100
          ? { title: t("percentTitle"), message: t("percentMessage"), error: t("percentError") }
          : { title: t("decimalTitle"), message: t("decimalMessage"), error: t("decimalError") };
      break;
    case "list":
      base = { title: t("listTitle"), message: t("listMessage"), error: t("listError") };
      break;
    case "date":
      base = { title: t("dateTitle"), message: t("dateMessage"), error: t("dateError") };
      break;
    case "textLength":
      base = {
        title: t("textTitle"),
        message: t("textMessage").replace("{max}", String(rule.max)),
        error: t("textError").replace("{max}", String(rule.max)),
      };
      break;
  }
  const message = detail ? `${detail} ${base.message}` : base.message;
  return {
    prompt: { title: clip(base.title, TITLE_MAX), message: clip(message, MESSAGE_MAX) },
    error: { title: clip(t("invalidTitle"), TITLE_MAX), message: clip(base.error, MESSAGE_MAX) },
  };
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
