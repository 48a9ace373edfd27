import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "../../pipeline/src/db/Database";
import { createWorkbookReader } from "../../pipeline/src/ingest/createWorkbookReader";
import { ingest, type IngestEffects } from "../../pipeline/src/ingest/ingest";
import type { FileResult } from "../../pipeline/src/ingest/IngestResult";

// One transaction per file, seen from the connection: during an ingest of the sample inbox every BEGIN, COMMIT,
// ROLLBACK and appender is recorded in order. Each decided file must be exactly one BEGIN … COMMIT holding all of
// its rows (values, roster, issues), and no row may be appended outside a transaction. The crash tests find a
// file stored in two transactions only when a kill lands between them; this finds it every time.

const ROOT = path.join(__dirname, "..", "..");
const INBOX = path.join(ROOT, "sample-workbooks", "submitted");

type Event = { kind: "BEGIN" | "COMMIT" | "ROLLBACK" } | { kind: "append"; table: string };

describe("ingest's transactions", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-transactions-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("are one BEGIN … COMMIT per decided file, holding all of its rows, and nothing is appended outside one", async () => {
    const db = path.join(dir, "t.duckdb");
    const effects: IngestEffects = {
      now: () => new Date("2026-08-01T12:00:00Z"),
      env: { PA1325_KEY: "transactions-test-key-0123456789abcdefgh" },
      warn: () => {},
      createReader: () => createWorkbookReader(),
    };
    // A first file makes the schema and records the key, so that the run below has nothing else to write.
    await ingest([path.join(INBOX, "2025-S2", "pa1325-DIGEPE-2025-S2.xlsx")], { dbFile: db, dryRun: false, maxFileBytes: 50 * 1_048_576 }, effects);

    const probe = await openDatabase(path.join(dir, "probe.duckdb"));
    const proto = Object.getPrototypeOf(probe.connection) as Record<string, (...args: unknown[]) => unknown>;
    probe.close();
    const events: Event[] = [];
    const run = proto.run!;
    const createAppender = proto.createAppender!;
    const runSpy = jest.spyOn(proto, "run").mockImplementation(function (this: unknown, ...args: unknown[]) {
      const kind = /^\s*(BEGIN|COMMIT|ROLLBACK)\b/i.exec(String(args[0]))?.[1]?.toUpperCase();
      if (kind) events.push({ kind: kind as "BEGIN" | "COMMIT" | "ROLLBACK" });
      return run.apply(this, args);
    });
    const appenderSpy = jest.spyOn(proto, "createAppender").mockImplementation(function (this: unknown, ...args: unknown[]) {
      events.push({ kind: "append", table: String(args[0]) });
      return createAppender.apply(this, args);
    });
    let results: FileResult[];
    try {
      results = (await ingest([INBOX], { dbFile: db, dryRun: false, maxFileBytes: 50 * 1_048_576 }, effects)).files;
    } finally {
      runSpy.mockRestore();
      appenderSpy.mockRestore();
    }

    // Split the log into transactions; anything appended between them is outside one.
    const transactions: string[][] = [];
    let open: string[] | undefined;
    const outside: string[] = [];
    for (const e of events) {
      if (e.kind === "BEGIN") {
        expect(open).toBeUndefined();
        open = [];
      } else if (e.kind === "COMMIT" || e.kind === "ROLLBACK") {
        expect({ end: e.kind, open: open !== undefined }).toEqual({ end: "COMMIT", open: true });
        transactions.push(open!);
        open = undefined;
      } else if (e.kind === "append") (open ?? outside).push(e.table);
    }
    expect(outside).toEqual([]);
    const decided = results.filter((r) => r.status !== "unchanged");
    expect(decided.length).toBe(18);
    expect(transactions.length).toBe(decided.length);
    decided.forEach((r, i) => {
      const tables = new Set(transactions[i]);
      const expected =
        r.status === "rejected"
          ? ["ingest_issues"]
          : [r.values > 0 ? "indicator_values" : null, r.roster > 0 ? "roster_entries" : null, r.issues.length > 0 ? "ingest_issues" : null].filter((t): t is string => t !== null);
      expect({ file: path.basename(r.file), missing: expected.filter((t) => !tables.has(t)) }).toEqual({ file: path.basename(r.file), missing: [] });
    });
  });
});
