import { z } from "zod";
import { isSemesterCode } from "../period/Semester";

/**
 * The shape of a catalog file (core/catalog/*.json). Checked when a catalog is loaded so that a revision
 * made by editing data fails with the path of the bad field, never later and somewhere else.
 */

const text = z.string().trim().min(1, "must not be empty");
export const localizedSchema = z.object({ es: text, en: text }).strict();
const code = z.string().regex(/^[A-Z][A-Z0-9_]*$/, "must be upper-case letters, digits or _ (e.g. EP, GENDER_FOCAL_POINT)");
const dimensionName = z.string().regex(/^[a-z][a-zA-Z0-9]*$/, "must be a camelCase name such as courseType");
const semester = z.string().refine(isSemesterCode, "must be a semester such as 2026-S1");
export const indicatorCodeSchema = z
  .string()
  .regex(/^[A-Z]{2,5}-[0-9]{1,2}\.[0-9]{1,2}[a-z]?$/, "must look like PREV-1.1 (area-objective.action, optional letter)");

export const MEASURE_KINDS = ["people", "events", "documents", "hours", "count", "percentage", "status"] as const;
export const SOURCE_KINDS = ["reported", "roster", "deployments"] as const;
export const ROSTER_ACTIVITIES = ["training", "deployment"] as const;
export const INSTITUTION_KINDS = ["ministry", "directorate", "joint-command", "armed-force", "training-centre"] as const;
export const RANK_LEVELS = ["general", "senior", "junior", "cadet", "tecnico", "suboficial", "student", "tropa", "civilian"] as const;

const namedValue = z.object({ code, name: localizedSchema }).strict();

const referenceSchema = z
  .object({
    institutions: z
      .array(
        z
          .object({
            code,
            name: localizedSchema,
            kind: z.enum(INSTITUTION_KINDS),
            reports: z.boolean(),
          })
          .strict(),
      )
      .min(1),
    personnelCategories: z.array(namedValue).min(1),
    ranks: z.array(
      z
        .object({
          institution: code,
          code,
          name: localizedSchema,
          category: code,
          level: z.enum(RANK_LEVELS),
          order: z.number().int().min(1),
        })
        .strict(),
    ),
    missions: z.array(z.object({ code, name: localizedSchema, country: localizedSchema }).strict()).min(1),
    parityCategories: z.array(namedValue).min(1),
    unPersonnelTypes: z
      .array(
        z
          .object({
            code,
            name: localizedSchema,
            parityCategory: code,
            unLabels: z.array(text).min(1),
          })
          .strict(),
      )
      .min(1),
    serviceNumber: z
      .object({
        pattern: z.string().refine(isRegExp, "must be a valid regular expression"),
        example: text,
        description: localizedSchema,
      })
      .strict(),
  })
  .strict();

// `additive: false` marks a dimension whose values overlap (hours on gender are part of total hours; people
// designated were first selected): its values are never summed into a total.
const dimensionSchema = z.union([
  z.object({ name: localizedSchema, values: z.array(namedValue).min(1), additive: z.boolean().optional() }).strict(),
  z
    .object({ name: localizedSchema, reference: z.enum(["personnelCategories", "missions", "unPersonnelTypes"]), additive: z.boolean().optional() })
    .strict(),
]);

const goalSchema = z
  .object({
    value: z.number().finite().nullable(),
    period: semester.nullable(),
    note: localizedSchema.optional(),
  })
  .strict();

const selector = z.record(dimensionName, code);

export const indicatorSchema = z
  .object({
    code: indicatorCodeSchema,
    text: localizedSchema,
    measure: z.enum(MEASURE_KINDS),
    unit: localizedSchema,
    dimensions: z.array(z.object({ dimension: dimensionName, values: z.array(code).min(1).optional() }).strict()),
    source: z.enum(SOURCE_KINDS),
    roster: z
      .object({
        activity: z.enum(ROSTER_ACTIVITIES),
        courseTypes: z.array(code).min(1).optional(),
        roles: z.array(code).min(1).optional(),
        countsAs: selector.optional(),
      })
      .strict()
      .optional(),
    constraints: z
      .array(z.object({ lesser: selector, greater: selector, note: localizedSchema }).strict())
      .optional(),
    baseline: goalSchema,
    target: goalSchema,
    direction: z.enum(["increase", "decrease"]),
    cumulative: z.boolean(),
    responsible: z.array(code).min(1),
    guidance: localizedSchema,
  })
  .strict();

const actionSchema = z
  .object({ code: z.string().regex(/^[A-Z]{2,5}-[0-9]{1,2}\.[0-9]{1,2}$/), text: localizedSchema, indicators: z.array(indicatorSchema).min(1) })
  .strict();

const objectiveSchema = z
  .object({ code: z.string().regex(/^[A-Z]{2,5}-[0-9]{1,2}$/), text: localizedSchema, actions: z.array(actionSchema).min(1) })
  .strict();

const areaSchema = z
  .object({
    code: z.string().regex(/^[A-Z]{2,5}$/),
    name: localizedSchema,
    description: localizedSchema,
    objectives: z.array(objectiveSchema).min(1),
  })
  .strict();

const mappingSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("rename"), from: indicatorCodeSchema, to: indicatorCodeSchema, note: localizedSchema }).strict(),
  z.object({ kind: z.literal("split"), from: indicatorCodeSchema, to: z.array(indicatorCodeSchema).min(2), note: localizedSchema }).strict(),
  z.object({ kind: z.literal("merge"), from: z.array(indicatorCodeSchema).min(2), to: indicatorCodeSchema, note: localizedSchema }).strict(),
  z.object({ kind: z.literal("retire"), from: indicatorCodeSchema, note: localizedSchema }).strict(),
]);

export const catalogSchema = z
  .object({
    catalogId: z.string().regex(/^[a-z0-9-]+$/),
    version: z.string().regex(/^[0-9]{4}\.[0-9]+$/, "must look like 2021.1 (year.revision)"),
    effectiveFrom: semester,
    title: localizedSchema,
    source: text,
    wording: z
      .object({ status: z.enum(["awaiting-official", "official"]), note: localizedSchema })
      .strict(),
    responsibilities: z.object({ status: z.enum(["proposed", "confirmed"]), note: localizedSchema }).strict(),
    previous: z
      .object({ version: z.string().regex(/^[0-9]{4}\.[0-9]+$/), mappings: z.array(mappingSchema) })
      .strict()
      .nullable(),
    settings: z
      .object({
        reportingDeadlineDays: z.number().int().min(0).max(365),
        jumpWarning: z.object({ ratio: z.number().gt(1), minDifference: z.number().min(0) }).strict(),
        rosterCapacity: z.number().int().min(10).max(5000),
      })
      .strict(),
    reference: referenceSchema,
    dimensions: z.record(dimensionName, dimensionSchema),
    areas: z.array(areaSchema).min(1),
  })
  .strict();

function isRegExp(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}
