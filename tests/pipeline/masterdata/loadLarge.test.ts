import path from "node:path";
import { dbRows, runLoad, tempDir, writeCsv } from "./masterFixtures";

/** A personnel export the size of the three armed forces together: rows built from valid catalog values. */
function personnelLines(count: number): string[] {
  const people: Array<[string, string, string]> = [
    ["EP", "SOLDADO", "TROPA_SMV"],
    ["EP", "CAP", "OFICIALES"],
    ["MGP", "Técnico 1ro", "TECNICOS_SUBOFICIALES"],
    ["FAP", "AVIONERO", "TROPA_SMV"],
    ["DIGEPE", "Analista", "CIVILES"],
  ];
  const statuses = ["active", "activo", "leave", "retired", "baja"];
  const lines = ["numero_servicio;institucion;sexo;grado;categoria;anio_nacimiento;fecha_ingreso;estado"];
  for (let i = 0; i < count; i++) {
    const [inst, rank, cat] = people[i % people.length]!;
    const day = String((i % 28) + 1).padStart(2, "0");
    lines.push(`${40_000_000 + i};${inst};${i % 7 === 0 ? "F" : "M"};${rank};${cat};${1960 + (i % 45)};${day}/0${(i % 9) + 1}/20${String(i % 25).padStart(2, "0")};${statuses[i % statuses.length]}`);
  }
  return lines;
}

describe("a 100,000-row personnel file", () => {
  it("loads whole through the typed appender (time printed, not asserted)", async () => {
    const dir = tempDir();
    const db = path.join(dir, "m.duckdb");
    const file = writeCsv(dir, "personal-100k.csv", personnelLines(100_000));
    const started = process.hrtime.bigint();
    const r = await runLoad(["personnel", file, "--db", db]);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(`pa1325 load personnel: 100,000 rows in ${seconds.toFixed(2)} s`);
    expect(r.json).toMatchObject({ status: "loaded", rows: 100_000, counts: { errors: 0, warnings: 0 } });
    expect(await dbRows(db, `SELECT count(*) AS n, count(DISTINCT person_id) AS people, sum(CASE WHEN sex = 'F' THEN 1 ELSE 0 END) AS women FROM personnel`)).toEqual([
      { n: 100_000n, people: 100_000n, women: 14_286n },
    ]);
    expect(await dbRows(db, `SELECT rank, count(*) AS n FROM personnel WHERE institution = 'MGP' GROUP BY rank`)).toEqual([{ rank: "TEC_1", n: 20_000n }]);
  });
});
