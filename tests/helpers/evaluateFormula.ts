// The template's formula evaluator lives in core (writers use it too); tests import it from here.
export { evaluateLayoutFormula as evaluateFormula } from "../../core/src/layout/evaluateLayoutFormula";
