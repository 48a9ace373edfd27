import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { main } from "../../../pipeline/src/cli/main";
import { loadPseudonymKey, pseudonymise } from "../../../pipeline/src/privacy/pseudonymKey";
import { captureEffects } from "../../helpers/captureEffects";
import { dbRows, ENV, KEY, NOW, ROOT, runLoad, tempDir, writeCsv, writeXlsx } from "./masterFixtures";

/** Every service number in a workbook's sheets: 8-digit cells, as text or number. */
async function serviceNumbersIn(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const found = new Set<string>();
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value;
        const text = typeof v === "number" ? String(v) : typeof v === "string" ? v.trim() : "";
        if (/^[0-9]{8}$/.test(text)) found.add(text);
      }),
    ),
  );
  return [...found].sort();
}

/** Every value of every table and view, as one text: what an analyst's SELECT * could ever show. */
async function dumpDatabase(db: string): Promise<string> {
  const tables = await dbRows<{ table_name: string }>(db, `SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY 1`);
  const parts: string[] = [];
  for (const { table_name } of tables) {
    const rows = await dbRows(db, `SELECT * FROM "${table_name.replace(/"/g, '""')}"`);
    parts.push(`${table_name}: ${JSON.stringify(rows, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))}`);
  }
  return parts.join("\n");
}

function databaseBytes(db: string): string {
  const files = [db, `${db}.wal`].filter((f) => existsSync(f));
  return files.map((f) => readFileSync(f).toString("latin1")).join("");
}

describe("pseudonyms join master data to template rosters", () => {
  it("gives each person on an ingested roster the same person_id in personnel, training and deployments", async () => {
    const dir = tempDir();
    const db = path.join(dir, "m.duckdb");
    const workbook = path.join(ROOT, "sample-workbooks", "submitted", "2026-S1", "pa1325-EP-2026-S1.xlsx");
    const fx = captureEffects({ env: ENV, now: NOW });
    expect(await main(["ingest", workbook, "--db", db, "--json"], fx.effects)).toBe(0);
    const numbers = await serviceNumbersIn(workbook);
    expect(numbers.length).toBeGreaterThan(1);

    const personnel = writeCsv(dir, "personnel.csv", ["service_number,institution,sex,rank,category,status", ...numbers.map((n) => `${n},EP,F,CAP,OFICIALES,active`)]);
    expect((await runLoad(["personnel", personnel, "--db", db])).code).toBe(0);
    const training = await writeXlsx(dir, "training.xlsx", [
      ["service_number", "course", "provider", "course_type", "start_date"],
      ...numbers.map((n) => [Number(n), "Curso", "CECOPAZ", "GENDER", "2026-02-01"]),
    ]);
    expect((await runLoad(["training", training, "--db", db])).code).toBe(0);

    const roster = await dbRows<{ person_id: string }>(db, `SELECT DISTINCT person_id FROM roster_entries ORDER BY 1`);
    expect(roster.map((r) => r.person_id)).toEqual(numbers.map((n) => pseudonymise(loadPseudonymKey(ENV, () => {}), n)).sort());
    const joined = await dbRows(
      db,
      `SELECT count(DISTINCT r.person_id) AS people FROM roster_entries r JOIN personnel p USING (person_id) JOIN training t USING (person_id)`,
    );
    expect(joined).toEqual([{ people: BigInt(roster.length) }]);
  });

  it("refuses a personnel load made with another key than the database's", async () => {
    const dir = tempDir();
    const db = path.join(dir, "m.duckdb");
    const file = writeCsv(dir, "p.csv", ["service_number,institution,sex,rank,category,status", "40123456,EP,F,CAP,OFICIALES,active"]);
    expect((await runLoad(["personnel", file, "--db", db])).code).toBe(0);
    const other = await runLoad(["personnel", file, "--db", db], { text: true, env: { PA1325_KEY: "another-key-another-key-another-key-42" } });
    expect(other.code).toBe(2);
    expect(other.stderr[0]).toMatch(/^Error: the pseudonymisation key \(PA1325_KEY\) is not the one used for .*m\.duckdb/);
  });
});

describe("raw service numbers and the key never leave memory", () => {
  const SERVICE_NUMBERS = ["40123456", "40123457", "40123458", "40999999", "41234567"];

  it("stores none of them, in any table or in the file's bytes, and prints none of them nor the key", async () => {
    const dir = tempDir();
    const db = path.join(dir, "m.duckdb");
    const [a, b, c, d, e] = SERVICE_NUMBERS;
    const outputs: string[] = [];
    const run = async (args: string[], text: boolean) => {
      const r = await runLoad(args, { text });
      outputs.push(...r.stdout, ...r.stderr);
      return r;
    };
    const personnel = writeCsv(dir, "p.csv", [
      "service_number,institution,sex,rank,category,status,nombre_completo",
      `${a},EP,F,CAP,OFICIALES,active,Rosa Quispe Mamani`,
      `${b},MGP,M,CN,OFICIALES,active,Luis Huamán Ccori`,
    ]);
    for (const text of [true, false]) expect((await run(["personnel", personnel, "--db", db], text)).code).toBe(0);
    const deployments = await writeXlsx(dir, "d.xlsx", [
      ["CIP", "mision", "tipo_personal_onu", "fecha_inicio"],
      [Number(c), "MINUSCA", "Troops", "2025-01-01"],
    ]);
    expect((await run(["deployments", deployments, "--db", db], false)).code).toBe(0);
    // Refused files put service numbers in every kind of message: a duplicate, a bad format, one in a wrong column.
    const refused = writeCsv(dir, "bad.csv", [
      "service_number,institution,sex,rank,category,status",
      `${d},EP,F,CAP,OFICIALES,active`,
      `${d},EP,F,CAP,OFICIALES,active`,
      `${d}0,EP,F,CAP,OFICIALES,active`,
      `${a},EP,${e},CAP,OFICIALES,active`,
    ]);
    for (const text of [true, false]) expect((await run(["personnel", refused, "--db", db], text)).code).toBe(1);
    // Service numbers pasted into a number column and a date column, in a workbook where they are number cells.
    const shifted = await writeXlsx(dir, "shifted.xlsx", [
      ["service_number", "institution", "sex", "rank", "category", "birth_year", "entry_date", "status"],
      [Number(a), "EP", "F", "CAP", "OFICIALES", Number(d), Number(e), "active"],
    ]);
    for (const text of [true, false]) expect((await run(["personnel", shifted, "--db", db], text)).code).toBe(1);
    // A file without its header row: the first person's data are taken for headers, and listed as unknown columns.
    const headless = writeCsv(dir, "headless.csv", [`${b},MGP,M,CN,OFICIALES,active`, `${c},MGP,M,CN,OFICIALES,active`]);
    expect((await run(["personnel", headless, "--db", db], true)).code).toBe(1);
    const training = writeCsv(dir, "t.csv", ["service_number,course,provider,course_type,start_date", `${e},Curso,CECOPAZ,GENDER,2025-01-01`]);
    expect((await run(["training", training, "--db", db], true)).code).toBe(0);
    await run(["training", training, "--db", db, "--lang", "es"], true);

    const output = outputs.join("\n");
    expect(output).toContain('"4123••••" is not a recognised sex');
    expect(output).toContain("4099•••• is outside the accepted range (1940 to 2011)");
    expect(output).toContain('"4123••••" is not a valid date');
    expect(output).toContain('ignored: "4012••••", "MGP", "M", "CN", "OFICIALES", "active"'); // a masked form is all a message may show
    const dump = await dumpDatabase(db);
    expect(dump).toContain(pseudonymise(loadPseudonymKey(ENV, () => {}), a!)); // the dump does read the stored rows
    const bytes = databaseBytes(db);
    expect(bytes).toContain(pseudonymise(loadPseudonymKey(ENV, () => {}), a!)); // and the byte scan sees stored text
    for (const sn of SERVICE_NUMBERS) {
      expect({ sn, inOutput: output.includes(sn) }).toEqual({ sn, inOutput: false });
      expect({ sn, inBytes: bytes.includes(sn) }).toEqual({ sn, inBytes: false });
      expect({ sn, inTables: dump.includes(sn) }).toEqual({ sn, inTables: false });
    }
    expect(output).not.toContain(KEY);
    expect(dump).not.toContain(KEY);
    expect(bytes).not.toContain(KEY);
    // The ignored column's names are nowhere either.
    for (const name of ["Quispe", "Huamán", "Mamani"]) expect({ name, stored: dump.includes(name) || bytes.includes(name) }).toEqual({ name, stored: false });
  });
});

describe("unknown columns", () => {
  it("are ignored with one warning naming them, and their content is not stored", async () => {
    const dir = tempDir();
    const db = path.join(dir, "m.duckdb");
    const file = writeCsv(dir, "p.csv", [
      "service_number,Nombres y apellidos,institution,sex,rank,category,status,Teléfono,",
      "40123456,Rosa Quispe Mamani,EP,F,CAP,OFICIALES,active,987654321,nota suelta",
      "40123457,Luis Huamán Ccori,EP,M,CAP,OFICIALES,active,,",
    ]);
    const r = await runLoad(["personnel", file, "--db", db]);
    expect(r.code).toBe(0);
    expect(r.json!.issues).toEqual([
      {
        code: "UNKNOWN_COLUMNS",
        severity: "warning",
        row: 1,
        column: null,
        message:
          '3 column(s) this format does not use were ignored: "Nombres y apellidos", "Teléfono", field 9 (no header). Their content was not stored; if they hold personal data, remove them from the file.',
      },
    ]);
    expect(await dbRows(db, `SELECT code, row_number FROM master_load_issues`)).toEqual([{ code: "UNKNOWN_COLUMNS", row_number: 1 }]);
    const dump = await dumpDatabase(db);
    for (const text of ["Quispe", "Huamán", "987654321", "nota suelta"]) expect({ text, stored: dump.includes(text) }).toEqual({ text, stored: false });
  });
});
