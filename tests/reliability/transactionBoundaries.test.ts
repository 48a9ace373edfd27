import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "../../pipeline/src/db/Database";
import * as submissionStore from "../../pipeline/src/db/submissionStore";
import { whileSpying } from "../helpers/captureEffects";
import { createWorkbookReader } from "../../pipeline/src/ingest/createWorkbookReader";
import { ingest, type IngestEffects, type IngestOptions } from "../../pipeline/src/ingest/ingest";
import type { FileResult } from "../../pipeline/src/ingest/IngestResult";

// Group commit seen from the connection (docs/adr/0002-group-commit.md): during an ingest of the sample inbox every
// BEGIN, COMMIT and ROLLBACK, every row appended (with the submission or the bytes it belongs to), every appender
// closed and every file acknowledged is recorded in order. No file's rows may span two transactions, every row must
// be appended and flushed inside a transaction that commits, and each file must be acknowledged only after the
// COMMIT of the transaction holding its rows. The crash tests find a file split across two transactions only when
// a kill lands between them, and an early acknowledgement only when a kill lands before the commit; this finds
// both every time (checked below on logs that hold each defect).

const ROOT = path.join(__dirname, "..", "..");
const INBOX = path.join(ROOT, "sample-workbooks", "submitted");

type Event =
  | { kind: "BEGIN" | "COMMIT" | "ROLLBACK" }
  | { kind: "row"; table: string; owner: string; appender: number }
  | { kind: "close"; appender: number }
  | { kind: "ack"; file: string };

/** Which file a row belongs to: its submission (first column) or, for issues and the log, its bytes. */
function ownerOf(table: string, row: unknown[]): string {
  if (table === "ingest_issues") return `sha:${String(row[1])}`;
  if (table === "ingest_files") return `sha:${String(row[2])}`;
  return `id:${String(row[0])}`;
}

/** The row owners of a decided file. */
function ownersOf(r: FileResult): string[] {
  if (r.status === "rejected") return [`sha:${r.sha256 ?? `size-refused:${path.basename(r.file)}`}`];
  if (r.status === "unchanged") return [];
  return [`id:${r.submissionId}`, `sha:${r.sha256}`];
}

/** Everything wrong with a log of an ingest whose results are `results`, in plain words. */
function checkTransactions(events: readonly Event[], results: readonly FileResult[]): string[] {
  const problems: string[] = [];
  // Transaction number of each event (undefined outside one), and how each transaction ended.
  const ends: Array<"COMMIT" | "ROLLBACK"> = [];
  const commitAt: number[] = [];
  const inTx: Array<number | undefined> = [];
  let open: number | undefined;
  const openedIn = new Map<number, number>();
  events.forEach((e, i) => {
    if (e.kind === "BEGIN") {
      if (open !== undefined) problems.push(`BEGIN at ${i} inside transaction ${open}`);
      open = ends.length;
      ends.push("ROLLBACK");
      commitAt.push(Infinity);
    } else if (e.kind === "COMMIT" || e.kind === "ROLLBACK") {
      if (open === undefined) problems.push(`${e.kind} at ${i} outside any transaction`);
      else {
        ends[open] = e.kind;
        if (e.kind === "COMMIT") commitAt[open] = i;
        for (const [appender, tx] of openedIn) if (tx === open) problems.push(`appender ${appender} still open at the end of transaction ${tx}`);
      }
      open = undefined;
    } else if (e.kind === "row") {
      if (open === undefined) problems.push(`${e.table} row of ${e.owner} appended outside a transaction`);
      else if ((openedIn.get(e.appender) ?? open) !== open) problems.push(`appender ${e.appender} used in two transactions`);
      else openedIn.set(e.appender, open);
    } else if (e.kind === "close") openedIn.delete(e.appender);
    inTx.push(open);
  });
  // Rows by owner, in committed transactions only (a rolled-back transaction stores nothing).
  const rowsOf = new Map<string, Array<{ tx: number; table: string }>>();
  events.forEach((e, i) => {
    if (e.kind !== "row" || inTx[i] === undefined || ends[inTx[i]!] !== "COMMIT") return;
    const list = rowsOf.get(e.owner) ?? [];
    list.push({ tx: inTx[i]!, table: e.table });
    rowsOf.set(e.owner, list);
  });
  const ackAt = new Map<string, number>();
  events.forEach((e, i) => {
    if (e.kind === "ack") ackAt.set(e.file, i);
  });
  const txOfSubmission = new Map<number, number>();
  for (const r of results) {
    const name = path.basename(r.file);
    const rows = ownersOf(r).flatMap((o) => rowsOf.get(o) ?? []);
    const txs = new Set(rows.map((x) => x.tx));
    const ack = ackAt.get(r.file);
    if (ack === undefined) problems.push(`${name} was never acknowledged`);
    if (r.status === "unchanged") {
      // Acknowledged after the commit of what it refers to, when this run stored it.
      const tx = txOfSubmission.get(r.submissionId);
      if (tx !== undefined && ack !== undefined && ack < commitAt[tx]!) problems.push(`${name} acknowledged before its submission was committed`);
      continue;
    }
    if (txs.size !== 1) {
      problems.push(`${name}: rows in ${txs.size} committed transactions`);
      continue;
    }
    const tx = [...txs][0]!;
    if (ack !== undefined && ack < commitAt[tx]!) problems.push(`${name} acknowledged before the COMMIT of its transaction`);
    const tables = new Set(rows.map((x) => x.table));
    const expected =
      r.status === "rejected"
        ? ["ingest_issues", "ingest_files"]
        : ["submissions", "ingest_files", r.values > 0 ? "indicator_values" : null, r.roster > 0 ? "roster_entries" : null, r.issues.length > 0 ? "ingest_issues" : null];
    for (const t of expected) if (t !== null && !tables.has(t)) problems.push(`${name}: no ${t} row in its transaction`);
    if (r.status !== "rejected") txOfSubmission.set(r.submissionId, tx);
  }
  return problems;
}

/**
 * Records the connection's transactions, appended rows and closed appenders while `work` runs; `inject` sees every
 * value appended first (and may throw, as a failing statement would).
 */
async function recordTransactions<T>(dir: string, events: Event[], work: () => Promise<T>, inject?: (table: string, value: unknown) => void): Promise<T> {
  const probe = await openDatabase(path.join(dir, "probe.duckdb"));
  const proto = Object.getPrototypeOf(probe.connection) as Record<string, (...args: unknown[]) => unknown>;
  probe.close();
  const run = proto.run!;
  const createAppender = proto.createAppender!;
  let appenders = 0;
  const runSpy = jest.spyOn(proto, "run").mockImplementation(function (this: unknown, ...args: unknown[]) {
    const kind = /^\s*(BEGIN|COMMIT|ROLLBACK)\b/i.exec(String(args[0]))?.[1]?.toUpperCase();
    if (kind) events.push({ kind: kind as "BEGIN" | "COMMIT" | "ROLLBACK" });
    return run.apply(this, args);
  });
  const appenderSpy = jest.spyOn(proto, "createAppender").mockImplementation(async function (this: unknown, ...args: unknown[]) {
    const table = String(args[0]);
    const appender = (await createAppender.apply(this, args)) as Record<string, (...a: unknown[]) => unknown>;
    const id = ++appenders;
    let row: unknown[] = [];
    for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(appender))) {
      const original = appender[name];
      if (typeof original !== "function") continue;
      if (name.startsWith("append")) {
        appender[name] = (...a: unknown[]) => {
          inject?.(table, a[0]);
          row.push(a[0] ?? null);
          return original.apply(appender, a);
        };
      } else if (name === "endRow") {
        appender[name] = () => {
          events.push({ kind: "row", table, owner: ownerOf(table, row), appender: id });
          row = [];
          return original.apply(appender, []);
        };
      } else if (name === "closeSync") {
        appender[name] = () => {
          events.push({ kind: "close", appender: id });
          return original.apply(appender, []);
        };
      }
    }
    return appender;
  });
  try {
    return await work();
  } finally {
    runSpy.mockRestore();
    appenderSpy.mockRestore();
  }
}

describe("ingest's transactions (group commit)", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-transactions-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const effects = (events: Event[]): IngestEffects => ({
    now: () => new Date("2026-08-01T12:00:00Z"),
    env: { PA1325_KEY: "transactions-test-key-0123456789abcdefgh" },
    warn: () => {},
    onFile: (r) => events.push({ kind: "ack", file: r.file }),
    createReader: () => createWorkbookReader(),
  });
  const options = (db: string, batch?: IngestOptions["batch"]): IngestOptions => ({ dbFile: db, dryRun: false, maxFileBytes: 50 * 1_048_576, ...(batch ? { batch } : {}) });

  async function ingestSamples(name: string, batch?: IngestOptions["batch"]) {
    const db = path.join(dir, `${name}.duckdb`);
    // A first file makes the schema and records the key, so that the run below has nothing else to write.
    await ingest([path.join(INBOX, "2025-S2", "pa1325-DIGEPE-2025-S2.xlsx")], options(db), effects([]));
    const events: Event[] = [];
    const summary = await recordTransactions(dir, events, () => ingest([INBOX], options(db, batch), effects(events)));
    return { events, results: summary.files };
  }

  it.each([
    ["the default batches", undefined, 1],
    ["batches of three files", { files: 3 }, 6],
  ])("keep each file's rows in one committed transaction and acknowledge it after that COMMIT, with %s", async (_label, batch, transactions) => {
    const { events, results } = await ingestSamples(`samples-${transactions}`, batch);
    expect(results.filter((r) => r.status !== "unchanged")).toHaveLength(18);
    expect(checkTransactions(events, results)).toEqual([]);
    expect(events.filter((e) => e.kind === "COMMIT")).toHaveLength(transactions);
    expect(events.filter((e) => e.kind === "ROLLBACK")).toHaveLength(0);
  });

  it("rolls a batch back when a statement fails in it and stores its files again one transaction each, up to the bad one", async () => {
    const db = path.join(dir, "failing.duckdb");
    await ingest([path.join(INBOX, "2025-S2", "pa1325-DIGEPE-2025-S2.xlsx")], options(db), effects([]));
    // The submission row of one file fails (as a constraint would) every time it is appended.
    const bad = "pa1325-CECOPAZ-2026-S1.xlsx";
    const events: Event[] = [];
    const acks: string[] = [];
    const withFailure: IngestEffects = { ...effects(events), onFile: (r) => (acks.push(path.basename(r.file)), events.push({ kind: "ack", file: r.file })) };
    let failures = 0;
    const attempt = recordTransactions(
      dir,
      events,
      () => ingest([INBOX], options(db), withFailure),
      (table, value) => {
        if (table === "submissions" && value === bad) {
          failures++;
          throw new Error("injected failure");
        }
      },
    );
    await expect(attempt).rejects.toThrow(`${bad} could not be stored: injected failure`);
    // Once in the batch, once in its own transaction.
    expect(failures).toBe(2);
    const order = [
      "pa1325-CCFFAA-2025-S2.xlsx",
      "pa1325-CECOPAZ-2025-S2.xlsx",
      "pa1325-DIGEDOC-2025-S2.xlsx",
      "pa1325-DIGEPE-2025-S2.xlsx",
      "pa1325-DIGRIN-2025-S2.xlsx",
      "pa1325-EP-2025-S2.xlsx",
      "pa1325-FAP-2025-S2.xlsx",
      "pa1325-MGP-2025-S2.xlsx",
      "pa1325-CCFFAA-2026-S1-v1.xlsx",
      "pa1325-CCFFAA-2026-S1-v2.xlsx",
    ];
    expect(acks).toEqual(order);
    // The whole batch rolled back, then one transaction per file that stores anything, then the bad one's.
    expect(events.filter((e) => e.kind !== "row" && e.kind !== "close" && e.kind !== "ack").map((e) => e.kind)).toEqual([
      "BEGIN",
      "ROLLBACK",
      ...Array.from({ length: order.length - 1 }, () => ["BEGIN", "COMMIT"]).flat(),
      "BEGIN",
      "ROLLBACK",
    ]);
    const stored = await openDatabase(db, { readOnly: true });
    try {
      const names = (await stored.connection.runAndReadAll(`SELECT file_name FROM submissions ORDER BY submission_id`)).getRowObjectsJS().map((r) => r.file_name);
      // The first file (stored before the run, unchanged in it), then each file acknowledged, and nothing of the bad one.
      expect(names).toEqual(["pa1325-DIGEPE-2025-S2.xlsx", ...order.filter((n) => n !== "pa1325-DIGEPE-2025-S2.xlsx")]);
    } finally {
      stored.close();
    }
  });

  const AFTER = (bad: string) =>
    `The files already reported are stored; ${bad} and the ones after it are not: running the same command again loads them, and what is stored is recognised and not stored twice.`;

  it.each([
    {
      failure: "a full disk",
      name: "full-disk.duckdb",
      // DuckDB's own words when the disk is full at a commit (node-api 1.5.6, seen on a full tmpfs).
      words: (db: string) => `TransactionContext Error: Failed to commit: Could not write file "${db}.wal": No space left on device`,
      code: "DATABASE_DISK_FULL",
      says: (db: string) => `the disk that holds the database ${db} is full. Free some space on it and run the command again.`,
    },
    {
      failure: "a database whose folder went away (a share or USB stick gone)",
      name: "gone.duckdb",
      // DuckDB's words with the database's folder deleted under a running ingest (node-api 1.5.6, seen here).
      words: (db: string) => `Failed to append: Cannot open file "${db}.tmp/duckdb_temp_storage_DEFAULT-0.tmp": No such file or directory`,
      code: "DATABASE_UNREACHABLE",
      says: (db: string) =>
        `the database ${db} went out of reach while in use: its disk or folder no longer answers or is gone (a network drive or USB stick disconnected, or the folder moved or deleted). ` +
        `Reconnect the drive, or put the folder back, and run the command again; if the folder was deleted, restore the database from its backup.`,
    },
    {
      failure: "DuckDB out of memory in a checkpoint (the disk of its spill folder nearly full)",
      name: "out-of-memory.duckdb",
      // DuckDB's words when its buffer pool could not make room during a checkpoint (node-api 1.5.6, seen here).
      words: () => "Failed to create checkpoint because of error: could not allocate block of size 256.0 KiB (61.0 MiB/61.0 MiB used)",
      code: "DATABASE_OUT_OF_MEMORY",
      says: (db: string) =>
        `DuckDB could not get more memory to work with the database ${db}. What does not fit in memory it writes for a while to the disk beside the database: ` +
        `either that disk is nearly full, or the command needed more memory than was free. Free some space on that disk or close other programs, and run the command again; ` +
        `if it happens again, send whoever maintains PA1325 what the command shows with --debug.`,
    },
  ])("says $failure in words: the database by its name, the first file not stored, and that a rerun loads the rest", async ({ name, words, code, says }) => {
    const db = path.join(dir, name);
    await ingest([path.join(INBOX, "2025-S2", "pa1325-DIGEPE-2025-S2.xlsx")], options(db), effects([]));
    const bad = "pa1325-CECOPAZ-2026-S1.xlsx";
    const acks: string[] = [];
    const attempt = recordTransactions(
      dir,
      [],
      () => ingest([INBOX], options(db), { ...effects([]), onFile: (r) => acks.push(path.basename(r.file)) }),
      (table, value) => {
        if (table === "submissions" && value === bad) throw new Error(words(db));
      },
    );
    await expect(attempt).rejects.toMatchObject({ code, exitCode: 2, text: { en: `${says(db)} ${AFTER(bad)}` } });
    expect(acks).toHaveLength(10);
    const rerun = await ingest([INBOX], options(db), effects([]));
    // The ten files acknowledged before the failure are found stored; the four after it are stored now.
    expect(rerun.counts).toMatchObject({ files: 19, unchanged: 10, rejected: 5 });
    expect(rerun.counts.accepted + rerun.counts.replaced).toBe(4);
  });

  it("a database DuckDB invalidated (out of memory in a checkpoint) still names the first file not stored, and a rerun loads the rest", async () => {
    const db = path.join(dir, "invalidated.duckdb");
    await ingest([path.join(INBOX, "2025-S2", "pa1325-DIGEPE-2025-S2.xlsx")], options(db), effects([]));
    const bad = "pa1325-CECOPAZ-2026-S1.xlsx";
    // After a fatal error DuckDB answers every statement with this, quoting the first error (node-api 1.5.6, seen
    // here).
    const fatal =
      "FATAL Error: Failed: database has been invalidated because of a previous fatal error. The database must be restarted prior to being used again.\n" +
      'Original error: "Failed to create checkpoint because of error: could not allocate block of size 256.0 KiB (61.0 MiB/61.0 MiB used)"';
    let invalidated = false;
    const readNext = submissionStore.readNextSubmissionId;
    const spy = jest.spyOn(submissionStore, "readNextSubmissionId").mockImplementation(async (database) => {
      if (invalidated) throw new Error(fatal);
      return readNext(database);
    });
    const acks: string[] = [];
    const attempt = whileSpying(spy, () =>
      recordTransactions(
        dir,
        [],
        () => ingest([INBOX], options(db), { ...effects([]), onFile: (r) => acks.push(path.basename(r.file)) }),
        (table, value) => {
          if (table === "submissions" && value === bad) {
            invalidated = true;
            throw new Error(fatal);
          }
        },
      ),
    );
    const error = (await attempt.then(
      () => undefined,
      (e: unknown) => e,
    )) as { code?: string; exitCode?: number; text?: { en: string } } | undefined;
    expect(error).toMatchObject({ code: "DATABASE_OUT_OF_MEMORY", exitCode: 2 });
    expect(error!.text!.en).toMatch(new RegExp(`^DuckDB could not get more memory to work with the database ${db.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\. `));
    // Told with the batch's own error, not "invalidated": the first file of the failed transaction, never one
    // acknowledged.
    const notStored = /The files already reported are stored; (\S+) and the ones after it are not/.exec(error!.text!.en)?.[1];
    expect(notStored).toBeDefined();
    expect(acks).not.toContain(notStored);
    const statuses = new Map<string, string>();
    const rerun = await ingest([INBOX], options(db), { ...effects([]), onFile: (r) => statuses.set(path.basename(r.file), r.status) });
    expect(rerun.counts.files).toBe(19);
    expect(statuses.get(notStored!)).toMatch(/^(accepted|replaced)$/);
    // What was acknowledged before the failure is found stored (or refused again), never stored twice.
    for (const file of acks) expect(statuses.get(file)).toMatch(/^(unchanged|rejected)$/);
  });

  it("a dry run whose private copy's disk fills: says it is the temporary folder, and the database is untouched", async () => {
    const db = path.join(dir, "dry-full.duckdb");
    await ingest([path.join(INBOX, "2025-S2", "pa1325-DIGEPE-2025-S2.xlsx")], options(db), effects([]));
    const before = readFileSync(db);
    // DuckDB's words when the disk under the dry run's copy (in the temporary folder) is full.
    const copy = path.join(os.tmpdir(), "pa1325-dry-run-AbCdEf", "dry-run.duckdb");
    const attempt = recordTransactions(
      dir,
      [],
      () => ingest([INBOX], { ...options(db), dryRun: true }, effects([])),
      (table) => {
        if (table === "submissions") throw new Error(`TransactionContext Error: Failed to commit: Could not write file "${copy}.wal": No space left on device`);
      },
    );
    await expect(attempt).rejects.toMatchObject({
      code: "DRY_RUN_TEMPORARY_FOLDER",
      text: {
        en: `a dry run (--dry-run) works on a private copy of the database in the temporary folder ${os.tmpdir()}, and there the disk is full. Free some space on that disk or choose another temporary folder with the TMPDIR variable; ${db} was not changed.`,
      },
    });
    expect(readFileSync(db).equals(before)).toBe(true);
  });

  describe("the check itself", () => {
    const file = (name: string, submissionId: number): FileResult => ({
      status: "accepted", file: `/in/${name}`, sha256: name, submissionId, institution: "EP", period: "2026-S1", version: 1, replacedVersion: null,
      values: 1, roster: 0, changes: [], issues: [],
    });
    const rows = (id: number, sha: string): Event[] => [
      { kind: "row", table: "submissions", owner: `id:${id}`, appender: 1 },
      { kind: "row", table: "indicator_values", owner: `id:${id}`, appender: 2 },
      { kind: "row", table: "ingest_files", owner: `sha:${sha}`, appender: 3 },
      { kind: "close", appender: 1 },
      { kind: "close", appender: 2 },
      { kind: "close", appender: 3 },
    ];

    it("passes two files sharing one transaction, acknowledged after its COMMIT", () => {
      const log: Event[] = [{ kind: "BEGIN" }, ...rows(1, "a"), ...rows(2, "b"), { kind: "COMMIT" }, { kind: "ack", file: "/in/a" }, { kind: "ack", file: "/in/b" }];
      expect(checkTransactions(log, [file("a", 1), file("b", 2)])).toEqual([]);
    });

    it("catches a file split across two transactions", () => {
      const split: Event[] = [
        { kind: "BEGIN" },
        { kind: "row", table: "submissions", owner: "id:1", appender: 1 },
        { kind: "row", table: "ingest_files", owner: "sha:a", appender: 3 },
        { kind: "close", appender: 1 },
        { kind: "close", appender: 3 },
        { kind: "COMMIT" },
        { kind: "BEGIN" },
        { kind: "row", table: "indicator_values", owner: "id:1", appender: 2 },
        { kind: "close", appender: 2 },
        { kind: "COMMIT" },
        { kind: "ack", file: "/in/a" },
      ];
      expect(checkTransactions(split, [file("a", 1)])).toEqual(["a: rows in 2 committed transactions"]);
    });

    it("catches an acknowledgement printed before its commit", () => {
      const early: Event[] = [{ kind: "BEGIN" }, ...rows(1, "a"), { kind: "ack", file: "/in/a" }, { kind: "COMMIT" }];
      expect(checkTransactions(early, [file("a", 1)])).toEqual(["a acknowledged before the COMMIT of its transaction"]);
    });

    it("catches rows appended outside a transaction, or flushed after its COMMIT", () => {
      expect(checkTransactions([...rows(1, "a"), { kind: "ack", file: "/in/a" }], [file("a", 1)])).toContain("submissions row of id:1 appended outside a transaction");
      const unflushed: Event[] = [{ kind: "BEGIN" }, ...rows(1, "a").slice(0, 3), { kind: "COMMIT" }, { kind: "ack", file: "/in/a" }];
      expect(checkTransactions(unflushed, [file("a", 1)])).toContain("appender 1 still open at the end of transaction 0");
    });
  });
});
