import type { UnParityTargetRow } from "../db/masterDataStore";
import type { DatasetSpec } from "./DatasetSpec";
import { readNumberCell, readTextCell } from "./masterCells";
import { repeatedRow } from "./commonColumns";
import { certaintyReader, parityCategoryReader } from "./masterChoices";

export type UnTargetsField = "year" | "parity_category" | "target_pct" | "source" | "certainty";

const SOURCE_MAX_LENGTH = 500;

const duplicateTarget = repeatedRow({ es: "el año y la categoría", en: "year and category" });

/**
 * The UN Uniformed Gender Parity Strategy's yearly targets, as an editable file with a source for each
 * (pipeline/data/un-parity-targets.csv): where the strategy says nothing, analysts add rows, never code.
 */
export const unTargetsSpec: DatasetSpec<UnTargetsField, UnParityTargetRow> = {
  dataset: "un-targets",
  columns: [
    { field: "year", names: ["year", "anio", "ano"], required: true, what: { es: "el año", en: "the year" } },
    { field: "parity_category", names: ["parity_category", "categoria_paridad"], required: true, what: { es: "la categoría de paridad", en: "the parity category" } },
    { field: "target_pct", names: ["target_pct", "meta_pct", "meta_porcentaje"], required: true, what: { es: "la meta en porcentaje", en: "the target percentage" } },
    { field: "source", names: ["source", "fuente"], required: true, what: { es: "la fuente", en: "the source" } },
    { field: "certainty", names: ["certainty", "certeza"], required: false, what: { es: "la certeza", en: "the certainty" } },
  ],
  prepare({ catalog }) {
    const category = parityCategoryReader(catalog);
    const certainty = certaintyReader();
    return {
      parse(row) {
        const year = row.take("year", (v) => readNumberCell(v, { min: 2000, max: 2100, whole: true }));
        const cat = row.take("parity_category", category);
        const target = row.take("target_pct", (v) => readNumberCell(v, { min: 0, max: 100, whole: false }));
        const source = row.take("source", (v) => readTextCell(v, SOURCE_MAX_LENGTH));
        const sure = row.take("certainty", certainty);
        if (year !== null && cat !== null) row.unique("parity_category", `${year}|${cat}`, duplicateTarget);
        if (year === null || cat === null || target === null || source === null || !row.ok) return null;
        return { year, parityCategory: cat, targetPct: target, source, certainty: sure };
      },
    };
  },
};
