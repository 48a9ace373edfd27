/**
 * One column per disaggregation dimension in indicator_values (stable English names that analysts query).
 * A catalog revision that adds a dimension needs a column here and a migration; a test checks the catalog.
 */
export const DIMENSION_COLUMNS = {
  sex: "sex",
  category: "category",
  mission: "mission",
  unPersonnelType: "un_personnel_type",
  courseType: "course_type",
  hourKind: "hour_kind",
  stage: "stage",
  outputType: "output_type",
  eventType: "event_type",
  reportStage: "report_stage",
  modality: "modality",
  programType: "program_type",
  partnerScope: "partner_scope",
  materialType: "material_type",
  disseminationScope: "dissemination_scope",
  role: "role",
} as const satisfies Record<string, string>;

export type DimensionName = keyof typeof DIMENSION_COLUMNS;
export const DIMENSION_NAMES = Object.keys(DIMENSION_COLUMNS) as DimensionName[];

export function isDimensionName(name: string): name is DimensionName {
  return Object.hasOwn(DIMENSION_COLUMNS, name);
}
