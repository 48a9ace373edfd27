import type { DemoDeployment } from "./demoActivities";
import type { DemoPerson } from "./demoPersonnel";
import type { Random } from "./Random";

/** The UN's public monthly contributions-by-gender file, one row per month, country, mission and type. */
export interface UnGenderRow {
  iso3: string;
  country: string;
  mission: string;
  personnelType: string;
  female: number;
  male: number;
  /** dd/mm/yyyy, as the UN writes it. */
  date: string;
}

const OTHERS: Array<[string, string]> = [
  ["BGD", "Bangladesh"],
  ["RWA", "Rwanda"],
  ["NPL", "Nepal"],
  ["PAK", "Pakistan"],
  ["EGY", "Egypt"],
  ["ZMB", "Zambia"],
  ["IDN", "Indonesia"],
  ["GHA", "Ghana"],
  ["URY", "Uruguay"],
  ["BRA", "Brazil"],
];
const MISSIONS = ["MINUSCA", "MONUSCO", "UNMISS", "UNISFA", "UNIFIL"];
const TYPES: Array<[string, string, number]> = [
  ["TROOPS", "Troops", 0.075],
  ["STAFF_OFFICER", "Staff Officer", 0.2],
  ["EXPERT_ON_MISSION", "Experts on Mission", 0.22],
];

/**
 * Monthly UN data for the months given: Peru's rows agree with the synthetic deployments (people deployed on
 * the month's last day, by sex), other countries' are invented around typical shares. Mission acronyms keep a
 * trailing space now and then, as the real files do.
 */
export function buildDemoUnGender(months: readonly string[], deployments: readonly DemoDeployment[], people: readonly DemoPerson[], rng: Random): UnGenderRow[] {
  const sex = new Map(people.map((p) => [p.serviceNumber, p.sex]));
  const out: UnGenderRow[] = [];
  for (const month of months) {
    const [y, m] = month.split("-").map(Number);
    const last = new Date(Date.UTC(y!, m!, 0)).toISOString().slice(0, 10);
    const date = `${last.slice(8, 10)}/${last.slice(5, 7)}/${last.slice(0, 4)}`;
    for (const mission of MISSIONS) {
      for (const [code, label, share] of TYPES) {
        const here = deployments.filter((d) => d.mission === mission && d.unType === code && d.start <= last && (d.end === null || d.end >= last));
        if (here.length > 0) {
          const female = here.filter((d) => sex.get(d.serviceNumber) === "F").length;
          out.push({ iso3: "PER", country: "Peru", mission: rng.chance(0.1) ? `${mission} ` : mission, personnelType: label, female, male: here.length - female, date });
        }
        for (const [iso3, country] of OTHERS) {
          if (!rng.chance(0.6)) continue;
          const total = code === "TROOPS" ? rng.int(150, 900) : rng.int(2, 25);
          const female = Math.round(total * share * (0.5 + rng.next()));
          out.push({ iso3, country, mission, personnelType: label, female, male: total - female, date });
        }
      }
    }
  }
  return out;
}
