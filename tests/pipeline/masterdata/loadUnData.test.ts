import { readFileSync } from "node:fs";
import path from "node:path";
import { dbRows, issueList, ROOT, runLoad, tempDir, writeCsv, writeXlsx } from "./masterFixtures";

const UN_HEADER = "ISOCode3,Contributing_Country,Mission_Acronym,Personnel_Type,Female_Personnel,Male_Personnel,Last_Reporting_Date";
const CONTRIBUTIONS_SQL = `SELECT strftime(month, '%Y-%m-%d') AS month, iso3, country, mission, personnel_type, personnel_type_label, female, male
  FROM un_contributions ORDER BY month, iso3, mission, personnel_type_label`;

describe("pa1325 load un-gender", () => {
  it("maps new and old UN personnel-type labels to one code, keeps the raw label, and stores the month", async () => {
    const dir = tempDir();
    const db = path.join(dir, "m.duckdb");
    const file = writeCsv(dir, "contributions-by-gender.csv", [
      UN_HEADER,
      "PER,Peru,MINUSCA  ,Troops,27,178,31/01/2024",
      "PER,Peru,MONUSCO,Experts on Mission,2,5,31/01/2024",
      "PER,Peru,UNMISS,Staff Officer,1,4,29/02/2024",
      "URY,Uruguay,monusco,Formed Police Units,10,130,29/02/2024",
      "PER,Peru,MINURSO,Individual Police,0,2,29/02/2024",
      "PER,Peru,MINUSTAH,Contingent Troop(s),5,300,31/10/2010",
      "PER,Peru,UNMIL,Military Observer,0,3,31/10/2010",
      "PER,Peru,MINUSTAH,Civilian Police,1,6,31/10/2010",
    ]);
    const r = await runLoad(["un-gender", file, "--db", db]);
    expect(issueList(r.json)).toEqual([]);
    expect(r.json).toMatchObject({ status: "loaded", rows: 8 });
    expect(await dbRows(db, CONTRIBUTIONS_SQL)).toEqual([
      { month: "2010-10-01", iso3: "PER", country: "Peru", mission: "MINUSTAH", personnel_type: "INDIVIDUAL_POLICE", personnel_type_label: "Civilian Police", female: 1, male: 6 },
      { month: "2010-10-01", iso3: "PER", country: "Peru", mission: "MINUSTAH", personnel_type: "TROOPS", personnel_type_label: "Contingent Troop(s)", female: 5, male: 300 },
      { month: "2010-10-01", iso3: "PER", country: "Peru", mission: "UNMIL", personnel_type: "EXPERT_ON_MISSION", personnel_type_label: "Military Observer", female: 0, male: 3 },
      { month: "2024-01-01", iso3: "PER", country: "Peru", mission: "MINUSCA", personnel_type: "TROOPS", personnel_type_label: "Troops", female: 27, male: 178 },
      { month: "2024-01-01", iso3: "PER", country: "Peru", mission: "MONUSCO", personnel_type: "EXPERT_ON_MISSION", personnel_type_label: "Experts on Mission", female: 2, male: 5 },
      { month: "2024-02-01", iso3: "PER", country: "Peru", mission: "MINURSO", personnel_type: "INDIVIDUAL_POLICE", personnel_type_label: "Individual Police", female: 0, male: 2 },
      { month: "2024-02-01", iso3: "PER", country: "Peru", mission: "UNMISS", personnel_type: "STAFF_OFFICER", personnel_type_label: "Staff Officer", female: 1, male: 4 },
      { month: "2024-02-01", iso3: "URY", country: "Uruguay", mission: "MONUSCO", personnel_type: "FORMED_POLICE", personnel_type_label: "Formed Police Units", female: 10, male: 130 },
    ]);
  });

  it("loads the UN file saved as .xlsx (counts as numbers, dates as text or date cells)", async () => {
    const dir = tempDir();
    const db = path.join(dir, "m.duckdb");
    const file = await writeXlsx(dir, "contributions.xlsx", [
      UN_HEADER.split(","),
      ["PER", "Peru", "MINUSCA ", "Contingent Troop", 27, 178, "31/01/2024"],
      ["PER", "Peru", "UNISFA", "Military Observers", 1, 2, new Date(Date.UTC(2024, 0, 31))],
    ]);
    const r = await runLoad(["un-gender", file, "--db", db]);
    expect(issueList(r.json)).toEqual([]);
    expect(await dbRows(db, `SELECT strftime(month, '%Y-%m-%d') AS month, mission, personnel_type, personnel_type_label, female, male FROM un_contributions ORDER BY mission`)).toEqual([
      { month: "2024-01-01", mission: "MINUSCA", personnel_type: "TROOPS", personnel_type_label: "Contingent Troop", female: 27, male: 178 },
      { month: "2024-01-01", mission: "UNISFA", personnel_type: "EXPERT_ON_MISSION", personnel_type_label: "Military Observers", female: 1, male: 2 },
    ]);
  });

  it("flags each rule on its row and column", async () => {
    const dir = tempDir();
    const file = writeCsv(dir, "bad.csv", [
      UN_HEADER,
      "PE,Peru,MINUSCA,Troops,1,2,31/01/2024", // 2 ISO code
      "PER,Peru,MINUSCA,Civilians,1,2,31/01/2024", // 3 personnel type
      "PER,Peru,MINUSCA,Staff Officer,-1,2,31/01/2024", // 4 negative
      "PER,Peru,MINUSCA,Experts on Mission,1,2.5,31/01/2024", // 5 fraction
      "PER,Peru,MINUSCA,Individual Police,1,2,30/02/2024", // 6 no such date
      "PER,Peru,,Formed Police Units,1,2,31/01/2024", // 7 mission missing
    ]);
    const r = await runLoad(["un-gender", file, "--db", path.join(dir, "m.duckdb")]);
    expect(issueList(r.json)).toEqual([
      "INVALID_ISO3 2 ISOCode3",
      "UNKNOWN_PERSONNEL_TYPE 3 Personnel_Type",
      "NOT_A_NUMBER 4 Female_Personnel",
      "NOT_WHOLE_NUMBER 5 Male_Personnel",
      "INVALID_DATE 6 Last_Reporting_Date",
      "REQUIRED 7 Mission_Acronym",
    ]);
    const fixed = writeCsv(dir, "dup.csv", [UN_HEADER, "PER,Peru,MINUSCA,Troops,1,2,31/01/2024", "PER,Peru,minusca ,troops,3,4,15/01/2024"]);
    const dup = await runLoad(["un-gender", fixed, "--db", path.join(dir, "m.duckdb")]);
    expect(issueList(dup.json)).toEqual(["DUPLICATE_ROW 3 Personnel_Type"]);
  });
});

describe("pa1325 load un-targets", () => {
  it("loads the shipped pipeline/data/un-parity-targets.csv row for row", async () => {
    const dir = tempDir();
    const db = path.join(dir, "m.duckdb");
    const shipped = path.join(ROOT, "pipeline", "data", "un-parity-targets.csv");
    const r = await runLoad(["un-targets", shipped, "--db", db]);
    expect(r.code).toBe(0);
    expect(issueList(r.json)).toEqual([]);
    const stored = await dbRows<{ year: number; parity_category: string; target_pct: number; source: string; certainty: string }>(
      db,
      `SELECT year, parity_category, target_pct, source, certainty FROM un_parity_targets ORDER BY year, parity_category`,
    );
    const lines = readFileSync(shipped, "utf8").trim().split("\n").slice(1);
    expect(stored).toHaveLength(lines.length);
    expect(stored.slice(0, 2)).toEqual([
      { year: 2020, parity_category: "CONTINGENTS", target_pct: 6.5, source: "UN Uniformed Gender Parity Strategy 2018-2028, yearly targets", certainty: "sourced" },
      { year: 2020, parity_category: "STAFF_OBSERVERS", target_pct: 17, source: "UN Uniformed Gender Parity Strategy 2018-2028, yearly targets", certainty: "sourced" },
    ]);
    expect(stored.map((s) => `${s.year} ${s.parity_category} ${s.target_pct} ${s.certainty}`)).toEqual([
      "2020 CONTINGENTS 6.5 sourced",
      "2020 STAFF_OBSERVERS 17 sourced",
      "2021 CONTINGENTS 8 sourced",
      "2021 STAFF_OBSERVERS 18 sourced",
      "2022 CONTINGENTS 9 partial",
      "2022 STAFF_OBSERVERS 19 partial",
      "2028 CONTINGENTS 15 sourced",
      "2028 FPU 20 sourced",
      "2028 IPO 30 sourced",
      "2028 STAFF_OBSERVERS 25 sourced",
    ]);
  });

  it("loads an analyst's edited copy as .xlsx with Spanish headers and no certainty column", async () => {
    const dir = tempDir();
    const db = path.join(dir, "m.duckdb");
    const file = await writeXlsx(dir, "metas.xlsx", [
      ["Año", "Categoría paridad", "Meta_pct", "Fuente"],
      [2024, "CONTINGENTS", 11, "UN DPO gender parity dashboard, 2024"],
      [2024, "Policía individual", 26.5, "UN DPO gender parity dashboard, 2024"],
    ]);
    const r = await runLoad(["un-targets", file, "--db", db]);
    expect(issueList(r.json)).toEqual([]);
    expect(await dbRows(db, `SELECT year, parity_category, target_pct, source, certainty FROM un_parity_targets ORDER BY parity_category`)).toEqual([
      { year: 2024, parity_category: "CONTINGENTS", target_pct: 11, source: "UN DPO gender parity dashboard, 2024", certainty: null },
      { year: 2024, parity_category: "IPO", target_pct: 26.5, source: "UN DPO gender parity dashboard, 2024", certainty: null },
    ]);
  });

  it("flags each rule on its row and column", async () => {
    const dir = tempDir();
    const file = writeCsv(dir, "bad.csv", [
      "year,parity_category,target_pct,source,certainty",
      "1999,CONTINGENTS,5,UN,sourced", // 2 year
      "2024,POLICE,5,UN,sourced", // 3 category
      "2024,FPU,101,UN,sourced", // 4 over 100 %
      "2024,IPO,20,,sourced", // 5 source missing
      "2024,CONTINGENTS,10,UN,maybe", // 6 certainty
      "2025,CONTINGENTS,10,UN,", // 7 fine
      "2025,Contingentes militares,11,UN,partial", // 8 repeats row 7
    ]);
    const r = await runLoad(["un-targets", file, "--db", path.join(dir, "m.duckdb")]);
    expect(issueList(r.json)).toEqual([
      "OUT_OF_RANGE 2 year",
      "UNKNOWN_PARITY_CATEGORY 3 parity_category",
      "OUT_OF_RANGE 4 target_pct",
      "REQUIRED 5 source",
      "INVALID_CERTAINTY 6 certainty",
      "DUPLICATE_ROW 8 parity_category",
    ]);
  });
});
