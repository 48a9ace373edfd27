import path from "node:path";
import { loadPseudonymKey, pseudonymise } from "../../../pipeline/src/privacy/pseudonymKey";
import { dbRows, ENV, issueList, runLoad, tempDir, writeCsv, writeXlsx } from "./masterFixtures";

const key = loadPseudonymKey(ENV, () => {});
const pid = (sn: string) => pseudonymise(key, sn);

const TRAINING_SQL = `SELECT person_id, course, provider, course_type, strftime(start_date, '%Y-%m-%d') AS start_date,
  strftime(end_date, '%Y-%m-%d') AS end_date, hours FROM training ORDER BY start_date, course`;
const DEPLOYMENTS_SQL = `SELECT person_id, mission, un_personnel_type, role, strftime(start_date, '%Y-%m-%d') AS start_date,
  strftime(end_date, '%Y-%m-%d') AS end_date FROM deployments ORDER BY start_date, mission`;

const EXPECTED_TRAINING = [
  { person_id: pid("40123456"), course: "Género y operaciones de paz", provider: "CECOPAZ", course_type: "GENDER", start_date: "2025-03-10", end_date: "2025-03-14", hours: 40 },
  { person_id: pid("40123457"), course: "Curso de observadores militares", provider: "CECOPAZ", course_type: "PKO_EXPERT", start_date: "2025-05-05", end_date: null, hours: 120.5 },
  { person_id: pid("40123456"), course: "Protección de civiles", provider: "ONU Mujeres", course_type: "OTHER", start_date: "2025-09-01", end_date: null, hours: null },
];

const EXPECTED_DEPLOYMENTS = [
  { person_id: pid("40123456"), mission: "MINUSCA", un_personnel_type: "TROOPS", role: "CONTINGENT_MEMBER", start_date: "2024-01-15", end_date: "2025-01-14" },
  { person_id: pid("40123457"), mission: "MONUSCO", un_personnel_type: "EXPERT_ON_MISSION", role: "OBSERVER", start_date: "2024-06-01", end_date: null },
  { person_id: pid("40123458"), mission: "UNMISS", un_personnel_type: "STAFF_OFFICER", role: null, start_date: "2025-02-01", end_date: null },
];

describe("pa1325 load training", () => {
  it("loads a CSV: course types by code or label in either language, optional end date and hours", async () => {
    const dir = tempDir();
    const db = path.join(dir, "m.duckdb");
    const file = writeCsv(dir, "training.csv", [
      "service_number,course,provider,course_type,start_date,end_date,hours",
      "40123456,Género y operaciones de paz,CECOPAZ,GENDER,2025-03-10,2025-03-14,40",
      '40123457,"Curso de observadores militares",CECOPAZ,"Peace operations: experts on mission",05/05/2025,,120.5',
      "40123456,Protección de civiles,ONU Mujeres,otro curso,2025-09-01,,",
    ]);
    const r = await runLoad(["training", file, "--db", db]);
    expect(issueList(r.json)).toEqual([]);
    expect(r.json).toMatchObject({ status: "loaded", rows: 3 });
    expect(await dbRows(db, TRAINING_SQL)).toEqual(EXPECTED_TRAINING);
  });

  it("loads the same from an .xlsx with Spanish headers", async () => {
    const dir = tempDir();
    const db = path.join(dir, "m.duckdb");
    const file = await writeXlsx(dir, "capacitacion.xlsx", [
      ["Número de servicio", "Curso", "Proveedor", "Tipo de curso", "Fecha de inicio", "Fecha fin", "Horas"],
      [40123456, "Género y operaciones de paz", "CECOPAZ", "Género y empoderamiento de la mujer", new Date(Date.UTC(2025, 2, 10)), new Date(Date.UTC(2025, 2, 14)), 40],
      ["40123457", "Curso de observadores militares", "CECOPAZ", "PKO_EXPERT", "2025-05-05", null, 120.5],
      [40123456, "Protección de civiles", "ONU Mujeres", "OTHER", new Date(Date.UTC(2025, 8, 1)), null, null],
    ]);
    const r = await runLoad(["training", file, "--db", db]);
    expect(issueList(r.json)).toEqual([]);
    expect(await dbRows(db, TRAINING_SQL)).toEqual(EXPECTED_TRAINING);
  });

  it("flags each rule on its row and column", async () => {
    const dir = tempDir();
    const file = writeCsv(dir, "bad.csv", [
      "service_number,curso,proveedor,tipo_curso,fecha_inicio,fecha_fin,horas",
      "40123456,Curso,CECOPAZ,Esgrima,2025-03-10,,", // 2 course type
      "40123456,Curso,CECOPAZ,GENDER,2025-03-11,2025-03-01,", // 3 end before start
      "40123456,Curso,CECOPAZ,GENDER,2025-04-10,,2001", // 4 hours over 2000
      "40123456,Curso,CECOPAZ,GENDER,2025-04-11,,\"1,5\"", // 5 decimal comma
      `40123456,Curso,${"P".repeat(81)},GENDER,2025-04-12,,`, // 6 provider too long
      "40123456,,CECOPAZ,GENDER,2025-04-13,,", // 7 course missing
      "40123456,Curso,CECOPAZ,GENDER,,,", // 8 start missing
      "40123456,Curso,CECOPAZ,GENDER,2025-04-10,,8", // 9 repeats row 4
    ]);
    const r = await runLoad(["training", file, "--db", path.join(dir, "m.duckdb")]);
    expect(r.code).toBe(1);
    expect(issueList(r.json)).toEqual([
      "UNKNOWN_COURSE_TYPE 2 tipo_curso",
      "DATE_ORDER 3 fecha_fin",
      "OUT_OF_RANGE 4 horas",
      "NOT_A_NUMBER 5 horas",
      "TEXT_TOO_LONG 6 proveedor",
      "REQUIRED 7 curso",
      "REQUIRED 8 fecha_inicio",
      "DUPLICATE_ROW 9 service_number",
    ]);
    expect(r.json!.issues[7]!.message).toBe("The row repeats the person, course and start date of row 4. Delete one of them.");
  });
});

describe("pa1325 load deployments", () => {
  it("loads a CSV: missions by code or name, UN personnel types by code, name or UN label, optional role and end date", async () => {
    const dir = tempDir();
    const db = path.join(dir, "m.duckdb");
    const file = writeCsv(dir, "deployments.csv", [
      "service_number;mission;un_personnel_type;role;start_date;end_date",
      "40123456;MINUSCA;Troops;Integrante del contingente;15/01/2024;14/01/2025",
      "40123457;Misión de Estabilización de las Naciones Unidas en la República Democrática del Congo;Military Observer;OBSERVER;2024-06-01;",
      "40123458;unmiss;Oficiales de Estado Mayor;;2025-02-01;",
    ]);
    const r = await runLoad(["deployments", file, "--db", db]);
    expect(issueList(r.json)).toEqual([]);
    expect(await dbRows(db, DEPLOYMENTS_SQL)).toEqual(EXPECTED_DEPLOYMENTS);
  });

  it("loads the same from an .xlsx with Spanish headers", async () => {
    const dir = tempDir();
    const db = path.join(dir, "m.duckdb");
    const file = await writeXlsx(dir, "despliegues.xlsx", [
      ["CIP", "Misión", "Tipo personal ONU", "Función", "Fecha inicio", "Fecha fin"],
      [40123456, "MINUSCA", "TROOPS", "CONTINGENT_MEMBER", new Date(Date.UTC(2024, 0, 15)), new Date(Date.UTC(2025, 0, 14))],
      [40123457, "MONUSCO", "Experts on Mission", "Observador militar", new Date(Date.UTC(2024, 5, 1)), null],
      [40123458, "UNMISS", "Staff Officer", null, "01/02/2025", null],
    ]);
    const r = await runLoad(["deployments", file, "--db", db]);
    expect(issueList(r.json)).toEqual([]);
    expect(await dbRows(db, DEPLOYMENTS_SQL)).toEqual(EXPECTED_DEPLOYMENTS);
  });

  it("flags each rule on its row and column", async () => {
    const dir = tempDir();
    const file = writeCsv(dir, "bad.csv", [
      "service_number,mission,un_personnel_type,role,start_date,end_date",
      "40123456,MINUSTAH,TROOPS,,2024-01-01,", // 2 mission not in the catalog
      "40123456,MINUSCA,Sailors,,2024-01-01,", // 3 personnel type
      "40123456,MINUSCA,TROOPS,Cocinero,2024-01-02,", // 4 role
      "40123456,MINUSCA,TROOPS,,2024-02-01,2024-01-01", // 5 end before start
      "40123456,MINUSCA,TROOPS,,2024-13-01,", // 6 no such date
      "40123456,,TROOPS,,2024-03-01,", // 7 mission missing
      "40123456,MINUSCA,TROOPS,,2024-01-02,", // 8 repeats row 4 (person, mission, start)
    ]);
    const r = await runLoad(["deployments", file, "--db", path.join(dir, "m.duckdb")]);
    expect(issueList(r.json)).toEqual([
      "UNKNOWN_MISSION 2 mission",
      "UNKNOWN_PERSONNEL_TYPE 3 un_personnel_type",
      "UNKNOWN_ROLE 4 role",
      "DATE_ORDER 5 end_date",
      "INVALID_DATE 6 start_date",
      "REQUIRED 7 mission",
      "DUPLICATE_ROW 8 service_number",
    ]);
  });
});
