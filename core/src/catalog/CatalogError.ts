/** One problem in a catalog file, with the path of the field (e.g. `areas[0].objectives[1].text.es`). */
export interface CatalogProblem {
  path: string;
  message: string;
}

/** Thrown when a catalog file does not match its schema; lists every problem found, not only the first. */
export class CatalogError extends Error {
  readonly problems: readonly CatalogProblem[];

  constructor(source: string, problems: CatalogProblem[]) {
    const shown = problems.slice(0, 20).map((p) => `  - ${p.path || "(root)"}: ${p.message}`);
    const more = problems.length > 20 ? [`  … and ${problems.length - 20} more`] : [];
    super(`Catalog ${source} is not valid:\n${[...shown, ...more].join("\n")}`);
    this.name = "CatalogError";
    this.problems = problems;
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out;
}
