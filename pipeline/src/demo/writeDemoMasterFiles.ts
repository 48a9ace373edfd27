import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { DemoDeployment, DemoTraining } from "./demoActivities";
import type { UnGenderRow } from "./demoUnGender";
import type { DemoPerson } from "./demoPersonnel";
import { toCsv } from "./writeDemoCsv";

/** The exports an analyst would receive from personnel, training and deployment systems, and the UN's file. */
export function writeDemoMasterFiles(
  dir: string,
  data: { people: readonly DemoPerson[]; training: readonly DemoTraining[]; deployments: readonly DemoDeployment[]; unGender: readonly UnGenderRow[] },
): Record<"personnel" | "training" | "deployments" | "un-gender", string> {
  mkdirSync(dir, { recursive: true });
  const files = {
    personnel: path.join(dir, "personnel.csv"),
    training: path.join(dir, "training.csv"),
    deployments: path.join(dir, "deployments.csv"),
    "un-gender": path.join(dir, "un-contributions-by-gender.csv"),
  };
  writeFileSync(
    files.personnel,
    toCsv(
      ["service_number", "institution", "sex", "rank", "category", "birth_year", "entry_date", "status"],
      data.people.map((p) => [p.serviceNumber, p.institution, p.sex, p.rank, p.category, p.birthYear, p.entryDate, p.status]),
    ),
  );
  writeFileSync(
    files.training,
    toCsv(
      ["service_number", "course", "provider", "course_type", "start_date", "end_date", "hours"],
      data.training.map((t) => [t.serviceNumber, t.course, t.provider, t.courseType, t.start, t.end, t.hours]),
    ),
  );
  writeFileSync(
    files.deployments,
    toCsv(
      ["service_number", "mission", "un_personnel_type", "role", "start_date", "end_date"],
      data.deployments.map((d) => [d.serviceNumber, d.mission, d.unType, d.role, d.start, d.end]),
    ),
  );
  writeFileSync(
    files["un-gender"],
    toCsv(
      ["ISOCode3", "Contributing_Country", "Mission_Acronym", "Personnel_Type", "Female_Personnel", "Male_Personnel", "Last_Reporting_Date"],
      data.unGender.map((u) => [u.iso3, u.country, u.mission, u.personnelType, u.female, u.male, u.date]),
    ),
  );
  return files;
}
