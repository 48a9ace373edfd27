import { mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "../../pipeline/src/db/Database";
import { createWorkbookReader } from "../../pipeline/src/ingest/createWorkbookReader";
import { ingest, type IngestEffects, type IngestOptions } from "../../pipeline/src/ingest/ingest";
import type { FileResult } from "../../pipeline/src/ingest/IngestResult";
import { loadMasterData } from "../../pipeline/src/masterdata/loadMasterData";
import { ENV, NOW, writeCsv } from "../pipeline/masterdata/masterFixtures";

// A database's folder deleted, moved or unmounted under a running ingest. On Linux and macOS the open file goes on
// being written: every commit would succeed into a file no one can reach any more, each file acknowledged as stored.
// The ingest asks before each transaction, and `load` before its one, whether the database's name still leads to
// the file it opened.

const INBOX = path.join(__dirname, "..", "..", "sample-workbooks", "submitted");
const FIRST = path.join(INBOX, "2025-S2", "pa1325-DIGEPE-2025-S2.xlsx");

describe("a database whose folder goes away during an ingest", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-gone-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const effects = (onFile: (r: FileResult) => void = () => {}): IngestEffects => ({
    now: () => new Date("2026-08-01T12:00:00Z"),
    env: { PA1325_KEY: "database-gone-test-key-0123456789abcdef" },
    warn: () => {},
    onFile,
    createReader: () => createWorkbookReader(),
  });
  // Two files a transaction, so that the run has many.
  const options = (db: string): IngestOptions => ({ dbFile: db, dryRun: false, maxFileBytes: 50 * 1_048_576, batch: { files: 2 } });

  it.each([
    ["deleted", (folder: string) => rmSync(folder, { recursive: true, force: true })],
    ["moved", (folder: string) => renameSync(folder, `${folder}-moved`)],
  ])("stops at the next transaction when it is %s, says so, and what it acknowledged is what the file holds", async (how, act) => {
    const folder = path.join(dir, `share-${how}`);
    mkdirSync(folder);
    const db = path.join(folder, "pa1325.duckdb");
    await ingest([FIRST], options(db), effects());
    const acked: FileResult[] = [];
    const run = ingest(
      [INBOX],
      options(db),
      effects((r) => {
        acked.push(r);
        if (acked.length === 4) act(folder);
      }),
    );
    await expect(run).rejects.toMatchObject({
      code: "DATABASE_UNREACHABLE",
      exitCode: 2,
      text: { en: expect.stringMatching(new RegExp(`^the database ${db.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} went out of reach while in use: .* The files already reported are stored; \\S+ and the ones after it are not`)) },
    });
    // It stopped at the first transaction after the folder went: the sample inbox has 19 files.
    expect(acked.length).toBeGreaterThanOrEqual(4);
    expect(acked.length).toBeLessThan(8);
    if (how === "moved") {
      // The moved database holds exactly the first file and the files acknowledged as stored, nothing else.
      const moved = await openDatabase(path.join(`${folder}-moved`, "pa1325.duckdb"), { readOnly: true });
      try {
        const names = (await moved.connection.runAndReadAll("SELECT file_name FROM ingest_files ORDER BY file_name")).getRowObjectsJS().map((r) => r.file_name);
        const stored = acked.filter((r) => r.status !== "unchanged").map((r) => path.basename(r.file));
        expect(names).toEqual([path.basename(FIRST), ...stored].sort());
      } finally {
        moved.close();
      }
    }
  });
});

describe("a database whose folder goes away while `load` checks a file", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-gone-load-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const HEADER = "service_number,institution,sex,rank,category,status";
  const first = writeCsv(dir, "first.csv", [HEADER, "40123456,EP,F,CAP,OFICIALES,active"]);
  const large = writeCsv(dir, "large.csv", [HEADER, ...Array.from({ length: 12_000 }, (_, i) => `${41000000 + i},EP,F,CAP,OFICIALES,active`)]);
  const load = (file: string, db: string, progress?: () => void) =>
    loadMasterData(
      { dataset: "personnel", file, dbFile: db },
      {
        now: () => NOW,
        env: ENV,
        warn: () => {},
        ...(progress ? { progress } : {}),
        createReader: () => {
          throw new Error("a CSV file needs no workbook reader");
        },
      },
    );

  // The outcome, whichever notices first: here DuckDB, making its log in the folder that is gone, would fail on its
  // own (and be said the same way); the check before the transaction is what stops a load whose log is already open.
  it("stores nothing, and says the database went out of reach and that the data loaded before stay current", async () => {
    const folder = path.join(dir, "share");
    mkdirSync(folder);
    const db = path.join(folder, "pa1325.duckdb");
    await load(first, db);
    // Moved while the file's rows are checked (the first report of rows checked).
    let moved = false;
    const attempt = load(large, db, () => {
      if (!moved) renameSync(folder, `${folder}-moved`);
      moved = true;
    });
    await expect(attempt).rejects.toMatchObject({
      code: "DATABASE_UNREACHABLE",
      exitCode: 2,
      text: { en: expect.stringMatching(/ went out of reach while in use: .* Nothing of this file was stored: the data loaded before stay current\.$/) },
    });
    expect(moved).toBe(true);
    const kept = await openDatabase(path.join(`${folder}-moved`, "pa1325.duckdb"), { readOnly: true });
    try {
      const files = (await kept.connection.runAndReadAll("SELECT file_name FROM master_loads ORDER BY load_id")).getRowObjectsJS().map((r) => r.file_name);
      expect(files).toEqual(["first.csv"]);
    } finally {
      kept.close();
    }
  });
});
