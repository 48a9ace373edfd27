import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Catalog, Indicator } from "../../../core/src/catalog/Catalog";
import { reportingInstitutions } from "../../../core/src/catalog/catalogQueries";
import { buildTemplateLayout } from "../../../core/src/layout/buildTemplateLayout";
import { rowKey } from "../../../core/src/layout/rowKeys";
import type { TemplateLayout } from "../../../core/src/layout/TemplateLayout";
import { requireSemester, semesterBounds } from "../../../core/src/period/Semester";
import { writeTemplateXlsx } from "../xlsx/writeTemplateXlsx";
import type { DemoDeployment, DemoTraining } from "./demoActivities";
import type { DemoPerson } from "./demoPersonnel";
import { fillTemplate, type Inputs, type RosterLine } from "./fillTemplate";
import { Random } from "./Random";

/** A folder of workbooks to ingest together, as if they arrived on `arrivedAt`. */
export interface DemoBatch {
  folder: string;
  arrivedAt: Date;
  files: number;
}

const SCALE: Record<string, number> = { EP: 1, MGP: 0.6, FAP: 0.5, CCFFAA: 0.3, CECOPAZ: 0.8, DIGEDOC: 0.3, DIGRIN: 0.15, DIGEPE: 0.1 };

/**
 * The institutions' semester reports for the demo, written as .xlsx into batches by arrival: rosters come from
 * the synthetic training and deployment records, so the roster statistics and the reported aggregates agree
 * (but for one deliberate difference). The story: DIGRIN misses 2025-S1; DIGEPE is late in 2025-S2; in the last
 * semester FAP's first file has mistakes and a corrected one follows, CCFFAA resubmits, the Navy uses the
 * English template, DIGEDOC leaves an indicator unreported, and the Navy's gender-course figure differs from its
 * roster. `extraVersions` adds resubmissions (for benchmarks).
 */
export async function buildDemoWorkbooks(
  catalog: Catalog,
  dir: string,
  semesters: readonly string[],
  data: { people: readonly DemoPerson[]; training: readonly DemoTraining[]; deployments: readonly DemoDeployment[] },
  options: { seed: number; extraVersions: number; deadlineDays: number },
): Promise<DemoBatch[]> {
  const people = new Map(data.people.map((p) => [p.serviceNumber, p]));
  const last = semesters[semesters.length - 1]!;
  const batches = new Map<string, DemoBatch>();
  const rng = new Random(options.seed);
  const add = async (semester: string, late: boolean, name: string, layout: TemplateLayout, inputs: Inputs) => {
    const { end } = semesterBounds(requireSemester(semester));
    const day = new Date(`${end}T12:00:00Z`);
    day.setUTCDate(day.getUTCDate() + (late ? options.deadlineDays + 15 : 10));
    const folder = path.join(dir, semester, late ? "late" : "on-time");
    const batch = batches.get(folder) ?? { folder, arrivedAt: day, files: 0 };
    batches.set(folder, batch);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, name), await writeTemplateXlsx(layout, { inputs, now: day }));
    batch.files++;
  };

  const fill = (institution: string, semester: string, language: "es" | "en", seed: number) => {
    const layout = buildTemplateLayout(catalog, institution, semester, language, { generatedBy: "pa1325 template", generatedAt: `${semesterBounds(requireSemester(semester)).end}T09:00:00.000Z` });
    const inputs = fillTemplate(catalog, layout, {
      rng: new Random(seed),
      people: data.people.filter((p) => p.institution === institution),
      scale: SCALE[institution] ?? 0.2,
      womenShare: 0.13,
      preparedBy: language === "es" ? `Comité de género — ${institution}` : `Gender committee — ${institution}`,
      rosterSource: (indicator, courseType) => rosterFor(indicator, courseType, institution, semester, data, people),
    });
    return { layout, inputs };
  };

  for (const [si, semester] of semesters.entries()) {
    for (const [ii, inst] of reportingInstitutions(catalog).map((i) => i.code).entries()) {
      if (inst === "DIGRIN" && semester === semesters[1]) continue;
      const language = inst === "MGP" && semester === last ? "en" : "es";
      const seed = options.seed + si * 100 + ii;
      const { layout, inputs } = fill(inst, semester, language, seed);
      const base = `pa1325-${inst}-${semester}`;
      const late = inst === "DIGEPE" && semester === semesters[2];
      if (semester === last && inst === "FAP") {
        const wrong = cloneInputs(inputs);
        setCell(wrong, layout, rowKey("PREV-2.1", { category: "OFICIALES" }), "women", "once");
        setCell(wrong, layout, rowKey("PREV-2.2", { outputType: "ARTICLE" }), "total", -2);
        await add(semester, false, `${base}-v1.xlsx`, layout, wrong);
        await add(semester, false, `${base}-v2-corregido.xlsx`, layout, inputs);
        continue;
      }
      if (semester === last && inst === "CCFFAA") {
        await add(semester, false, `${base}-v1.xlsx`, layout, inputs);
        const v2 = cloneInputs(inputs);
        bump(v2, layout, rowKey("PREV-2.1", { category: "OFICIALES" }), "women", 3);
        bump(v2, layout, rowKey("RR-2.1", { mission: "MINUSCA" }), "total", 2);
        await add(semester, false, `${base}-v2.xlsx`, layout, v2);
        continue;
      }
      if (semester === last && inst === "DIGEDOC") {
        for (const r of layout.indicatorRows.filter((x) => x.indicator === "PROT-2.3")) inputs.get(sheetName(layout, "indicators"))!.delete(r.total);
      }
      if (semester === last && inst === "MGP") bump(inputs, layout, rowKey("PREV-1.1", { category: "TECNICOS_SUBOFICIALES" }), "men", 2);
      await add(semester, late, `${base}.xlsx`, layout, inputs);
    }
  }
  // Resubmissions for benchmarks: small changes to earlier reports, each a new version.
  const institutions = reportingInstitutions(catalog).map((i) => i.code);
  for (let v = 0; v < options.extraVersions; v++) {
    const semester = rng.pick(semesters);
    const inst = rng.pick(institutions);
    const { layout, inputs } = fill(inst, semester, "es", options.seed + 7919 * (v + 1));
    await add(semester, false, `pa1325-${inst}-${semester}-z${String(v + 1).padStart(5, "0")}.xlsx`, layout, inputs);
  }
  return [...batches.values()].sort((a, b) => a.arrivedAt.getTime() - b.arrivedAt.getTime() || (a.folder < b.folder ? -1 : 1));
}

/** The roster of an indicator from the activity records: who took the course, or who held the role, that semester. */
function rosterFor(
  indicator: Indicator,
  courseType: string | undefined,
  institution: string,
  semester: string,
  data: { training: readonly DemoTraining[]; deployments: readonly DemoDeployment[] },
  people: Map<string, DemoPerson>,
): RosterLine[] {
  const { start, end } = semesterBounds(requireSemester(semester));
  const rule = indicator.roster!;
  if (rule.activity === "training") {
    return data.training
      .filter((t) => t.provider === institution && t.courseType === courseType && t.start >= start && t.start <= end)
      .map((t) => ({ person: people.get(t.serviceNumber)!, courseOrMission: t.course, start: t.start, end: t.end, hours: t.hours }));
  }
  const seen = new Set<string>();
  return data.deployments
    .filter((d) => rule.roles!.includes(d.role) && d.start <= end && (d.end === null || d.end >= start))
    .filter((d) => institution === "CCFFAA" || people.get(d.serviceNumber)?.institution === institution)
    .filter((d) => !seen.has(d.serviceNumber) && (seen.add(d.serviceNumber), true))
    .map((d) => ({ person: people.get(d.serviceNumber)!, courseOrMission: d.mission, start: d.start, end: d.end, hours: null }));
}

function sheetName(layout: TemplateLayout, role: string): string {
  return layout.sheets.find((s) => s.role === role)!.name;
}

function cloneInputs(inputs: Inputs): Inputs {
  return new Map([...inputs].map(([k, v]) => [k, new Map(v)]));
}

function setCell(inputs: Inputs, layout: TemplateLayout, key: string, field: "women" | "men" | "total", value: string | number): void {
  const row = layout.indicatorRows.find((r) => r.key === key);
  if (row) inputs.get(sheetName(layout, "indicators"))!.set(row[field]!, value);
}

function bump(inputs: Inputs, layout: TemplateLayout, key: string, field: "women" | "men" | "total", by: number): void {
  const row = layout.indicatorRows.find((r) => r.key === key);
  if (!row) return;
  const sheet = inputs.get(sheetName(layout, "indicators"))!;
  sheet.set(row[field]!, Number(sheet.get(row[field]!) ?? 0) + by);
}
