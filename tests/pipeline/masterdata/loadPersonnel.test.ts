import path from "node:path";
import { pseudonymise, loadPseudonymKey } from "../../../pipeline/src/privacy/pseudonymKey";
import { dbRows, ENV, issueList, runLoad, tempDir, writeCsv, writeXlsx } from "./masterFixtures";

const key = loadPseudonymKey(ENV, () => {});
const pid = (sn: string) => pseudonymise(key, sn);

const HEADER = "service_number,institution,sex,rank,category,birth_year,entry_date,status";

async function personnel(db: string) {
  return dbRows<Record<string, unknown>>(
    db,
    `SELECT person_id, institution, sex, rank, category, birth_year, strftime(entry_date, '%Y-%m-%d') AS entry_date, status FROM personnel ORDER BY institution, rank`,
  );
}

describe("pa1325 load personnel", () => {
  it("loads a CSV with English headers: codes stored, service numbers replaced by their pseudonyms", async () => {
    const dir = tempDir();
    const db = path.join(dir, "m.duckdb");
    const file = writeCsv(dir, "personal.csv", [
      HEADER,
      "40123456,EP,F,CRL,OFICIALES,1975,1998-03-15,active",
      "40123457,MGP,M,Capitán de Navío,Officers,,15/01/2001,retired",
      "40123458,DIGEPE,Female,Analista de políticas,CIVILES,1990,,leave",
    ]);
    const r = await runLoad(["personnel", file, "--db", db]);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ dataset: "personnel", status: "loaded", rows: 3, previous: null, counts: { errors: 0, warnings: 0 } });
    expect(await personnel(db)).toEqual([
      { person_id: pid("40123458"), institution: "DIGEPE", sex: "F", rank: "Analista de políticas", category: "CIVILES", birth_year: 1990, entry_date: null, status: "leave" },
      { person_id: pid("40123456"), institution: "EP", sex: "F", rank: "CRL", category: "OFICIALES", birth_year: 1975, entry_date: "1998-03-15", status: "active" },
      { person_id: pid("40123457"), institution: "MGP", sex: "M", rank: "CN", category: "OFICIALES", birth_year: null, entry_date: "2001-01-15", status: "retired" },
    ]);
  });

  it("reads Spanish headers and values, any column order, accents and case ignored, semicolons and a BOM (Excel's CSV UTF-8)", async () => {
    const dir = tempDir();
    const db = path.join(dir, "m.duckdb");
    const file = writeCsv(
      dir,
      "personal-es.csv",
      [
        "Estado;Grado;CIP;Institución;SEXO;Categoría;Año_Nacimiento;Fecha-Ingreso",
        "Activo;Coronel;40123456;ep;Mujer;Oficiales;1975;15/03/1998",
        "retiro;teniente segundo;40123457;MGP;Masculino;oficiales;1980;",
        "fallecido;Técnico de 1ra;40123458;FAP;hombre;Técnicos y suboficiales (u oficiales de mar);;2003-07-01",
        "baja;Alférez;40123459;EP;Femenino;OFICIALES;;",
        "licencia;Analista;40123460;cecopaz;F;Empleados civiles;;",
      ],
      { bom: true, eol: "\r\n" },
    );
    const r = await runLoad(["personnel", file, "--db", db]);
    expect(issueList(r.json)).toEqual([]);
    expect(r.code).toBe(0);
    const rows = await dbRows<{ institution: string; sex: string; rank: string; category: string; status: string }>(
      db,
      `SELECT institution, sex, rank, category, status FROM personnel ORDER BY person_id`,
    );
    expect(rows.map((x) => `${x.institution} ${x.sex} ${x.rank} ${x.category} ${x.status}`).sort()).toEqual([
      "CECOPAZ F Analista CIVILES leave",
      "EP F CRL OFICIALES active",
      "EP F STTE OFICIALES discharged",
      "FAP M TEC_1 TECNICOS_SUBOFICIALES deceased",
      "MGP M TTE_2 OFICIALES retired",
    ]);
  });

  it("loads the same rows from an .xlsx: service numbers typed as numbers, dates as date cells, first visible sheet", async () => {
    const dir = tempDir();
    const db = path.join(dir, "m.duckdb");
    const file = await writeXlsx(
      dir,
      "personal.xlsx",
      [
        ["numero_servicio", "institucion", "sexo", "grado", "categoria", "anio_nacimiento", "fecha_ingreso", "estado"],
        [40123456, "EP", "F", "CRL", "OFICIALES", 1975, new Date(Date.UTC(1998, 2, 15)), "activo"],
        [],
        ["40123457", "MGP", "M", "CN", "OFICIALES", null, "15/01/2001", "retiro"],
        [40123458, "DIGEPE", "F", "Analista de políticas", "CIVILES", 1990, null, "licencia"],
      ],
      { hiddenFirstSheet: true },
    );
    const r = await runLoad(["personnel", file, "--db", db]);
    expect(issueList(r.json)).toEqual([]);
    expect(r.json).toMatchObject({ status: "loaded", rows: 3 });
    expect(await personnel(db)).toEqual([
      { person_id: pid("40123458"), institution: "DIGEPE", sex: "F", rank: "Analista de políticas", category: "CIVILES", birth_year: 1990, entry_date: null, status: "leave" },
      { person_id: pid("40123456"), institution: "EP", sex: "F", rank: "CRL", category: "OFICIALES", birth_year: 1975, entry_date: "1998-03-15", status: "active" },
      { person_id: pid("40123457"), institution: "MGP", sex: "M", rank: "CN", category: "OFICIALES", birth_year: null, entry_date: "2001-01-15", status: "retired" },
    ]);
  });

  it("reads date cells of a workbook saved in the 1904 date system", async () => {
    const dir = tempDir();
    const db = path.join(dir, "m.duckdb");
    const file = await writeXlsx(
      dir,
      "mac.xlsx",
      [
        ["service_number", "institution", "sex", "rank", "category", "entry_date", "status"],
        [40123456, "EP", "F", "CRL", "OFICIALES", new Date(Date.UTC(1998, 2, 15)), "active"],
      ],
      { date1904: true },
    );
    const r = await runLoad(["personnel", file, "--db", db]);
    expect(issueList(r.json)).toEqual([]);
    expect(await dbRows(db, `SELECT strftime(entry_date, '%Y-%m-%d') AS d FROM personnel`)).toEqual([{ d: "1998-03-15" }]);
  });

  it("lists every broken rule with the CSV line and the column as written, and loads nothing", async () => {
    const dir = tempDir();
    const db = path.join(dir, "m.duckdb");
    const file = writeCsv(dir, "bad.csv", [
      "CIP,institucion,sexo,grado,categoria,anio_nacimiento,fecha_ingreso,estado", // line 1
      "4012345,EP,F,CRL,OFICIALES,1975,,active", // 2: 7 digits
      "40123456,XX,F,CRL,OFICIALES,1975,,active", // 3: unknown institution
      "40123457,EP,X,CRL,OFICIALES,1975,,active", // 4: sex
      "40123458,EP,F,Coronell,OFICIALES,1975,,active", // 5: rank not of EP
      "40123459,MGP,F,CRL,OFICIALES,1975,,active", // 6: an Army rank code given for the Navy
      "40123460,EP,F,CRL,OFIC,1975,,active", // 7: category
      "40123461,EP,F,CRL,OFICIALES,1939,,active", // 8: birth year too early
      "40123462,EP,F,CRL,OFICIALES,2012,,active", // 9: younger than 15 in 2026
      "40123463,EP,F,CRL,OFICIALES,1 975,,active", // 10: not plain digits
      "40123464,EP,F,CRL,OFICIALES,1975,31/02/2001,active", // 11: no such date
      "40123465,EP,F,CRL,OFICIALES,1975,2027-01-01,active", // 12: entry in the future
      "40123466,EP,F,CRL,OFICIALES,1975,,jubilado", // 13: status
      "40123467,EP,,CRL,OFICIALES,1975,,active", // 14: sex missing
      "40123468,DIGEPE,F,Un texto de más de sesenta caracteres que no cabe en la columna de grado,CIVILES,,,active", // 15
      "40123469,EP,F,CRL,OFICIALES,1975,,active", // 16: fine
      "40123469,EP,M,CAP,OFICIALES,1980,,active", // 17: repeats line 16
      "4012-3470,EP,F,CRL,OFICIALES,,,active", // 18: not only digits
      "40123471,EP,F,CRL,OFICIALES,#N/A,,active", // 19: an Excel error exported
      ",EP,F,CRL,OFICIALES,,,active", // 20: service number missing
    ]);
    const r = await runLoad(["personnel", file, "--db", db]);
    expect(r.code).toBe(1);
    expect(r.json!.status).toBe("rejected");
    expect(issueList(r.json)).toEqual([
      "SERVICE_NUMBER_FORMAT 2 CIP",
      "UNKNOWN_INSTITUTION 3 institucion",
      "INVALID_SEX 4 sexo",
      "UNKNOWN_RANK 5 grado",
      "UNKNOWN_RANK 6 grado",
      "UNKNOWN_CATEGORY 7 categoria",
      "OUT_OF_RANGE 8 anio_nacimiento",
      "OUT_OF_RANGE 9 anio_nacimiento",
      "NOT_A_NUMBER 10 anio_nacimiento",
      "INVALID_DATE 11 fecha_ingreso",
      "OUT_OF_RANGE 12 fecha_ingreso",
      "INVALID_STATUS 13 estado",
      "REQUIRED 14 sexo",
      "TEXT_TOO_LONG 15 grado",
      "DUPLICATE_SERVICE_NUMBER 17 CIP",
      "SERVICE_NUMBER_FORMAT 18 CIP",
      "EXCEL_ERROR_VALUE 19 anio_nacimiento",
      "REQUIRED 20 CIP",
    ]);
    const messages = Object.fromEntries(r.json!.issues.map((i) => [i.row, i.message]));
    expect(messages[2]).toBe("The service number is not valid (it has 7 digits). 8-digit CIP service number (civilians: 8-digit DNI), with no spaces, dots or dashes.");
    expect(messages[6]).toMatch(/^"CRL" is not one of the MGP ranks in the catalog\. Use the rank's code or name: VALM, CALM, CN,/);
    expect(messages[9]).toBe("2012 is outside the accepted range (1940 to 2011). Correct the value.");
    expect(messages[12]).toBe("The date 2027-01-01 is outside the accepted range (1940-01-01 to 2026-07-15). Correct it.");
    expect(messages[17]).toBe("The service number already appears on row 16: each person goes on one row only. Delete or correct one of them.");
    expect(await dbRows(db, `SELECT count(*) AS n FROM personnel`)).toEqual([{ n: 0n }]);
  });

  it("points a repeated service number at its first row even when that row has another error", async () => {
    const dir = tempDir();
    const file = writeCsv(dir, "dup.csv", [HEADER, "40123456,EP,X,CRL,OFICIALES,,,active", "40123456,EP,F,CRL,OFICIALES,,,active"]);
    const r = await runLoad(["personnel", file, "--db", path.join(dir, "m.duckdb")]);
    expect(issueList(r.json)).toEqual(["INVALID_SEX 2 sex", "DUPLICATE_SERVICE_NUMBER 3 service_number"]);
  });

  it("locates errors in an .xlsx by Excel row, and tells that Excel dropped a leading zero", async () => {
    const dir = tempDir();
    const file = await writeXlsx(dir, "bad.xlsx", [
      ["service_number", "institution", "sex", "rank", "category", "status"],
      [40123456, "EP", "F", "CRL", "OFICIALES", "active"],
      [],
      [1234567, "EP", "F", "CRL", "OFICIALES", "active"],
      [40123457, "EP", "F", "CRL", "OFICIALES", 3],
    ]);
    const r = await runLoad(["personnel", file, "--db", path.join(dir, "m.duckdb")]);
    expect(issueList(r.json)).toEqual(["SERVICE_NUMBER_FORMAT 4 service_number", "INVALID_STATUS 5 status"]);
    expect(r.json!.issues[0]!.message).toMatch(/If the number starts with 0, Excel dropped it: format the column as text and type it again\.$/);
  });

  it("refuses a file without a required column, naming the accepted headers", async () => {
    const dir = tempDir();
    const file = writeCsv(dir, "nosex.csv", ["service_number,institution,rank,category,status", "40123456,EP,CRL,OFICIALES,active"]);
    const r = await runLoad(["personnel", file, "--db", path.join(dir, "m.duckdb")]);
    expect(r.code).toBe(1);
    expect(issueList(r.json)).toEqual(["MISSING_COLUMN 1 sex"]);
    expect(r.json!.issues[0]!.message).toBe("The column for the sex is missing. Its header in row 1 may be: sex, sexo.");
  });

  it("refuses two columns that mean the same", async () => {
    const dir = tempDir();
    const file = writeCsv(dir, "twice.csv", [`${HEADER},sexo`, "40123456,EP,F,CRL,OFICIALES,,,active,F"]);
    const r = await runLoad(["personnel", file, "--db", path.join(dir, "m.duckdb")]);
    expect(issueList(r.json)).toEqual(["DUPLICATE_COLUMN 1 sexo"]);
  });

  it("refuses a file with headers and no data rows", async () => {
    const dir = tempDir();
    const file = writeCsv(dir, "empty.csv", [HEADER, "", ",,,,,,,"]);
    const r = await runLoad(["personnel", file, "--db", path.join(dir, "m.duckdb")]);
    expect(r.code).toBe(1);
    expect(issueList(r.json)).toEqual(["NO_DATA_ROWS - -"]);
  });
});
