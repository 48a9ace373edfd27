import type { z } from "zod";
import type { catalogSchema, indicatorSchema, MEASURE_KINDS, SOURCE_KINDS } from "./catalogSchema";

/** The Action Plan as checked data: areas → objectives → actions → indicators, with reference lists. */
export type Catalog = z.infer<typeof catalogSchema>;
export type Indicator = z.infer<typeof indicatorSchema>;
export type Area = Catalog["areas"][number];
export type Objective = Area["objectives"][number];
export type Action = Objective["actions"][number];
export type Institution = Catalog["reference"]["institutions"][number];
export type IndicatorMapping = NonNullable<Catalog["previous"]>["mappings"][number];
export type MeasureKind = (typeof MEASURE_KINDS)[number];
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** An indicator with the area, objective and action it belongs to. */
export interface IndicatorInContext {
  indicator: Indicator;
  area: Area;
  objective: Objective;
  action: Action;
}

/** A dimension's allowed value, with its label. */
export interface DimensionValue {
  code: string;
  name: { es: string; en: string };
}

/** The sex dimension's code: people are always counted by sex, women and men side by side. */
export const SEX_DIMENSION = "sex";
export const SEX_VALUES = ["F", "M"] as const;
export type Sex = (typeof SEX_VALUES)[number];
