import type { Catalog, Indicator } from "../../../core/src/catalog/Catalog";
import { dimensionValues, findIndicator } from "../../../core/src/catalog/catalogQueries";
import { DELIVERABLE_STATUS_LABELS, ROSTER_ACTIVITY_LABELS, type DeliverableStatus } from "../../../core/src/layout/deliverableStatus";
import { rosterCell } from "../../../core/src/layout/buildRosterSheet";
import type { IndicatorRowSpec, TemplateLayout } from "../../../core/src/layout/TemplateLayout";
import { addDays, requireSemester, semesterBounds } from "../../../core/src/period/Semester";
import type { InputValue } from "../xlsx/writeTemplateXlsx";
import type { Random } from "./Random";

/** Someone the roster may list: their sex and category decide where they count in the aggregates. */
export interface Person {
  serviceNumber: string;
  institution: string;
  sex: "F" | "M";
  category: string;
}

/** A roster line taken from real activity data (the demo's training and deployments). */
export interface RosterLine {
  person: Person;
  courseOrMission: string;
  start: string;
  end: string | null;
  hours: number | null;
}

export interface FillOptions {
  rng: Random;
  /** People the roster may list (for CECOPAZ: everyone it trains). */
  people: readonly Person[];
  /** Counts scale with this: about 1 for the Army, 0.1 for a directorate. */
  scale: number;
  /** Share of women among the people picked (the forces have about 10–15 %). */
  womenShare: number;
  preparedBy: string;
  /**
   * Where a roster-derived indicator's people come from (e.g. the training records of the semester). Without
   * it, people are picked at random from `people`.
   */
  rosterSource?: (indicator: Indicator, courseType: string | undefined) => RosterLine[] | undefined;
}

export type Inputs = Map<string, Map<string, InputValue>>;

/**
 * Fills a template the way a careful institution would: every indicator reported, aggregates that agree with
 * the roster (people counted once), constraints kept, deliverables with consistent status, progress and date.
 * Deliberate mistakes are added afterwards by the sample and demo builders.
 */
export function fillTemplate(catalog: Catalog, layout: TemplateLayout, options: FillOptions): Inputs {
  const inputs: Inputs = new Map();
  const set = (sheet: string, cell: string, value: InputValue) => {
    let m = inputs.get(sheet);
    if (!m) inputs.set(sheet, (m = new Map()));
    m.set(cell, value);
  };
  const { rng } = options;
  const language = layout.language;
  const ind = layout.sheets.find((s) => s.role === "indicators")!.name;
  const bounds = semesterBounds(requireSemester(layout.period));
  const dayIn = (from = 0, to = 150) => addDays(bounds.start, rng.int(from, to));
  const used = new Set<string>();
  let rosterRow = layout.roster?.firstRow ?? 0;
  const addRosterLine = (values: Record<string, InputValue>) => {
    if (!layout.roster || rosterRow > layout.roster.lastRow) return false;
    for (const [col, v] of Object.entries(values)) set(layout.roster.sheet, rosterCell(layout.roster, col as keyof typeof layout.roster.columns, rosterRow), v);
    rosterRow++;
    return true;
  };
  const label = (dimension: string, code: string) => dimensionValues(catalog, dimension).find((v) => v.code === code)!.name[language];
  const pickPeople = (n: number, key: string, filter: (p: Person) => boolean = () => true): Person[] => {
    const pool = options.people.filter((p) => filter(p) && !used.has(`${key}|${p.serviceNumber}`));
    const women = rng.shuffle(pool.filter((p) => p.sex === "F"));
    const men = rng.shuffle(pool.filter((p) => p.sex === "M"));
    const w = Math.min(women.length, rng.binomial(n, options.womenShare));
    const chosen = [...women.slice(0, w), ...men.slice(0, Math.max(0, n - w))];
    for (const p of chosen) used.add(`${key}|${p.serviceNumber}`);
    return chosen;
  };
  const count = (base: number) => Math.max(0, Math.round(base * options.scale * (0.6 + rng.next() * 0.8)));
  const rowsOf = (code: string) => layout.indicatorRows.filter((r) => r.indicator === code);
  const putPeople = (row: IndicatorRowSpec, women: number, men: number) => {
    set(ind, row.women!, women);
    set(ind, row.men!, men);
  };

  for (const code of [...new Set(layout.indicatorRows.map((r) => r.indicator))]) {
    const indicator = findIndicator(catalog, code)!.indicator;
    const rows = rowsOf(code);
    if (indicator.source === "roster") fillRosterIndicator(indicator, rows);
    else if (indicator.measure === "people") {
      for (const row of rows) {
        const n = count(row.dims.category === "TROPA_SMV" || row.dims.category === "OFICIALES" ? 40 : 15);
        const w = rng.binomial(n, options.womenShare);
        putPeople(row, w, n - w);
      }
    } else if (indicator.measure === "hours") {
      for (const row of rows.filter((r) => r.dims.hourKind === "TOTAL_HOURS")) {
        const total = rng.int(12, 30) * 8;
        set(ind, row.total, total);
        const gender = rows.find((r) => r.dims.hourKind === "GENDER_HOURS" && r.dims.courseType === row.dims.courseType)!;
        set(ind, gender.total, Math.min(total, rng.int(4, 24)));
      }
    } else {
      const lesserOf = new Map<string, string>();
      for (const c of indicator.constraints ?? []) {
        const lesser = rows.find((r) => Object.entries(c.lesser).every(([k, v]) => r.dims[k] === v));
        const greater = rows.find((r) => Object.entries(c.greater).every(([k, v]) => r.dims[k] === v));
        if (lesser && greater) lesserOf.set(lesser.key, greater.key);
      }
      const values = new Map<string, number>();
      for (const row of rows.filter((r) => !lesserOf.has(r.key))) values.set(row.key, Math.min(20, count(indicator.cumulative ? 4 : 2)));
      for (const row of rows.filter((r) => lesserOf.has(r.key))) values.set(row.key, rng.int(0, values.get(lesserOf.get(row.key)!) ?? 0));
      for (const row of rows) set(ind, row.total, values.get(row.key)!);
    }
    if (rng.chance(0.15)) set(ind, rows[0]!.note, language === "es" ? "Incluye actividades en regiones militares del sur." : "Includes activities in southern military regions.");
  }

  function fillRosterIndicator(indicator: Indicator, rows: IndicatorRowSpec[]): void {
    const rule = indicator.roster!;
    if (rule.activity === "training") {
      const byCourse = indicator.dimensions.some((d) => d.dimension === "courseType");
      const groups = byCourse ? rows.map((r) => ({ rows: [r], courseType: r.dims.courseType! })) : [{ rows, courseType: rule.courseTypes![0]! }];
      for (const g of groups) {
        const start = dayIn(0, 120);
        const course = courseName(g.courseType, layout.period, language);
        const lines: RosterLine[] =
          options.rosterSource?.(indicator, g.courseType) ??
          pickPeople(count(byCourse ? 25 : 30), `training:${g.courseType}`).map((person) => ({
            person,
            courseOrMission: course,
            start,
            end: addDays(start, g.courseType === "GENDER" ? 4 : 19),
            hours: g.courseType === "GENDER" ? 30 : 120,
          }));
        const people: Person[] = [];
        for (const line of lines) {
          if (!addRosterLine({
            serviceNumber: line.person.serviceNumber,
            activity: ROSTER_ACTIVITY_LABELS.training[language],
            courseOrMission: line.courseOrMission,
            courseType: label("courseType", g.courseType),
            start: line.start,
            end: line.end,
            hours: line.hours,
          })) break;
          people.push(line.person);
        }
        const listed = people.slice(0, layout.roster ? layout.roster.lastRow - layout.roster.firstRow + 1 : 0);
        for (const row of g.rows) {
          const mine = byCourse ? listed : listed.filter((p) => p.category === row.dims.category);
          putPeople(row, mine.filter((p) => p.sex === "F").length, mine.filter((p) => p.sex === "M").length);
        }
      }
      return;
    }
    // Deployment roles: the roster lists who holds the role; other stages are reported around it.
    const start = dayIn(0, 60);
    const lines: RosterLine[] =
      options.rosterSource?.(indicator, undefined) ??
      pickPeople(rng.int(1, 3), `deployment:${rule.roles!.join()}`).map((person) => ({ person, courseOrMission: "MINUSCA", start, end: null, hours: null }));
    const designated: Person[] = [];
    for (const line of lines) {
      if (!addRosterLine({
        serviceNumber: line.person.serviceNumber,
        activity: ROSTER_ACTIVITY_LABELS.deployment[language],
        courseOrMission: line.courseOrMission,
        role: label("role", rule.roles![0]!),
        start: line.start,
        end: line.end,
      })) break;
      designated.push(line.person);
    }
    const w = designated.filter((p) => p.sex === "F").length;
    const m = designated.length - w;
    for (const row of rows) {
      const stage = row.dims.stage;
      if (stage === undefined || stage === "DESIGNATED") putPeople(row, w, m);
      else if (stage === "TRAINED") putPeople(row, w + rng.int(0, 1), m + rng.int(0, 1));
      else putPeople(row, w + rng.int(1, 2), m + rng.int(1, 3));
    }
  }

  const deliverableSheet = layout.sheets.find((s) => s.role === "deliverables");
  for (const row of layout.deliverableRows) {
    const status = rng.pick<DeliverableStatus>(["IN_PREPARATION", "UNDER_REVIEW", "APPROVED", "IN_FORCE"]);
    set(deliverableSheet!.name, row.status, DELIVERABLE_STATUS_LABELS[status][language]);
    const approved = status === "APPROVED" || status === "IN_FORCE";
    set(deliverableSheet!.name, row.progress, approved ? 100 : status === "UNDER_REVIEW" ? 80 : rng.int(2, 6) * 10);
    if (approved) {
      set(deliverableSheet!.name, row.date, dayIn(0, 170));
      set(deliverableSheet!.name, row.reference, `Directiva N.° ${String(rng.int(1, 40)).padStart(3, "0")}-${layout.period.slice(0, 4)}-${layout.institution}`);
    }
  }
  set(layout.preparedByCell.sheet, layout.preparedByCell.cell, options.preparedBy);
  return inputs;
}

function courseName(courseType: string, period: string, language: "es" | "en"): string {
  const names: Record<string, [string, string]> = {
    GENDER: ["Curso de género y empoderamiento de la mujer", "Gender and women's empowerment course"],
    PKO_EXPERT: ["Curso de expertos en misión (UNEM)", "UN experts on mission course (UNEM)"],
    PKO_STAFF: ["Curso de oficiales de Estado Mayor (UNSOC)", "UN staff officers course (UNSOC)"],
    PKO_CONTINGENT: ["Preparación de contingente MINUSCA", "MINUSCA contingent preparation"],
    OTHER: ["Otro curso", "Other course"],
  };
  const [es, en] = names[courseType] ?? names.OTHER!;
  return `${language === "es" ? es : en} ${period}`;
}

