import type { ValidationRule } from "../../../core/src/layout/TemplateLayout";

/** The layout's rule as Office.js data validation (ExcelApi 1.8). */
export function dataValidationRule(rule: ValidationRule): Excel.DataValidationRule {
  switch (rule.kind) {
    case "wholeNumber":
      return { wholeNumber: { formula1: rule.min, formula2: rule.max, operator: "Between" } };
    case "decimal":
      return { decimal: { formula1: rule.min, formula2: rule.max, operator: "Between" } };
    case "date":
      return { date: { formula1: rule.min, formula2: rule.max, operator: "Between" } };
    case "textLength":
      return { textLength: { formula1: 0, formula2: rule.max, operator: "Between" } };
    case "list":
      // Excel splits an inline list at commas; catalog labels never hold one (checked here, not assumed).
      if (rule.values.some((v) => v.includes(","))) throw new RangeError(`list value with a comma: ${rule.values.join(" | ")}`);
      return { list: { inCellDropDown: true, source: rule.values.join(",") } };
  }
}
