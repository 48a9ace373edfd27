import { createHash } from "node:crypto";
import fc from "fast-check";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { execute, openDatabase } from "../../../pipeline/src/db/Database";
import { migrate } from "../../../pipeline/src/db/migrate";
import { forEachRefusedSha, forEachStoredSubmission, readNextSubmissionId } from "../../../pipeline/src/db/submissionStore";
import { StoredIndex } from "../../../pipeline/src/ingest/StoredIndex";

// The index of stored bytes a run reads at its start: streamed from the database a chunk at a time and kept
// compactly, it must still know every submission exactly as stored, across chunks (DuckDB's are 2,048 rows).
describe("the stored index", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-index-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const SUBMISSIONS = 5_000; // three chunks
  const sha = (text: string) => createHash("sha256").update(text).digest("hex");
  const institutions = ["EP", "MGP", "FAP", "CCFFAA"];

  async function storedDatabase() {
    const db = await openDatabase(path.join(dir, "stored.duckdb"));
    await migrate(db);
    // Submission i: institution i mod 4, semester (i div 4) mod 10, version i div 40 + 1; the last version of each
    // institution and semester is current. The bytes: sha256 of "file i".
    await execute(
      db,
      `INSERT INTO submissions (submission_id, institution, period, version, catalog_id, catalog_version, layout_version, language,
         file_name, sha256, file_bytes, received_at, ready_at, ready_stamp_valid, status, superseded_by, value_count, roster_count, warning_count)
       SELECT i + 1, ['EP', 'MGP', 'FAP', 'CCFFAA'][i % 4 + 1], (2020 + (i // 4) % 10)::VARCHAR || '-S1', i // 40 + 1, 'pa1325', '1', '1', 'es',
         'file-' || i || '.xlsx', sha256('file ' || i), 1000, TIMESTAMP '2026-07-01', CASE WHEN i % 3 = 0 THEN '2026-06-30T10:00:00Z' END,
         CASE WHEN i % 3 = 0 THEN i % 2 = 0 END, CASE WHEN i >= ${SUBMISSIONS - 40} THEN 'current' ELSE 'superseded' END,
         CASE WHEN i < ${SUBMISSIONS - 40} THEN i + 41 END, 0, 0, 0
       FROM range(${SUBMISSIONS}) t(i)`,
    );
    await execute(
      db,
      `INSERT INTO ingest_issues (file_name, sha256, code, severity, message_es, message_en, recorded_at)
       SELECT 'refused-' || i || '.xlsx', sha256('refused ' || i), 'NOT_A_ZIP', 'error', 'x', 'x', TIMESTAMP '2026-07-01' FROM range(3000) t(i)`,
    );
    return db;
  }

  it("finds every stored submission by its bytes, and each institution and semester's current one", async () => {
    const db = await storedDatabase();
    try {
      const index = new StoredIndex(await readNextSubmissionId(db));
      let rows = 0;
      await forEachStoredSubmission(db, (row) => {
        rows++;
        index.addStored(row);
      });
      let refused = 0;
      await forEachRefusedSha(db, (sha) => {
        refused++;
        index.addRefused(sha);
      });
      expect(rows).toBe(SUBMISSIONS);
      expect(refused).toBe(3000);
      for (const i of [0, 1, 2047, 2048, 4095, 4096, SUBMISSIONS - 1]) {
        expect(index.has(sha(`file ${i}`))).toBe(true);
        expect(index.find(sha(`file ${i}`))).toEqual({
          submissionId: BigInt(i + 1),
          institution: institutions[i % 4],
          period: `${2020 + (Math.floor(i / 4) % 10)}-S1`,
          version: Math.floor(i / 40) + 1,
        });
      }
      expect(index.has(sha("file 5000"))).toBe(false);
      // Every one of them, through the table's growths (1,024 entries at first), and none that is not stored.
      for (let i = 0; i < SUBMISSIONS; i++) if (index.find(sha(`file ${i}`))?.submissionId !== BigInt(i + 1)) throw new Error(`file ${i} not found as stored`);
      for (let i = SUBMISSIONS; i < 2 * SUBMISSIONS; i++) if (index.has(sha(`file ${i}`))) throw new Error(`file ${i} found, but not stored`);
      // A digest differing from a stored one in its last hex digit only, or in its first (the table's position).
      const last = sha("file 7");
      expect(index.has(last.slice(0, 63) + (last[63] === "0" ? "1" : "0"))).toBe(false);
      expect(index.has((last[0] === "0" ? "1" : "0") + last.slice(1))).toBe(false);
      // Upper-case hex is other text: never written by PA1325, and not the same bytes' digest as far as the index knows.
      expect(index.has(last.toUpperCase())).toBe(false);
      expect(await readNextSubmissionId(db)).toBe(BigInt(SUBMISSIONS + 1));
      expect(index.isRefusalStored(sha("refused 2999"))).toBe(true);
      expect(index.isRefusalStored(sha("file 1"))).toBe(false);
      // The current submission of EP 2020-S1 is the last one of that slot: i = 4960, version 125, marked ready with a valid stamp.
      expect(index.current("EP", "2020-S1")).toMatchObject({ submissionId: 4961n, version: 125, fileName: "file-4960.xlsx", sha256: sha("file 4960"), readyAt: null });
      expect(index.current("MGP", "2020-S1")).toMatchObject({ submissionId: 4962n, version: 125, readyAt: null });
      expect(index.current("EP", "2021-S1")).toMatchObject({ submissionId: 4965n, version: 125, readyAt: null });
      expect(index.current("FAP", "2020-S1")).toMatchObject({ submissionId: 4963n, readyAt: "2026-06-30T10:00:00Z" });

      // A new version staged, then committed: the old current one is still found by its bytes, the new one too.
      const staged = index.stageSubmission({ institution: "EP", period: "2020-S1", sha256: sha("new"), fileName: "new.xlsx", readyAt: null }, new Map());
      expect(staged).toMatchObject({ version: 126, status: "current" });
      expect(index.has(sha("new"))).toBe(true);
      index.discard(staged.submissionId);
      expect(index.has(sha("new"))).toBe(false);
      expect(index.current("EP", "2020-S1")).toMatchObject({ version: 125 });
      const again = index.stageSubmission({ institution: "EP", period: "2020-S1", sha256: sha("new"), fileName: "new.xlsx", readyAt: null }, new Map());
      index.commit();
      expect(index.find(sha("new"))).toEqual({ submissionId: again.submissionId, institution: "EP", period: "2020-S1", version: 126 });
      expect(index.find(sha("file 4960"))).toEqual({ submissionId: 4961n, institution: "EP", period: "2020-S1", version: 125 });
      expect(index.current("EP", "2020-S1")).toMatchObject({ sha256: sha("new"), version: 126 });

      // A row whose sha256 is not a lowercase hex digest (written by hand, say) is still known as stored.
      index.stageSubmission({ institution: "MGP", period: "2020-S1", sha256: "not a digest", fileName: "odd.xlsx", readyAt: null }, new Map());
      index.commit();
      expect(index.find("not a digest")).toMatchObject({ institution: "MGP", period: "2020-S1", version: 126 });
      expect(index.has(sha("file 4961"))).toBe(true);
    } finally {
      db.close();
    }
  });

  it("answers as a plain map of digests would, through random stagings, commits and discards", () => {
    // Digests drawn from a small pool, some sharing their first 32 bits (the table's position) or differing only in
    // their last hex digit, and some text that is not a digest at all: the cases where an open-addressing table errs.
    const base = (n: number) => sha(`pool ${n}`);
    const pool = [
      ...Array.from({ length: 40 }, (_, n) => base(n)),
      ...Array.from({ length: 20 }, (_, n) => base(n).slice(0, 8) + base(n + 100).slice(8)),
      ...Array.from({ length: 10 }, (_, n) => base(n).slice(0, 63) + (base(n)[63] === "a" ? "b" : "a")),
      "not a digest",
      "",
      base(1).toUpperCase(),
    ];
    const step = fc.record({ digests: fc.array(fc.nat({ max: pool.length - 1 }), { minLength: 1, maxLength: 6 }), commit: fc.boolean() });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
        const index = new StoredIndex(1n);
        const model = new Map<string, { version: number; institution: string }>();
        const lastVersion = new Map<string, number>();
        let nextId = 1n;
        for (const { digests, commit } of steps) {
          const staged = new Map(model);
          const stagedVersions = new Map(lastVersion);
          for (const at of digests) {
            const sha256 = pool[at]!;
            if (index.has(sha256)) continue; // the same bytes again change nothing
            const institution = ["EP", "MGP", "FAP"][at % 3]!;
            const s = index.stageSubmission({ institution, period: "2026-S1", sha256, fileName: `${at}.xlsx`, readyAt: null }, new Map());
            const version = (stagedVersions.get(institution) ?? 0) + 1;
            stagedVersions.set(institution, version);
            staged.set(sha256, { version, institution });
            if (s.version !== version) throw new Error(`version ${s.version} staged, ${version} expected`);
          }
          if (commit) {
            index.commit();
            for (const [k, v] of staged) model.set(k, v);
            for (const [k, v] of stagedVersions) lastVersion.set(k, v);
            nextId += BigInt(digests.length);
          } else {
            index.discard(nextId);
          }
          const wrong = pool.filter((sha256) => {
            const known = model.get(sha256);
            const found = index.find(sha256);
            return index.has(sha256) !== (known !== undefined) || found?.version !== known?.version || found?.institution !== known?.institution;
          });
          expect(wrong).toEqual([]);
        }
      }),
      { numRuns: 200, seed: 1325 },
    );
  });
});
