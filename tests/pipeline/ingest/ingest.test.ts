import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { currentCatalog } from "../../../core/src/catalog/builtInCatalogs";
import { buildTemplateLayout } from "../../../core/src/layout/buildTemplateLayout";
import { buildContentDigestText } from "../../../core/src/validation/contentDigestText";
import { changeLines, describeFile } from "../../../pipeline/src/ingest/fileOutput";
import * as Database from "../../../pipeline/src/db/Database";
import { openDatabase, queryRows } from "../../../pipeline/src/db/Database";
import { migrate } from "../../../pipeline/src/db/migrate";
import { readNextSubmissionId, writeIngestBatch, type IngestBatch, type SubmissionWrite } from "../../../pipeline/src/db/submissionStore";
import { ingest, INGEST_MEMORY_LIMIT, type IngestEffects } from "../../../pipeline/src/ingest/ingest";
import { zeroFilledGrid } from "../../helpers/fillTemplate";
import { GridBuilder } from "../../helpers/GridBuilder";
import { FakeWorkbooks, rejection } from "./fakeReader";
import { fileSha256 } from "../../helpers/fileSha256";

const KEY = "k".repeat(40);
const catalog = currentCatalog();
const ep = buildTemplateLayout(catalog, "EP", "2026-S1", "es");
const IND = "Indicadores";
const ROS = "Registro";

function setup(env: NodeJS.ProcessEnv = { PA1325_KEY: KEY }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-ingest-"));
  const files = new FakeWorkbooks();
  const warnings: string[] = [];
  const effects: IngestEffects = {
    now: () => new Date("2026-07-20T09:00:00Z"),
    env: { HOME: dir, ...env },
    warn: (t) => warnings.push(t.en),
    createReader: () => files.reader(),
  };
  const db = path.join(dir, "test.duckdb");
  const run = (paths: string[], dryRun = false) => ingest(paths, { dbFile: db, dryRun, maxFileBytes: 1_000_000 }, effects);
  return { dir, files, db, run, warnings, file: (name: string) => path.join(dir, name) };
}

async function rows<T = Record<string, unknown>>(dbFile: string, sql: string): Promise<T[]> {
  const db = await openDatabase(dbFile, { readOnly: true });
  try {
    return await queryRows<T>(db, sql);
  } finally {
    db.close();
  }
}

describe("ingest: an accepted file", () => {
  it("stores every value with its provenance: file name, SHA-256, sheet and cell", async () => {
    const t = setup();
    const file = t.files.add(t.file("ep.xlsx"), zeroFilledGrid(ep).set(IND, "E19", 4).set(IND, "F19", 9));
    const summary = await t.run([file]);
    expect(summary.counts).toEqual({ files: 1, accepted: 1, replaced: 0, unchanged: 0, rejected: 0 });
    expect(summary.files[0]).toMatchObject({ status: "accepted", institution: "EP", period: "2026-S1", version: 1, submissionId: 1 });
    const values = await rows(
      t.db,
      `SELECT p.indicator_code, v.category, v.sex, p.value, v.unit, p.sheet, p.cell, p.file_name, p.sha256
       FROM value_provenance p JOIN indicator_values v USING (submission_id, sheet, cell) WHERE p.value > 0 ORDER BY p.cell`,
    );
    expect(values).toEqual([
      { indicator_code: "PREV-2.1", category: "OFICIALES", sex: "F", value: 4, unit: "people", sheet: IND, cell: "E19", file_name: "ep.xlsx", sha256: fileSha256(file) },
      { indicator_code: "PREV-2.1", category: "OFICIALES", sex: "M", value: 9, unit: "people", sheet: IND, cell: "F19", file_name: "ep.xlsx", sha256: fileSha256(file) },
    ]);
    const [count] = await rows<{ n: bigint }>(t.db, `SELECT count(*) AS n FROM current_values`);
    expect(Number(count!.n)).toBe(ep.indicatorRows.reduce((n, r) => n + (r.people ? 2 : 1), 0));
  });

  it("keeps warnings with the values it stores", async () => {
    const t = setup();
    const g = zeroFilledGrid(ep).set(IND, "G28", null).set(IND, "G29", null);
    await t.run([t.files.add(t.file("ep.xlsx"), g)]);
    expect(await rows(t.db, `SELECT code, severity, sheet, cell, indicator_code, submission_id FROM ingest_issues`)).toEqual([
      { code: "NOT_REPORTED", severity: "warning", sheet: IND, cell: "G28", indicator_code: "PREV-2.2", submission_id: 1n },
    ]);
  });

  it("stores roster people under a keyed pseudonym, never their service number", async () => {
    const t = setup();
    const g = zeroFilledGrid(ep).set(IND, "E6", 1);
    for (const [col, v] of Object.entries({ B: "40123456", C: "Capacitación", D: "Curso de género", E: "Género y empoderamiento de la mujer", G: "2026-03-02" })) g.set(ROS, `${col}5`, v);
    await t.run([t.files.add(t.file("ep.xlsx"), g)]);
    const roster = await rows<Record<string, unknown>>(t.db, `SELECT person_id, activity, course_type, start_date, cell FROM roster_entries`);
    expect(roster).toHaveLength(1);
    expect(roster[0]).toMatchObject({ activity: "training", course_type: "GENDER", cell: "B5" });
    expect(roster[0]!.person_id).toMatch(/^[0-9a-f]{64}$/);
    expect(roster[0]!.person_id).not.toBe(createHash("sha256").update("40123456").digest("hex"));
    const dbBytes = readFileSync(t.db);
    expect(dbBytes.includes(Buffer.from("40123456"))).toBe(false);
    expect(dbBytes.includes(Buffer.from(KEY))).toBe(false);
  });
});

describe("ingest: versions", () => {
  it("makes a resubmission a new version that supersedes the old one, and lists what changed", async () => {
    const t = setup();
    const first = t.files.add(t.file("ep-v1.xlsx"), zeroFilledGrid(ep).set(IND, "E19", 4));
    const second = t.files.add(t.file("ep-v2.xlsx"), zeroFilledGrid(ep).set(IND, "E19", 5).set(IND, "G29", 2));
    await t.run([first]);
    const summary = await t.run([second]);
    expect(summary.files[0]).toMatchObject({ status: "replaced", version: 2, replacedVersion: 1 });
    const changes = summary.files[0]!.status === "replaced" ? summary.files[0]!.changes : [];
    expect(changes).toEqual([
      { key: "PREV-2.1|category=OFICIALES;sex=F", label: { es: "PREV-2.1 · Oficiales · Mujeres", en: "PREV-2.1 · Officers · Women" }, cell: "E19", before: 4, after: 5 },
      { key: "PREV-2.2|outputType=ACADEMIC_EVENT", label: { es: "PREV-2.2 · Eventos académicos", en: "PREV-2.2 · Academic events" }, cell: "G29", before: 0, after: 2 },
    ]);
    expect(await rows(t.db, `SELECT submission_id, version, status, superseded_by FROM submissions ORDER BY submission_id`)).toEqual([
      { submission_id: 1n, version: 1, status: "superseded", superseded_by: 2n },
      { submission_id: 2n, version: 2, status: "current", superseded_by: null },
    ]);
    expect(await rows(t.db, `SELECT value FROM current_values WHERE cell = 'E19'`)).toEqual([{ value: 5 }]);
    expect(await rows(t.db, `SELECT submission_version, value FROM value_provenance WHERE cell = 'E19' ORDER BY 1`)).toEqual([
      { submission_version: 1, value: 4 },
      { submission_version: 2, value: 5 },
    ]);
  });

  it("names each change in words, and a deliverable's new status in one line", async () => {
    const t = setup();
    const digepe = buildTemplateLayout(catalog, "DIGEPE", "2026-S1", "es");
    const sheet = digepe.sheets.find((s) => s.role === "deliverables")!.name;
    const row = digepe.deliverableRows[0]!;
    await t.run([t.files.add(t.file("digepe-v1.xlsx"), zeroFilledGrid(digepe))]);
    const summary = await t.run([t.files.add(t.file("digepe-v2.xlsx"), zeroFilledGrid(digepe).set(sheet, row.status, "En elaboración"))]);
    const result = summary.files[0]!;
    const changes = result.status === "replaced" ? result.changes : [];
    // Stored as one status gone and another new (so --json says both), read as one line.
    expect(changes.map((c) => [c.key, c.label.es, c.before, c.after])).toEqual([
      [`${row.indicator}|*status=IN_PREPARATION`, `${row.indicator} · estado «En elaboración»`, null, 1],
      [`${row.indicator}|*status=NOT_STARTED`, `${row.indicator} · estado «No iniciado»`, 1, null],
    ]);
    const cell = changes[0]!.cell;
    expect(changeLines(changes, "es")).toEqual([`${cell} ${row.indicator} · estado: No iniciado → En elaboración`]);
    expect(changeLines(changes, "en")).toEqual([`${cell} ${row.indicator} · status: Not started → In preparation`]);
    expect(describeFile(result, "es")).toEqual([
      "reemplazado  digepe-v2.xlsx: DIGEPE 2026-S1 versión 2 reemplaza a la 1; 1 valor(es) cambiado(s), 0 aviso(s)",
      `    ${cell} ${row.indicator} · estado: No iniciado → En elaboración`,
    ]);
  });

  it("changes nothing when the same file comes again", async () => {
    const t = setup();
    const file = t.files.add(t.file("ep.xlsx"), zeroFilledGrid(ep));
    await t.run([file]);
    const before = await rows(t.db, `SELECT (SELECT count(*) FROM submissions) s, (SELECT count(*) FROM indicator_values) v, (SELECT count(*) FROM ingest_issues) i, (SELECT count(*) FROM ingest_files) f`);
    const copy = path.join(t.dir, "copy-of-ep.xlsx");
    writeFileSync(copy, readFileSync(file));
    const summary = await t.run([file, copy]);
    expect(summary.counts).toEqual({ files: 2, accepted: 0, replaced: 0, unchanged: 2, rejected: 0 });
    expect(await rows(t.db, `SELECT (SELECT count(*) FROM submissions) s, (SELECT count(*) FROM indicator_values) v, (SELECT count(*) FROM ingest_issues) i, (SELECT count(*) FROM ingest_files) f`)).toEqual(before);
  });
});

describe("ingest: refused files", () => {
  it("stores nothing of a file with one bad row, and records every issue", async () => {
    const t = setup();
    const g = zeroFilledGrid(ep).set(IND, "E19", "doce").set(IND, "F20", -1);
    const summary = await t.run([t.files.add(t.file("bad.xlsx"), g)]);
    expect(summary.counts.rejected).toBe(1);
    const result = summary.files[0]!;
    expect(result.status).toBe("rejected");
    expect(result.issues.filter((i) => i.severity === "error").map((i) => `${i.code} ${i.sheet}!${i.cell}`)).toEqual([
      "NOT_A_NUMBER Indicadores!E19",
      "NEGATIVE_NUMBER Indicadores!F20",
    ]);
    expect(await rows(t.db, `SELECT count(*) AS n FROM submissions`)).toEqual([{ n: 0n }]);
    expect(await rows(t.db, `SELECT count(*) AS n FROM indicator_values`)).toEqual([{ n: 0n }]);
    expect(await rows(t.db, `SELECT code, cell FROM ingest_issues WHERE severity = 'error' ORDER BY cell`)).toEqual([
      { code: "NOT_A_NUMBER", cell: "E19" },
      { code: "NEGATIVE_NUMBER", cell: "F20" },
    ]);
    expect(await rows(t.db, `SELECT status, reason_code FROM ingest_files`)).toEqual([{ status: "rejected", reason_code: "VALIDATION_ERRORS" }]);
  });

  it("still stores the other files of the run", async () => {
    const t = setup();
    const good = t.files.add(t.file("a-good.xlsx"), zeroFilledGrid(ep));
    const bad = t.files.add(t.file("b-bad.xlsx"), rejection("MACRO_ENABLED"));
    const summary = await t.run([t.dir]);
    expect(summary.files.map((f) => [path.basename(f.file), f.status])).toEqual([
      ["a-good.xlsx", "accepted"],
      ["b-bad.xlsx", "rejected"],
    ]);
    expect(summary.files[1]).toMatchObject({ reason: { code: "MACRO_ENABLED", message: { en: expect.stringMatching(/macro/i) } } });
    expect(good && bad).toBeTruthy();
    expect(await rows(t.db, `SELECT count(*) AS n FROM current_submissions`)).toEqual([{ n: 1n }]);
  });

  it.each([
    ["institution", "NAVY", "UNKNOWN_INSTITUTION"],
    ["catalogVersion", "2019.9", "UNKNOWN_CATALOG_VERSION"],
    ["period", "2027-S1", "FUTURE_PERIOD"],
    ["period", "2021-S1", "PERIOD_NOT_COVERED"],
    ["period", "2026-1", "INVALID_PERIOD"],
    ["layoutVersion", "9", "UNSUPPORTED_LAYOUT"],
    ["schema", "something-else", "NOT_A_TEMPLATE"],
  ])("refuses a file whose metadata %s is %p (%s)", async (key, value, code) => {
    const t = setup();
    const g = zeroFilledGrid(ep).set("pa1325_meta", ep.metadata.cells[key as "institution"], value);
    const summary = await t.run([t.files.add(t.file("x.xlsx"), g)]);
    expect(summary.files[0]).toMatchObject({ status: "rejected", reason: { code, sheet: "pa1325_meta", cell: ep.metadata.cells[key as "institution"] } });
  });

  it("refuses a blank template, so it can never replace a real report", async () => {
    const t = setup();
    const summary = await t.run([t.files.add(t.file("blank.xlsx"), GridBuilder.fromLayout(ep))]);
    expect(summary.files[0]).toMatchObject({ status: "rejected", reason: { code: "EMPTY_SUBMISSION" } });
    expect(await rows(t.db, `SELECT count(*) AS n FROM submissions`)).toEqual([{ n: 0n }]);
  });

  it("refuses a workbook that is not a PA1325 template", async () => {
    const t = setup();
    const summary = await t.run([t.files.add(t.file("x.xlsx"), zeroFilledGrid(ep).deleteSheet("pa1325_meta"))]);
    expect(summary.files[0]).toMatchObject({ status: "rejected", reason: { code: "NOT_A_TEMPLATE" } });
  });
});

describe("ingest: guarantees", () => {
  it("leaves the database file byte for byte unchanged on a dry run, and reports what would happen", async () => {
    const t = setup();
    await t.run([t.files.add(t.file("ep-v1.xlsx"), zeroFilledGrid(ep))]);
    const before = fileSha256(t.db);
    const summary = await t.run([t.files.add(t.file("ep-v2.xlsx"), zeroFilledGrid(ep).set(IND, "E6", 0).set(IND, "G29", 3))], true);
    expect(summary).toMatchObject({ dryRun: true, counts: { replaced: 1 } });
    expect(fileSha256(t.db)).toBe(before);
    expect(existsSync(`${t.db}.wal`)).toBe(false);
  });

  it("says so when PA1325_INGEST_BATCH_FILES is not a whole number of 1 or more, and ingests with the default", async () => {
    const bad = setup({ PA1325_KEY: KEY, PA1325_INGEST_BATCH_FILES: "zwei" });
    const summary = await bad.run([bad.files.add(bad.file("ep.xlsx"), zeroFilledGrid(ep))]);
    expect(summary.counts.accepted).toBe(1);
    expect(bad.warnings).toEqual(['PA1325_INGEST_BATCH_FILES="zwei" is not a whole number of 1 or more; up to 50 files per transaction are used.']);

    const good = setup({ PA1325_KEY: KEY, PA1325_INGEST_BATCH_FILES: "2" });
    await good.run([good.files.add(good.file("ep.xlsx"), zeroFilledGrid(ep))]);
    expect(good.warnings).toEqual([]);
  });

  it("holds DuckDB to INGEST_MEMORY_LIMIT, on the database and on a dry run's copy alike", async () => {
    const t = setup();
    const opened = jest.spyOn(Database, "openDatabase");
    try {
      await t.run([t.files.add(t.file("ep.xlsx"), zeroFilledGrid(ep))]);
      await t.run([t.files.add(t.file("ep-2.xlsx"), zeroFilledGrid(ep).set(IND, "E19", 1))], true);
      const writers = opened.mock.calls.filter(([, options]) => !options?.readOnly);
      expect(writers).toHaveLength(2);
      for (const [, options] of writers) expect(options).toMatchObject({ memoryLimit: INGEST_MEMORY_LIMIT });
    } finally {
      opened.mockRestore();
    }
  });

  it("leaves nothing in the temporary folder when a dry run cannot copy the database (here: not a database)", async () => {
    const t = setup();
    writeFileSync(t.db, "not a DuckDB database, but the analyst's notes");
    const tmp = mkdtempSync(path.join(t.dir, "tmp-"));
    // Where the dry run's copy goes (TMPDIR set here would not reach Node's os module under jest).
    const tmpdir = jest.spyOn(os, "tmpdir").mockReturnValue(tmp);
    try {
      await expect(t.run([t.files.add(t.file("ep.xlsx"), zeroFilledGrid(ep))], true)).rejects.toThrow(/is not a readable PA1325 database/);
      expect(tmpdir).toHaveBeenCalled();
    } finally {
      tmpdir.mockRestore();
    }
    expect(readdirSync(tmp)).toEqual([]);
  });

  it("does not create a database or a key on a dry run", async () => {
    const t = setup({});
    const summary = await t.run([t.files.add(t.file("ep.xlsx"), zeroFilledGrid(ep))], true);
    expect(summary.counts.accepted).toBe(1);
    expect(existsSync(t.db)).toBe(false);
    expect(existsSync(path.join(t.dir, ".config", "pa1325", "pseudonymisation.key"))).toBe(false);
  });

  it("creates the pseudonymisation key outside the database on first use, with a warning", async () => {
    const t = setup({});
    await t.run([t.files.add(t.file("ep.xlsx"), zeroFilledGrid(ep))]);
    const keyFile = path.join(t.dir, ".config", "pa1325", "pseudonymisation.key");
    expect(existsSync(keyFile)).toBe(true);
    expect(t.warnings[0]).toContain(`A new pseudonymisation key was created in ${keyFile}`);
  });

  it("refuses to run with a different key than the database was built with", async () => {
    const t = setup();
    await t.run([t.files.add(t.file("ep.xlsx"), zeroFilledGrid(ep))]);
    const other = ingest([t.file("ep.xlsx")], { dbFile: t.db, dryRun: false, maxFileBytes: 1e6 }, {
      now: () => new Date(),
      env: { PA1325_KEY: "z".repeat(40) },
      warn: () => {},
      createReader: () => t.files.reader(),
    });
    await expect(other).rejects.toMatchObject({ code: "KEY_MISMATCH" });
  });

  it("stores a batch all or nothing: a failure mid-way leaves no row of any of its files behind", async () => {
    const t = setup();
    await t.run([t.files.add(t.file("ep.xlsx"), zeroFilledGrid(ep))]);
    const storedSha = fileSha256(t.file("ep.xlsx"));
    const db = await openDatabase(t.db);
    try {
      await migrate(db);
      const next = await readNextSubmissionId(db);
      const submission = (n: number, sha256: string, dims: Record<string, string>): SubmissionWrite => ({
        record: {
          institution: "MGP", period: "2026-S1", catalogId: "pa1325-mindef-peru", catalogVersion: "2021.1", layoutVersion: "1", language: "es",
          fileName: `broken-${n}.xlsx`, sha256, fileBytes: 10, fileModifiedAt: null, receivedAt: new Date(), generatedBy: null,
          readyAt: null, readyStampValid: null, preparedBy: null,
        },
        submissionId: next + BigInt(n),
        version: n + 1,
        supersededBy: null,
        content: {
          values: [{ indicator: "PREV-1.1", dims, value: 1, note: null, sheet: IND, cell: "E6", unit: "people" }],
          deliverables: [],
          roster: [],
          warnings: [],
        },
      });
      const batch = (second: SubmissionWrite): IngestBatch => ({
        submissions: [submission(0, "e".repeat(64), { sex: "F" }), second],
        superseded: [],
        refusedAgain: [],
        rejections: [{ fileName: "refused.xlsx", sha256: "d".repeat(64), issues: [{ code: "X", severity: "error", sheet: null, cell: null, indicator: null, message: { es: "x", en: "x" } }], at: new Date() }],
        log: [],
      });
      const nothingNew = async () => {
        expect(await queryRows(db, `SELECT institution FROM submissions ORDER BY 1`)).toEqual([{ institution: "EP" }]);
        expect(await queryRows(db, `SELECT count(*) AS n FROM indicator_values WHERE submission_id NOT IN (SELECT submission_id FROM submissions)`)).toEqual([{ n: 0n }]);
        expect(await queryRows(db, `SELECT count(*) AS n FROM ingest_issues WHERE sha256 = '${"d".repeat(64)}'`)).toEqual([{ n: 0n }]);
      };
      // Found by ingestion's own check before anything is appended…
      await expect(writeIngestBatch(db, batch(submission(1, "f".repeat(64), { colour: "red" })), { id: undefined, startedAt: new Date() })).rejects.toThrow(
        "no column for dimension colour",
      );
      await nothingNew();
      // …and by DuckDB when the appenders are flushed (the same bytes stored twice).
      const again = await readNextSubmissionId(db);
      const duplicate = batch(submission(1, storedSha, { sex: "M" }));
      duplicate.submissions.forEach((s, i) => (s.submissionId = again + BigInt(i)));
      await expect(writeIngestBatch(db, duplicate, { id: undefined, startedAt: new Date() })).rejects.toThrow(/Duplicate key/);
      await nothingNew();
      // The connection is left with no transaction open: the next batch is stored.
      const ok = batch(submission(1, "c".repeat(64), { sex: "M" }));
      const last = await readNextSubmissionId(db);
      ok.submissions.forEach((s, i) => (s.submissionId = last + BigInt(i)));
      await writeIngestBatch(db, ok, { id: undefined, startedAt: new Date() });
      expect(await queryRows(db, `SELECT institution, version FROM submissions ORDER BY 1, 2`)).toEqual([
        { institution: "EP", version: 1 },
        { institution: "MGP", version: 1 },
        { institution: "MGP", version: 2 },
      ]);
    } finally {
      db.close();
    }
  });
});

describe("ingest: the add-in's \"Ready to submit\" stamp", () => {
  /** What the add-in's "Ready to submit" writes into the metadata: the time, and the hash of the inputs then. */
  function ready(g: GridBuilder, at: string): GridBuilder {
    const { sheet, cells } = ep.metadata;
    g.set(sheet, cells.readyAt, at);
    return g.set(sheet, cells.contentHash, createHash("sha256").update(buildContentDigestText(ep, g.grid()), "utf8").digest("hex"));
  }
  const older = (summary: Awaited<ReturnType<ReturnType<typeof setup>["run"]>>, i: number) =>
    summary.files[i]!.issues.filter((issue) => issue.code === "OLDER_THAN_CURRENT").map((issue) => issue.message.en);

  it("warns when a file marked ready replaces a version marked ready later, in one run and across runs", async () => {
    const t = setup();
    // In path order the correction comes first ("ep (corregido)" sorts before "ep."), so the original replaces it.
    t.files.add(t.file("ep (corregido).xlsx"), ready(zeroFilledGrid(ep).set(IND, "E19", 5), "2026-07-05T09:00:00.000Z"));
    t.files.add(t.file("ep.xlsx"), ready(zeroFilledGrid(ep).set(IND, "E19", 4), "2026-07-03T10:12:30.000Z"));
    const first = await t.run([t.dir]);
    expect(first.files.map((f) => f.status)).toEqual(["accepted", "replaced"]);
    expect(older(first, 0)).toEqual([]);
    expect(older(first, 1)).toEqual([
      'This file was marked "Ready to submit" on 2026-07-03 10:12 UTC, before version 1, which it replaces (ep (corregido).xlsx, marked on 2026-07-05 09:00 UTC). It is now the current version: confirm with the institution which one is final; if it is the other, ask them to save it again and send it again.',
    ]);
    // Stored with the version it concerns, and counted among its warnings.
    expect(await rows(t.db, `SELECT submission_id, code, severity FROM ingest_issues WHERE code = 'OLDER_THAN_CURRENT'`)).toEqual([{ submission_id: 2n, code: "OLDER_THAN_CURRENT", severity: "warning" }]);
    expect(await rows(t.db, `SELECT version, warning_count, ready_at, ready_stamp_valid FROM submissions ORDER BY version`)).toEqual([
      { version: 1, warning_count: 0, ready_at: "2026-07-05T09:00:00.000Z", ready_stamp_valid: true },
      { version: 2, warning_count: 1, ready_at: "2026-07-03T10:12:30.000Z", ready_stamp_valid: true },
    ]);

    // A later run: the current version's stamp is read back from the database.
    const later = await t.run([t.files.add(t.file("ep-v3.xlsx"), ready(zeroFilledGrid(ep).set(IND, "E19", 6), "2026-07-08T08:00:00.000Z"))]);
    expect(older(later, 0)).toEqual([]);
    const stale = await t.run([t.files.add(t.file("ep-v2-again.xlsx"), ready(zeroFilledGrid(ep).set(IND, "E19", 7), "2026-07-06T08:00:00.000Z"))]);
    expect(stale.files[0]!.status).toBe("replaced");
    expect(older(stale, 0)).toHaveLength(1);
    expect(older(stale, 0)[0]).toContain("before version 3, which it replaces (ep-v3.xlsx, marked on 2026-07-08 08:00 UTC)");
  });

  it("counts only stamps that still match the content: a file changed after it was marked ready is said so, and compared with nothing", async () => {
    const t = setup();
    await t.run([t.files.add(t.file("ep-v1.xlsx"), ready(zeroFilledGrid(ep).set(IND, "E19", 5), "2026-07-05T09:00:00.000Z"))]);
    // Marked ready earlier, then changed (E19 typed again after the stamp): its stamp no longer holds.
    const changed = ready(zeroFilledGrid(ep).set(IND, "E19", 4), "2026-07-03T10:12:00.000Z").set(IND, "E19", 8);
    const summary = await t.run([t.files.add(t.file("ep-v2.xlsx"), changed)]);
    expect(summary.files[0]!.issues.map((i) => i.code)).toEqual(["CHANGED_AFTER_READY"]);
    expect(await rows(t.db, `SELECT version, ready_stamp_valid FROM submissions ORDER BY version`)).toEqual([
      { version: 1, ready_stamp_valid: true },
      { version: 2, ready_stamp_valid: false },
    ]);
  });
});
