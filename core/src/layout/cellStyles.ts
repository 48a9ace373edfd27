import type { CellStyle, NumberFormat } from "./TemplateLayout";
import type { Language } from "../i18n/Language";

/** How each cell style looks, shared by the Office.js and xlsx renderers so both templates look alike. */
export interface CellLook {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  /** RGB hex without '#'. */
  fill?: string;
  color?: string;
  wrap?: boolean;
  border?: boolean;
}

/** Pale yellow marks "type here"; grey marks computed or unused cells. */
export const INPUT_FILL = "FFF4CC";
export const INVALID_FILL = "F8D0D0";

export const CELL_LOOKS: Record<CellStyle, CellLook> = {
  title: { bold: true, size: 14, color: "1F3864" },
  subtitle: { italic: true, color: "404040", wrap: false },
  text: { wrap: true },
  hint: { italic: true, color: "595959" },
  header: { bold: true, fill: "1F3864", color: "FFFFFF", wrap: true, border: true },
  groupHeader: { bold: true, fill: "D9E1F2", wrap: true, border: true },
  code: { bold: true, border: true },
  label: { wrap: true, border: true },
  input: { fill: INPUT_FILL, border: true },
  computed: { fill: "E7E6E6", border: true },
  total: { bold: true, fill: "E7E6E6", border: true },
  previous: { italic: true, color: "595959", fill: "F2F2F2", border: true },
  disabled: { fill: "BFBFBF", border: true },
  meta: {},
};

/** Excel number format codes. Dates follow each language's habit (Peru writes day/month/year). */
export function numberFormatCode(format: NumberFormat, language: Language): string {
  switch (format) {
    case "integer":
      return "0";
    case "decimal":
      return "0.0";
    case "date":
      return language === "es" ? "dd/mm/yyyy" : "yyyy-mm-dd";
    case "text":
      return "@";
    case "general":
      return "General";
  }
}
