import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { openDatabase } from "../../../pipeline/src/db/Database";
import { dbRows, ENV, issueList, ROOT, runLoad, tempDir, writeCsv } from "./masterFixtures";

const HEADER = "service_number,institution,sex,rank,category,status";
const personnelA = (dir: string) => writeCsv(dir, "a.csv", [HEADER, "40123456,EP,F,CRL,OFICIALES,active", "40123457,EP,M,CAP,OFICIALES,active", "40123458,FAP,F,MAY,OFICIALES,leave"]);

describe("snapshots and load history", () => {
  it("a refused load leaves the previous snapshot as it was, and is recorded with every issue", async () => {
    const dir = tempDir();
    const db = path.join(dir, "m.duckdb");
    const a = await runLoad(["personnel", personnelA(dir), "--db", db]);
    expect(a.json).toMatchObject({ status: "loaded", loadId: 1, rows: 3 });
    const before = await dbRows(db, `SELECT * FROM personnel ORDER BY person_id`);

    const b = writeCsv(dir, "b.csv", [HEADER, "40123456,EP,F,CRL,OFICIALES,active", "40123459,EP,Z,CRL,OFICIALES,active", "40123460,EP,F,CRL,OFICIALES,gone"]);
    const refused = await runLoad(["personnel", b, "--db", db]);
    expect(refused.code).toBe(1);
    expect(refused.json).toMatchObject({ status: "rejected", loadId: 2, rows: 0, previous: { loadId: 1, rows: 3, fileName: "a.csv" }, counts: { errors: 2, warnings: 0 } });

    expect(await dbRows(db, `SELECT * FROM personnel ORDER BY person_id`)).toEqual(before);
    expect(await dbRows(db, `SELECT load_id, dataset, file_name, status, row_count, issue_count FROM master_loads ORDER BY load_id`)).toEqual([
      { load_id: 1n, dataset: "personnel", file_name: "a.csv", status: "loaded", row_count: 3, issue_count: 0 },
      { load_id: 2n, dataset: "personnel", file_name: "b.csv", status: "rejected", row_count: 0, issue_count: 2 },
    ]);
    expect(await dbRows(db, `SELECT load_id, row_number, column_name, code FROM master_load_issues ORDER BY row_number`)).toEqual([
      { load_id: 2n, row_number: 3, column_name: "sex", code: "INVALID_SEX" },
      { load_id: 2n, row_number: 4, column_name: "status", code: "INVALID_STATUS" },
    ]);
    const [issue] = await dbRows<{ message_es: string; message_en: string }>(db, `SELECT message_es, message_en FROM master_load_issues WHERE code = 'INVALID_SEX'`);
    expect(issue).toEqual({
      message_es: "«Z» no es un sexo reconocido. Escriba F o M (también valen Mujer/Hombre, Femenino/Masculino, Female/Male).",
      message_en: '"Z" is not a recognised sex. Write F or M (Mujer/Hombre, Femenino/Masculino, Female/Male also work).',
    });
  });

  it("a second load replaces the first whole, and says what it replaced", async () => {
    const dir = tempDir();
    const db = path.join(dir, "m.duckdb");
    await runLoad(["personnel", personnelA(dir), "--db", db]);
    const b = writeCsv(dir, "b.csv", [HEADER, "40123456,EP,F,TTE_CRL,OFICIALES,active", "40123499,MGP,M,CN,OFICIALES,retired"]);
    const r = await runLoad(["personnel", b, "--db", db]);
    expect(r.json).toMatchObject({ status: "loaded", loadId: 2, rows: 2, previous: { loadId: 1, rows: 3, fileName: "a.csv" }, sameFileAsPrevious: false });
    expect(await dbRows(db, `SELECT institution, rank, load_id FROM personnel ORDER BY institution`)).toEqual([
      { institution: "EP", rank: "TTE_CRL", load_id: 2n },
      { institution: "MGP", rank: "CN", load_id: 2n },
    ]);
    const text = await runLoad(["personnel", b, "--db", db], { text: true });
    expect(text.stdout[0]).toBe("loaded     personnel: 2 rows from b.csv (load 3); replaces load 2 (2 rows, 2026-07-15 12:00 UTC, the same file); 0 warning(s).");
  });

  it("each dataset keeps its own snapshot: loading one never touches another", async () => {
    const dir = tempDir();
    const db = path.join(dir, "m.duckdb");
    await runLoad(["personnel", personnelA(dir), "--db", db]);
    await runLoad(["un-targets", path.join(ROOT, "pipeline", "data", "un-parity-targets.csv"), "--db", db]);
    const t = writeCsv(dir, "t.csv", ["service_number,course,provider,course_type,start_date", "40123456,Curso,CECOPAZ,GENDER,2025-01-01"]);
    await runLoad(["training", t, "--db", db]);
    expect(await dbRows(db, `SELECT (SELECT count(*) FROM personnel) AS p, (SELECT count(*) FROM un_parity_targets) AS u, (SELECT count(*) FROM training) AS t`)).toEqual([{ p: 3n, u: 10n, t: 1n }]);
  });

  it("refuses a file that is not UTF-8 text and records why", async () => {
    const dir = tempDir();
    const db = path.join(dir, "m.duckdb");
    const file = path.join(dir, "latin1.csv");
    writeFileSync(file, Buffer.from(`${HEADER}\n40123456,EP,F,CRL,OFICIALES,active\nfecha,Per\xfa\n`, "latin1"));
    const r = await runLoad(["personnel", file, "--db", db]);
    expect(r.code).toBe(1);
    expect(issueList(r.json)).toEqual(["NOT_UTF8 - -"]);
    expect(await dbRows(db, `SELECT status, issue_count FROM master_loads`)).toEqual([{ status: "rejected", issue_count: 1 }]);
  });

  it("refuses a workbook the secure reader refuses, with the reader's reason", async () => {
    const dir = tempDir();
    const file = writeCsv(dir, "renamed.xlsx", [HEADER, "40123456,EP,F,CRL,OFICIALES,active"]);
    const r = await runLoad(["personnel", file, "--db", path.join(dir, "m.duckdb")]);
    expect(r.code).toBe(1);
    expect(issueList(r.json)).toEqual(["LOOKS_LIKE_TEXT - -"]);
  });
});

describe("usage and fatal errors (exit 2, nothing recorded)", () => {
  it("refuses an unknown dataset, a missing file and formats other than CSV and .xlsx", async () => {
    const dir = tempDir();
    const db = path.join(dir, "m.duckdb");
    const unknown = await runLoad(["people", personnelA(dir), "--db", db], { text: true });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr[0]).toBe('Error: Unknown dataset: people. Use one of: personnel, training, deployments, un-gender, un-targets. See "pa1325 load --help".');
    const missing = await runLoad(["personnel", path.join(dir, "nope.csv"), "--db", db], { text: true });
    expect(missing.code).toBe(2);
    expect(missing.stderr[0]).toMatch(/^Error: the file .*nope\.csv was not found\. Check the path\.$/);
    const parquet = await runLoad(["personnel", writeCsv(dir, "p.parquet", ["x"]), "--db", db], { text: true });
    expect(parquet.code).toBe(2);
    expect(parquet.stderr[0]).toBe("Error: p.parquet: Parquet is not accepted (reading it would hand unchecked bytes to DuckDB's reader); export it to CSV.");
    const xls = await runLoad(["personnel", writeCsv(dir, "p.xls", ["x"]), "--db", db], { text: true });
    expect(xls.stderr[0]).toBe('Error: p.xls: the .xls format (Excel 97-2003) is not accepted; open it in Excel and save it as .xlsx or "CSV UTF-8".');
    const noFile = await runLoad(["personnel"], { text: true });
    expect(noFile.code).toBe(2);
    expect(existsSync(db)).toBe(false);
  });

  it("refuses a second writer with 'database in use' and leaves the first one's data", async () => {
    const dir = tempDir();
    const db = path.join(dir, "busy.duckdb");
    await runLoad(["personnel", personnelA(dir), "--db", db]);
    const holder = await openDatabase(db);
    try {
      const second = spawnSync(process.execPath, [path.join(ROOT, "bin", "pa1325.js"), "load", "personnel", personnelA(dir), "--db", db], {
        env: { ...process.env, ...ENV },
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(second.status).toBe(2);
      expect(second.stderr).toMatch(/Error: the database .*busy\.duckdb is in use by another process \(PID \d+\)\./);
    } finally {
      holder.close();
    }
    expect(await dbRows(db, `SELECT count(*) AS n FROM master_loads`)).toEqual([{ n: 1n }]);
  });
});
