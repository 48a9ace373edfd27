import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { main } from "../../../pipeline/src/cli/main";
import { openDatabase, queryRows } from "../../../pipeline/src/db/Database";
import { createWorkbookReader } from "../../../pipeline/src/ingest/createWorkbookReader";
import { ingest } from "../../../pipeline/src/ingest/ingest";
import type { WorkbookReader } from "../../../pipeline/src/ingest/WorkbookSource";
import { captureEffects } from "../../helpers/captureEffects";
import { expectGolden } from "../../helpers/golden";
import { buildZip, readZipEntries, zeroBomb } from "../../helpers/zipWriter";
import { fileSha256 } from "../../helpers/fileSha256";

const ROOT = path.join(__dirname, "..", "..", "..");
const SAMPLES = path.join(ROOT, "sample-workbooks");
const KEY = "sample-key-for-tests-0123456789abcdef";
const env = { PA1325_KEY: KEY, PA1325_LANG: "en" };

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), "pa1325-ingest-files-"));
}

async function ingestCli(args: string[]) {
  const fx = captureEffects({ env, now: new Date("2026-08-01T12:00:00Z") });
  const code = await main(["ingest", ...args, "--json"], fx.effects);
  return { code, text: fx.stdout.join("\n"), json: fx.stdout.length > 0 ? (JSON.parse(fx.stdout.join("\n")) as IngestJson) : undefined, stderr: fx.stderr };
}

interface IngestJson {
  counts: Record<string, number>;
  files: Array<{ file: string; status: string; reason: { code: string } | null; issues: Array<{ code: string; sheet: string | null; cell: string | null }>; changes: unknown[] }>;
}

async function rows<T = Record<string, unknown>>(db: string, sql: string): Promise<T[]> {
  const d = await openDatabase(db, { readOnly: true });
  try {
    return await queryRows<T>(d, sql);
  } finally {
    d.close();
  }
}

describe("pa1325 ingest on the sample workbooks", () => {
  const dir = tempDir();
  const db = path.join(dir, "samples.duckdb");
  let result: Awaited<ReturnType<typeof ingestCli>>;
  beforeAll(async () => {
    result = await ingestCli([path.join(SAMPLES, "submitted"), "--db", db]);
  });

  it("prints --json as one document laid out as JSON.stringify would (streamed one file at a time)", () => {
    expect(result.text).toBe(JSON.stringify(result.json, null, 2));
    expect(Object.keys(result.json!)).toEqual(["files", "dryRun", "database", "counts", "skipped", "unreadable", "linkedFolders", "found", "interrupted"]);
  });

  it("accepts, replaces and refuses each sample as its README says", () => {
    expect(result.code).toBe(1);
    const outcome = Object.fromEntries(result.json!.files.map((f) => [path.relative(SAMPLES, f.file), f.reason ? `${f.status} ${f.reason.code}` : f.status]));
    expect(outcome).toEqual({
      "submitted/2025-S2/pa1325-CCFFAA-2025-S2.xlsx": "accepted",
      "submitted/2025-S2/pa1325-CECOPAZ-2025-S2.xlsx": "accepted",
      "submitted/2025-S2/pa1325-DIGEDOC-2025-S2.xlsx": "accepted",
      "submitted/2025-S2/pa1325-DIGEPE-2025-S2.xlsx": "accepted",
      "submitted/2025-S2/pa1325-DIGRIN-2025-S2.xlsx": "accepted",
      "submitted/2025-S2/pa1325-EP-2025-S2.xlsx": "accepted",
      "submitted/2025-S2/pa1325-FAP-2025-S2.xlsx": "accepted",
      "submitted/2025-S2/pa1325-MGP-2025-S2.xlsx": "accepted",
      "submitted/2026-S1/pa1325-CCFFAA-2026-S1-v1.xlsx": "accepted",
      "submitted/2026-S1/pa1325-CCFFAA-2026-S1-v2.xlsx": "replaced",
      "submitted/2026-S1/pa1325-CECOPAZ-2026-S1.xlsx": "accepted",
      "submitted/2026-S1/pa1325-DIGEDOC-2026-S1-with-mistakes.xlsx": "rejected VALIDATION_ERRORS",
      "submitted/2026-S1/pa1325-DIGEPE-2026-S1-with-mistakes.xlsx": "rejected VALIDATION_ERRORS",
      "submitted/2026-S1/pa1325-DIGRIN-2026-S1-en.xlsx": "accepted",
      "submitted/2026-S1/pa1325-EP-2026-S1.xlsx": "accepted",
      "submitted/2026-S1/pa1325-FAP-2026-S1-with-mistakes.xlsx": "rejected VALIDATION_ERRORS",
      "submitted/2026-S1/pa1325-MGP-2026-S1-en.xlsx": "accepted",
      "submitted/not-templates/notes-renamed.xlsx": "rejected LOOKS_LIKE_TEXT",
      "submitted/not-templates/someone-elses-spreadsheet.xlsx": "rejected NOT_A_TEMPLATE",
    });
    const fap = result.json!.files.find((f) => f.file.endsWith("FAP-2026-S1-with-mistakes.xlsx"))!;
    expect(fap.issues.map((i) => `${i.code} ${i.sheet}!${i.cell}`)).toEqual([
      "NOT_A_NUMBER Indicadores!E19",
      "NEGATIVE_NUMBER Indicadores!F20",
      "EXCEEDS_RELATED_VALUE Indicadores!E16",
    ]);
  });

  it("reports the three values the CCFFAA resubmission changed", () => {
    const v2 = result.json!.files.find((f) => f.file.endsWith("CCFFAA-2026-S1-v2.xlsx"))!;
    expect(v2.changes).toEqual([
      { key: "PREV-2.1|category=OFICIALES;sex=F", label: "PREV-2.1 · Officers · Women", cell: "E19", before: 5, after: 7 },
      { key: "PROT-2.2|partnerScope=NATIONAL", label: "PROT-2.2 · National institutions", cell: "G50", before: 2, after: 5 },
      { key: "RR-2.1|mission=MINUSCA", label: "RR-2.1 · MINUSCA", cell: "G64", before: 1, after: 2 },
    ]);
  });

  it("stores exactly the numbers typed in each accepted file, cell by cell (checked with ExcelJS as an independent reader)", async () => {
    const stored = await rows<{ file_name: string; sheet: string; cell: string; value: number }>(
      db,
      `SELECT s.file_name, v.sheet, v.cell, v.value FROM indicator_values v JOIN submissions s USING (submission_id) ORDER BY 1, 2, 3`,
    );
    const files = readdirSync(path.join(SAMPLES, "submitted"), { recursive: true, withFileTypes: false }) as string[];
    let checked = 0;
    for (const name of new Set(stored.map((r) => r.file_name))) {
      const rel = files.find((f) => path.basename(f) === name)!;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(SAMPLES, "submitted", rel));
      for (const r of stored.filter((x) => x.file_name === name)) {
        const cell = wb.getWorksheet(r.sheet)!.getCell(r.cell).value;
        const typed = typeof cell === "string" ? Number(cell.trim()) : cell;
        expect({ name, cell: r.cell, value: typed }).toEqual({ name, cell: r.cell, value: r.value });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(600);
  });

  it("matches the golden values of the current submissions", async () => {
    const current = await rows<Record<string, unknown>>(
      db,
      `SELECT institution, period, file_name, sheet, cell, indicator_code, coalesce(sex, '') AS sex, value FROM current_values JOIN submissions USING (submission_id, institution, period) ORDER BY institution, period, sheet, cell`,
    );
    expectGolden("sample-ingest/current-values.csv", ["institution,period,file,sheet,cell,indicator,sex,value", ...current.map((r) => Object.values(r).join(","))].join("\n") + "\n");
  });

  it("keeps provenance: every stored value names its file, SHA-256, sheet and cell", async () => {
    const [ep] = await rows<{ file_name: string; sha256: string; sheet: string; cell: string; value: number }>(
      db,
      `SELECT file_name, sha256, sheet, cell, value FROM value_provenance WHERE institution = 'EP' AND period = '2026-S1' AND cell = 'E6'`,
    );
    expect(ep).toEqual({ file_name: "pa1325-EP-2026-S1.xlsx", sha256: fileSha256(path.join(SAMPLES, "submitted/2026-S1/pa1325-EP-2026-S1.xlsx")), sheet: "Indicadores", cell: "E6", value: expect.any(Number) });
  });

  it("changes nothing when the same files come again", async () => {
    const before = await rows(db, `SELECT (SELECT count(*) FROM submissions) s, (SELECT count(*) FROM indicator_values) v, (SELECT count(*) FROM roster_entries) r`);
    const again = await ingestCli([path.join(SAMPLES, "submitted", "2025-S2"), "--db", db]);
    expect(again.code).toBe(0);
    expect(again.json!.counts).toMatchObject({ files: 8, unchanged: 8 });
    expect(await rows(db, `SELECT (SELECT count(*) FROM submissions) s, (SELECT count(*) FROM indicator_values) v, (SELECT count(*) FROM roster_entries) r`)).toEqual(before);
  });

  it("leaves the database file byte for byte unchanged on a dry run", async () => {
    const before = fileSha256(db);
    const dry = await ingestCli([path.join(SAMPLES, "submitted", "2026-S1", "pa1325-EP-2026-S1.xlsx"), path.join(SAMPLES, "blank"), "--db", db, "--dry-run"]);
    expect(dry.json!.counts).toMatchObject({ unchanged: 1, rejected: 3 });
    expect(fileSha256(db)).toBe(before);
  });
});

describe("pa1325 ingest on a template filled and saved by another program", () => {
  it("reads a LibreOffice-saved copy with the same values as the original", async () => {
    const dir = tempDir();
    const original = path.join(SAMPLES, "submitted/2026-S1/pa1325-EP-2026-S1.xlsx");
    execFileSync("soffice", [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--calc", "--convert-to", "xlsx", "--outdir", path.join(dir, "lo"), original], { stdio: "ignore", timeout: 120_000 });
    const a = await ingestCli([original, "--db", path.join(dir, "a.duckdb")]);
    const b = await ingestCli([path.join(dir, "lo", path.basename(original)), "--db", path.join(dir, "b.duckdb")]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const q = `SELECT indicator_code, sheet, cell, value FROM indicator_values ORDER BY sheet, cell`;
    const fromLibreOffice = await rows(path.join(dir, "b.duckdb"), q);
    expect(fromLibreOffice).toEqual(await rows(path.join(dir, "a.duckdb"), q));
    expect(fromLibreOffice.length).toBeGreaterThan(60);
    const r = `SELECT person_id, activity, course_type, start_date, cell FROM roster_entries ORDER BY cell`;
    expect(await rows(path.join(dir, "b.duckdb"), r)).toEqual(await rows(path.join(dir, "a.duckdb"), r));
  });
});

describe("pa1325 ingest and a file replaced while it is ingested", () => {
  it("stores the cells of the very bytes it hashed, not those of the file that replaced them", async () => {
    const dir = tempDir();
    const v1 = path.join(SAMPLES, "submitted/2026-S1/pa1325-CCFFAA-2026-S1-v1.xlsx");
    const v2 = path.join(SAMPLES, "submitted/2026-S1/pa1325-CCFFAA-2026-S1-v2.xlsx");
    const inbox = path.join(dir, "inbox");
    mkdirSync(inbox);
    const file = path.join(inbox, "ccffaa.xlsx");
    copyFileSync(v1, file);
    // The file is replaced by v2 after ingestion read and hashed v1, before the reader's worker reads the cells.
    const pool = createWorkbookReader();
    const replacing: WorkbookReader = {
      read: (f, bytes) => {
        copyFileSync(v2, f);
        return pool.read(f, bytes);
      },
      close: () => pool.close(),
    };
    const db = path.join(dir, "t.duckdb");
    const summary = await ingest([inbox], { dbFile: db, dryRun: false, maxFileBytes: 50 * 1_048_576 }, {
      now: () => new Date("2026-08-01T12:00:00Z"),
      env,
      warn: () => {},
      createReader: () => replacing,
    });
    expect(summary.counts).toMatchObject({ accepted: 1 });
    expect(fileSha256(file)).toBe(fileSha256(v2));
    const stored = await rows<{ sha256: string; value: number }>(db, `SELECT s.sha256, v.value FROM indicator_values v JOIN submissions s USING (submission_id) WHERE v.cell = 'E19'`);
    // v1's SHA-256 with v1's value (v2 has 7 in E19): hash and cells come from the same bytes.
    expect(stored).toEqual([{ sha256: fileSha256(v1), value: 5 }]);
  });
});

describe("pa1325 ingest and a file that cannot be read", () => {
  it("refuses a file gone since the folder was listed, naming it and why, and stores the others", async () => {
    const dir = tempDir();
    const inbox = path.join(dir, "inbox");
    mkdirSync(inbox);
    const kept = path.join(inbox, "ep.xlsx");
    const gone = path.join(inbox, "fap.xlsx");
    copyFileSync(path.join(SAMPLES, "submitted/2026-S1/pa1325-EP-2026-S1.xlsx"), kept);
    copyFileSync(path.join(SAMPLES, "submitted/2026-S1/pa1325-FAP-2026-S1-with-mistakes.xlsx"), gone);
    const db = path.join(dir, "t.duckdb");
    // The folder is listed before the reader is made, and no file is read before it: removed in between.
    const summary = await ingest([inbox], { dbFile: db, dryRun: false, maxFileBytes: 50 * 1_048_576 }, {
      now: () => new Date("2026-08-01T12:00:00Z"),
      env,
      warn: () => {},
      createReader: () => {
        rmSync(gone);
        return createWorkbookReader();
      },
    });
    expect(summary.counts).toMatchObject({ files: 2, accepted: 1, rejected: 1 });
    const refused = summary.files.find((f) => f.file === gone);
    expect(refused).toMatchObject({ status: "rejected", sha256: null, reason: { code: "FILE_UNREADABLE" } });
    expect(refused?.status === "rejected" && refused.reason.message).toEqual({
      es: expect.stringContaining("ya no existe"),
      en: expect.stringContaining("it no longer exists"),
    });
    expect(await rows(db, `SELECT file_name, code FROM ingest_issues WHERE submission_id IS NULL`)).toEqual([{ file_name: "fap.xlsx", code: "FILE_UNREADABLE" }]);
    expect(await rows(db, `SELECT institution FROM submissions`)).toEqual([{ institution: "EP" }]);
  });
});

describe("pa1325 ingest on hostile and broken files", () => {
  const good = readFileSync(path.join(SAMPLES, "submitted/2026-S1/pa1325-EP-2026-S1.xlsx"));
  const entries = readZipEntries(good);
  const rezip = (change: (e: Array<{ name: string; data: Buffer | string; compressed?: Buffer; declaredSize?: number }>) => void) => {
    const copy = entries.map((e) => ({ name: e.name, data: e.data as Buffer | string }));
    change(copy);
    return buildZip(copy);
  };
  const part = (list: Array<{ name: string; data: Buffer | string }>, name: string) => list.find((e) => e.name === name)!;

  it("refuses each with its own reason, stores nothing of them, and still stores the good file", async () => {
    const dir = tempDir();
    const folder = path.join(dir, "inbox");
    mkdirSync(folder);
    const files: Record<string, Buffer | string> = {
      "zip-bomb.xlsx": rezip((e) => {
        const s = part(e, "xl/sharedStrings.xml");
        Object.assign(s, { compressed: zeroBomb(256 * 1024 * 1024), declaredSize: 256 * 1024 * 1024 });
      }),
      "zip-bomb-lying-size.xlsx": rezip((e) => {
        const s = part(e, "xl/sharedStrings.xml");
        Object.assign(s, { compressed: zeroBomb(256 * 1024 * 1024) });
      }),
      "dtd.xlsx": rezip((e) => {
        const w = part(e, "xl/workbook.xml");
        w.data = String(w.data).replace("?>", '?><!DOCTYPE workbook [<!ENTITY a "b">]>');
      }),
      "macros.xlsx": rezip((e) => e.push({ name: "xl/vbaProject.bin", data: Buffer.from("macro") })),
      "truncated.xlsx": good.subarray(0, Math.floor(good.length * 0.6)),
      "csv-renamed.xlsx": "institution,period\nEP,2026-S1\n",
      "forged-rows.xlsx": rezip((e) => {
        const s = part(e, "xl/worksheets/sheet2.xml");
        s.data = String(s.data).replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>').replace("</sheetData>", '<row r="1048000"><c r="A1048000"><v>1</v></c></row></sheetData>');
      }),
      "wrong-catalog.xlsx": rezip((e) => {
        const s = part(e, "xl/sharedStrings.xml");
        s.data = String(s.data).replace("<t>2021.1</t>", "<t>1999.1</t>");
      }),
    };
    for (const [name, data] of Object.entries(files)) writeFileSync(path.join(folder, name), data);
    copyFileSync(path.join(SAMPLES, "submitted/2026-S1/pa1325-MGP-2026-S1-en.xlsx"), path.join(folder, "good.xlsx"));
    const db = path.join(dir, "h.duckdb");
    const started = Date.now();
    const r = await ingestCli([folder, "--db", db]);
    const elapsed = Date.now() - started;
    expect(r.code).toBe(1);
    expect(Object.fromEntries(r.json!.files.map((f) => [path.basename(f.file), f.reason?.code ?? f.status]))).toEqual({
      "csv-renamed.xlsx": "LOOKS_LIKE_TEXT",
      "dtd.xlsx": "DTD_FORBIDDEN",
      "forged-rows.xlsx": "TOO_MANY_ROWS",
      "good.xlsx": "accepted",
      "macros.xlsx": "MACRO_ENABLED",
      "truncated.xlsx": expect.stringMatching(/^ZIP_(TRUNCATED|CORRUPT)$/),
      "wrong-catalog.xlsx": "UNKNOWN_CATALOG_VERSION",
      "zip-bomb.xlsx": "ENTRY_TOO_LARGE",
      "zip-bomb-lying-size.xlsx": "SIZE_MISMATCH",
    });
    expect(await rows(db, `SELECT institution FROM submissions`)).toEqual([{ institution: "MGP" }]);
    console.log(`hostile folder ingested in ${elapsed} ms`);
  });

  it("reads a forged huge dimension without allocating for it", async () => {
    const dir = tempDir();
    const file = path.join(dir, "forged-dimension.xlsx");
    writeFileSync(
      file,
      rezip((e) => {
        const s = part(e, "xl/worksheets/sheet2.xml");
        s.data = String(s.data).replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>');
      }),
    );
    const r = await ingestCli([file, "--db", path.join(dir, "d.duckdb")]);
    expect(r.json!.files[0]!.status).toBe("accepted");
  });
});

describe("pa1325 ingest and a database in use", () => {
  it("refuses a second writer at once with a clear message, and the first is unharmed", async () => {
    const dir = tempDir();
    const db = path.join(dir, "busy.duckdb");
    const first = await ingestCli([path.join(SAMPLES, "submitted/2025-S2/pa1325-DIGRIN-2025-S2.xlsx"), "--db", db]);
    expect(first.code).toBe(0);
    const holder = await openDatabase(db);
    try {
      const second = spawnSync(process.execPath, [path.join(ROOT, "bin", "pa1325.js"), "ingest", path.join(SAMPLES, "submitted/2025-S2"), "--db", db], {
        env: { ...process.env, ...env },
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(second.status).toBe(2);
      expect(second.stderr).toMatch(/Error: the database .*busy\.duckdb is in use by another process \(PID \d+\)\. Wait for it to finish and try again; nothing was changed\./);
    } finally {
      holder.close();
    }
    expect(await rows(db, `SELECT count(*) AS n FROM submissions`)).toEqual([{ n: 1n }]);
  });
});
