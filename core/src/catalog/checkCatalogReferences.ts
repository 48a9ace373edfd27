import type { Catalog, Indicator } from "./Catalog";
import { SEX_DIMENSION, SEX_VALUES } from "./Catalog";
import type { CatalogProblem } from "./CatalogError";
import { dimensionValues } from "./catalogQueries";

/** The checks a schema cannot express: unique codes, codes that nest, references that resolve. */
export function checkCatalogReferences(catalog: Catalog): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const ref = catalog.reference;

  checkUnique(ref.institutions, "reference.institutions", add);
  checkUnique(ref.personnelCategories, "reference.personnelCategories", add);
  checkUnique(ref.missions, "reference.missions", add);
  checkUnique(ref.parityCategories, "reference.parityCategories", add);
  checkUnique(ref.unPersonnelTypes, "reference.unPersonnelTypes", add);

  const institutions = new Set(ref.institutions.map((i) => i.code));
  const categories = new Set(ref.personnelCategories.map((c) => c.code));
  const parity = new Set(ref.parityCategories.map((c) => c.code));
  ref.unPersonnelTypes.forEach((t, i) => {
    if (!parity.has(t.parityCategory)) add(`reference.unPersonnelTypes[${i}].parityCategory`, `unknown parity category ${t.parityCategory}`);
  });
  const rankKeys = new Set<string>();
  ref.ranks.forEach((r, i) => {
    if (!institutions.has(r.institution)) add(`reference.ranks[${i}].institution`, `unknown institution ${r.institution}`);
    if (!categories.has(r.category)) add(`reference.ranks[${i}].category`, `unknown personnel category ${r.category}`);
    const key = `${r.institution}/${r.code}`;
    if (rankKeys.has(key)) add(`reference.ranks[${i}].code`, `duplicate rank ${key}`);
    rankKeys.add(key);
  });

  const sex = catalog.dimensions[SEX_DIMENSION];
  if (!sex) add(`dimensions.${SEX_DIMENSION}`, "the sex dimension is required (people are counted by sex)");
  else {
    const codes = dimensionValues(catalog, SEX_DIMENSION).map((v) => v.code);
    if (codes.join(",") !== SEX_VALUES.join(",")) add(`dimensions.${SEX_DIMENSION}`, `must have exactly the values ${SEX_VALUES.join(", ")} in that order`);
  }
  for (const [name, dim] of Object.entries(catalog.dimensions)) {
    if ("values" in dim) checkUnique(dim.values, `dimensions.${name}.values`, add);
  }

  checkUnique(catalog.areas, "areas", add);
  const indicatorCodes = new Set<string>();
  catalog.areas.forEach((area, a) => {
    checkUnique(area.objectives, `areas[${a}].objectives`, add);
    area.objectives.forEach((objective, o) => {
      const oPath = `areas[${a}].objectives[${o}]`;
      if (!objective.code.startsWith(`${area.code}-`)) add(`${oPath}.code`, `must start with its area's code ${area.code}-`);
      checkUnique(objective.actions, `${oPath}.actions`, add);
      objective.actions.forEach((action, c) => {
        const cPath = `${oPath}.actions[${c}]`;
        if (!action.code.startsWith(`${objective.code}.`)) add(`${cPath}.code`, `must start with its objective's code ${objective.code}.`);
        action.indicators.forEach((indicator, i) => {
          const iPath = `${cPath}.indicators[${i}]`;
          if (!indicator.code.startsWith(action.code)) add(`${iPath}.code`, `must start with its action's code ${action.code}`);
          if (indicatorCodes.has(indicator.code)) add(`${iPath}.code`, `duplicate indicator code ${indicator.code}`);
          indicatorCodes.add(indicator.code);
          checkIndicator(catalog, indicator, iPath, institutions, add);
        });
      });
    });
  });

  if (catalog.previous) {
    if (compareVersions(catalog.previous.version, catalog.version) >= 0) {
      add("previous.version", `must be older than this catalog's version ${catalog.version}`);
    }
    catalog.previous.mappings.forEach((m, i) => {
      const targets = m.kind === "retire" ? [] : Array.isArray(m.to) ? m.to : [m.to];
      for (const t of targets) {
        if (!indicatorCodes.has(t)) add(`previous.mappings[${i}].to`, `indicator ${t} is not in this catalog`);
      }
      const sources = Array.isArray(m.from) ? m.from : [m.from];
      if (m.kind === "retire" && indicatorCodes.has(m.from)) add(`previous.mappings[${i}].from`, `a retired indicator (${m.from}) cannot stay in the catalog`);
      if (new Set(sources).size !== sources.length) add(`previous.mappings[${i}].from`, "repeats a code");
    });
  }
  return problems;
}

function checkIndicator(
  catalog: Catalog,
  indicator: Indicator,
  path: string,
  institutions: Set<string>,
  add: (path: string, message: string) => void,
): void {
  const dims = indicator.dimensions.map((d) => d.dimension);
  const hasSex = dims.includes(SEX_DIMENSION);
  if (indicator.measure === "people" && !hasSex) add(`${path}.dimensions`, "a count of people must be disaggregated by sex");
  if (indicator.measure !== "people" && hasSex) add(`${path}.dimensions`, "only counts of people are disaggregated by sex");
  if (indicator.measure === "status" && dims.length > 0) add(`${path}.dimensions`, "a deliverable's status has no disaggregation");
  if (new Set(dims).size !== dims.length) add(`${path}.dimensions`, "repeats a dimension");
  indicator.dimensions.forEach((d, i) => {
    if (!catalog.dimensions[d.dimension]) {
      add(`${path}.dimensions[${i}].dimension`, `unknown dimension ${d.dimension}`);
      return;
    }
    const allowed = new Set(dimensionValues(catalog, d.dimension).map((v) => v.code));
    d.values?.forEach((v, j) => {
      if (!allowed.has(v)) add(`${path}.dimensions[${i}].values[${j}]`, `${v} is not a value of ${d.dimension}`);
    });
  });
  indicator.responsible.forEach((code, i) => {
    const inst = catalog.reference.institutions.find((x) => x.code === code);
    if (!institutions.has(code)) add(`${path}.responsible[${i}]`, `unknown institution ${code}`);
    else if (inst && !inst.reports) add(`${path}.responsible[${i}]`, `${code} does not report (reports: false)`);
  });
  if (indicator.source === "roster" && !indicator.roster) add(`${path}.roster`, "a roster-derived indicator says which roster rows it counts");
  if (indicator.source !== "roster" && indicator.roster) add(`${path}.roster`, "only roster-derived indicators have a roster rule");
  if (indicator.source === "roster" && indicator.measure !== "people") add(`${path}.measure`, "rosters list people: a roster-derived indicator counts people");
  if (indicator.source === "deployments" && indicator.measure !== "percentage") add(`${path}.measure`, "deployment-computed indicators are women's shares (percentage)");
  if (indicator.roster) {
    checkCodes(catalog, "courseType", indicator.roster.courseTypes, `${path}.roster.courseTypes`, add);
    checkCodes(catalog, "role", indicator.roster.roles, `${path}.roster.roles`, add);
    for (const [dim, value] of Object.entries(indicator.roster.countsAs ?? {})) {
      checkSelectorValue(catalog, indicator, dim, value, `${path}.roster.countsAs.${dim}`, add);
    }
  }
  indicator.constraints?.forEach((c, i) => {
    for (const side of ["lesser", "greater"] as const) {
      for (const [dim, value] of Object.entries(c[side])) {
        checkSelectorValue(catalog, indicator, dim, value, `${path}.constraints[${i}].${side}.${dim}`, add);
      }
    }
  });
}

function checkSelectorValue(
  catalog: Catalog,
  indicator: Indicator,
  dim: string,
  value: string,
  path: string,
  add: (path: string, message: string) => void,
): void {
  const used = indicator.dimensions.find((d) => d.dimension === dim);
  if (!used) {
    add(path, `${indicator.code} is not disaggregated by ${dim}`);
    return;
  }
  const allowed = used.values ?? dimensionValues(catalog, dim).map((v) => v.code);
  if (!allowed.includes(value)) add(path, `${value} is not a value of ${dim} in ${indicator.code}`);
}

function checkCodes(
  catalog: Catalog,
  dimension: string,
  codes: string[] | undefined,
  path: string,
  add: (path: string, message: string) => void,
): void {
  if (!codes) return;
  if (!catalog.dimensions[dimension]) {
    add(path, `needs the dimension ${dimension}`);
    return;
  }
  const allowed = new Set(dimensionValues(catalog, dimension).map((v) => v.code));
  codes.forEach((c, i) => {
    if (!allowed.has(c)) add(`${path}[${i}]`, `${c} is not a value of ${dimension}`);
  });
}

function checkUnique(items: readonly { code: string }[], path: string, add: (path: string, message: string) => void): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.code)) add(`${path}[${i}].code`, `duplicate code ${item.code}`);
    seen.add(item.code);
  });
}

/** Orders catalog versions such as 2021.1 < 2021.2 < 2026.10. */
export function compareVersions(a: string, b: string): number {
  const [ay, ar] = a.split(".").map(Number);
  const [by, br] = b.split(".").map(Number);
  return (ay ?? 0) - (by ?? 0) || (ar ?? 0) - (br ?? 0);
}
