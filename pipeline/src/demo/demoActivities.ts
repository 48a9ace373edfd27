import { addDays, requireSemester, semesterBounds } from "../../../core/src/period/Semester";
import type { DemoPerson } from "./demoPersonnel";
import type { Random } from "./Random";

export interface DemoTraining {
  serviceNumber: string;
  course: string;
  provider: string;
  courseType: string;
  start: string;
  end: string;
  hours: number;
}

export interface DemoDeployment {
  serviceNumber: string;
  mission: string;
  unType: string;
  role: string;
  start: string;
  end: string | null;
}

/** Who offers gender courses each semester, and to about how many people. */
const GENDER_COURSES: Array<[string, number]> = [
  ["EP", 40],
  ["MGP", 20],
  ["FAP", 16],
  ["CCFFAA", 8],
  ["DIGEDOC", 10],
  ["CECOPAZ", 24],
];

/**
 * Training and deployments over the semesters (and the year before, so the first contingent is already in
 * MINUSCA): gender courses by each institution, CECOPAZ's peace-operations courses, a yearly Army engineering
 * company of about 220 in MINUSCA with gender focal points and an engagement team, and staff officers and
 * military observers in several missions. Deployments still running on `today` have no end date.
 */
export function buildDemoActivities(people: readonly DemoPerson[], semesters: readonly string[], today: string, rng: Random) {
  const active = people.filter((p) => p.status !== "retired");
  const of = (institutions: string[], categories?: string[]) =>
    active.filter((p) => institutions.includes(p.institution) && (!categories || categories.includes(p.category)));
  const forces = ["EP", "MGP", "FAP"];
  const training: DemoTraining[] = [];
  const deployments: DemoDeployment[] = [];
  const pick = (pool: readonly DemoPerson[], n: number, womenShare: number, exclude: Set<string>) => {
    const women = rng.shuffle(pool.filter((p) => p.sex === "F" && !exclude.has(p.serviceNumber)));
    const men = rng.shuffle(pool.filter((p) => p.sex === "M" && !exclude.has(p.serviceNumber)));
    const w = Math.min(women.length, Math.round(n * womenShare));
    const chosen = [...women.slice(0, w), ...men.slice(0, n - w)];
    for (const p of chosen) exclude.add(p.serviceNumber);
    return chosen;
  };
  const deployed = new Set<string>();
  const contingent = (year: number, trainedIn: readonly DemoPerson[] | undefined) => {
    const members = trainedIn && trainedIn.length > 0 ? [...trainedIn] : pick(of(["EP"], ["OFICIALES", "TECNICOS_SUBOFICIALES", "TROPA_ESPECIALISTA", "TROPA_SMV"]), rng.int(205, 235), 0.125, deployed);
    const women = members.filter((p) => p.sex === "F");
    const roles = new Map<string, string>();
    const assign = (list: DemoPerson[], role: string, n: number) => list.filter((p) => !roles.has(p.serviceNumber)).slice(0, n).forEach((p) => roles.set(p.serviceNumber, role));
    assign(women, "GENDER_FOCAL_POINT", 1);
    assign(members, "GENDER_FOCAL_POINT", 1);
    assign(women, "ENGAGEMENT_TEAM", 4);
    assign(members, "INFORMATION_DISSEMINATION", 2);
    const end = `${year + 1}-01-31`;
    for (const p of members) {
      deployments.push({ serviceNumber: p.serviceNumber, mission: "MINUSCA", unType: "TROOPS", role: roles.get(p.serviceNumber) ?? "CONTINGENT_MEMBER", start: `${year}-02-01`, end: end < today ? end : null });
    }
  };

  const firstYear = requireSemester(semesters[0]!).year;
  contingent(firstYear - 1, undefined);
  let nextContingent: DemoPerson[] | undefined;
  for (const code of semesters) {
    const s = requireSemester(code);
    const { start } = semesterBounds(s);
    if (s.half === 1) {
      contingent(s.year, nextContingent);
      nextContingent = undefined;
    }
    const day = (from: number, to: number) => addDays(start, rng.int(from, to));
    for (const [provider, n] of GENDER_COURSES) {
      const pool = provider === "DIGEDOC" || provider === "CECOPAZ" || provider === "CCFFAA" ? of(forces, ["OFICIALES", "TECNICOS_SUBOFICIALES"]) : of([provider]);
      const begin = day(10, 140);
      for (const p of pick(pool, Math.round(n * (0.8 + rng.next() * 0.4)), 0.3, new Set())) {
        training.push({ serviceNumber: p.serviceNumber, course: `Género y empoderamiento de la mujer ${code}`, provider, courseType: "GENDER", start: begin, end: addDays(begin, 4), hours: 30 });
      }
    }
    for (const [courseType, title] of [
      ["PKO_EXPERT", "Curso de expertos en misión (UNEM)"],
      ["PKO_STAFF", "Curso de oficiales de Estado Mayor (UNSOC)"],
    ] as const) {
      const begin = day(20, 120);
      for (const p of pick(of(forces, ["OFICIALES"]), rng.int(20, 28), 0.22, new Set())) {
        training.push({ serviceNumber: p.serviceNumber, course: `${title} ${code}`, provider: "CECOPAZ", courseType, start: begin, end: addDays(begin, 19), hours: 120 });
      }
    }
    if (s.half === 2) {
      // The next year's contingent trains at CECOPAZ before it deploys in February.
      nextContingent = pick(of(["EP"], ["OFICIALES", "TECNICOS_SUBOFICIALES", "TROPA_ESPECIALISTA", "TROPA_SMV"]), rng.int(205, 235), 0.125, deployed);
      const begin = day(100, 140);
      for (const p of nextContingent) {
        training.push({ serviceNumber: p.serviceNumber, course: `Preparación de contingente MINUSCA ${s.year + 1}`, provider: "CECOPAZ", courseType: "PKO_CONTINGENT", start: begin, end: addDays(begin, 27), hours: 160 });
      }
    }
    for (const [unType, role, missions, n] of [
      ["STAFF_OFFICER", "STAFF", ["MINUSCA", "MONUSCO", "UNMISS"], 5],
      ["EXPERT_ON_MISSION", "OBSERVER", ["MONUSCO", "UNISFA", "UNMISS", "UNIFIL"], 5],
    ] as const) {
      for (const p of pick(of(forces, ["OFICIALES"]), n, 0.3, deployed)) {
        const begin = day(0, 150);
        const end = addDays(begin, 364);
        deployments.push({ serviceNumber: p.serviceNumber, mission: rng.pick(missions), unType, role, start: begin, end: end < today ? end : null });
      }
    }
  }
  return { training, deployments };
}

