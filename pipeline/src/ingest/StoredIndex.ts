import type { StoredSubmission } from "../db/submissionStore";

/** A submission's values keyed as `valueKey` keys them, with their cells: what a resubmission is compared with. */
export type ValueMap = Map<string, { value: number; cell: string }>;

export interface IndexedSubmission {
  submissionId: bigint;
  institution: string;
  period: string;
  version: number;
  status: "current" | "superseded";
  sha256: string;
  fileName: string;
  /** When the add-in marked it "Ready to submit", if the content still matched that stamp; else null. */
  readyAt: string | null;
}

interface Layer {
  bySha: Map<string, IndexedSubmission>;
  /** The current submission of each institution and semester. */
  current: Map<string, IndexedSubmission>;
  lastVersion: Map<string, number>;
  /** The values of current submissions stored by this run (as written), for the next resubmission's changes. */
  currentValues: Map<string, ValueMap>;
  /** Bytes whose refusal (its issues) is recorded. */
  refused: Set<string>;
}

const emptyLayer = (): Layer => ({ bySha: new Map(), current: new Map(), lastVersion: new Map(), currentValues: new Map(), refused: new Set() });

export const slotOf = (institution: string, period: string) => `${institution}\u0000${period}`;

/**
 * Which bytes are stored, each institution and semester's current submission and last version, the refused
 * bytes, and the next submission id: read once per run instead of queried for every file. Sound because this
 * process holds the database's only read-write connection (DuckDB locks the file against a second writer).
 *
 * Decisions made for a batch that is not committed yet are staged in a layer of their own, seen by the next
 * decisions (a resubmission in the same batch, the same bytes twice) and merged when the batch commits, or
 * dropped when it is rolled back: the index always follows the database.
 */
export class StoredIndex {
  private readonly committed: Layer = emptyLayer();
  private staged: Layer = emptyLayer();
  private committedNextId: bigint;
  private stagedNextId: bigint;

  constructor(rows: readonly StoredSubmission[], refused: ReadonlySet<string>, nextSubmissionId: bigint) {
    for (const row of rows) {
      const s: IndexedSubmission = {
        submissionId: row.submission_id,
        institution: row.institution,
        period: row.period,
        version: Number(row.version),
        status: row.status === "current" ? "current" : "superseded",
        sha256: row.sha256,
        fileName: row.file_name,
        readyAt: row.ready_stamp_valid === true ? row.ready_at : null,
      };
      const slot = slotOf(s.institution, s.period);
      this.committed.bySha.set(s.sha256, s);
      if (s.status === "current") this.committed.current.set(slot, s);
      this.committed.lastVersion.set(slot, Math.max(s.version, this.committed.lastVersion.get(slot) ?? 0));
    }
    for (const sha of refused) this.committed.refused.add(sha);
    this.committedNextId = this.stagedNextId = nextSubmissionId;
  }

  /** The stored (or staged) submission holding these bytes. */
  find(sha256: string): IndexedSubmission | undefined {
    return this.staged.bySha.get(sha256) ?? this.committed.bySha.get(sha256);
  }

  current(institution: string, period: string): IndexedSubmission | undefined {
    const slot = slotOf(institution, period);
    return this.staged.current.get(slot) ?? this.committed.current.get(slot);
  }

  currentValues(institution: string, period: string): ValueMap | undefined {
    const slot = slotOf(institution, period);
    return this.staged.currentValues.get(slot) ?? this.committed.currentValues.get(slot);
  }

  /** Whether a refusal of these bytes is recorded in the database (not only staged). */
  isRefusalStored(sha256: string): boolean {
    return this.committed.refused.has(sha256);
  }

  /** Stages a new current submission (taking the next id and version), superseding the slot's current one. */
  stageSubmission(entry: Omit<IndexedSubmission, "submissionId" | "version" | "status">, values: ValueMap): IndexedSubmission {
    const slot = slotOf(entry.institution, entry.period);
    const replaced = this.current(entry.institution, entry.period);
    if (replaced) this.staged.bySha.set(replaced.sha256, { ...replaced, status: "superseded" });
    const version = (this.staged.lastVersion.get(slot) ?? this.committed.lastVersion.get(slot) ?? 0) + 1;
    const s: IndexedSubmission = { ...entry, submissionId: this.stagedNextId++, version, status: "current" };
    this.staged.bySha.set(s.sha256, s);
    this.staged.current.set(slot, s);
    this.staged.lastVersion.set(slot, version);
    this.staged.currentValues.set(slot, values);
    return s;
  }

  stageRefusal(sha256: string): void {
    this.staged.refused.add(sha256);
  }

  /** The staged decisions are committed in the database: they become the index's. */
  commit(): void {
    const { staged, committed } = this;
    for (const [k, v] of staged.bySha) committed.bySha.set(k, v);
    for (const [k, v] of staged.current) committed.current.set(k, v);
    for (const [k, v] of staged.lastVersion) committed.lastVersion.set(k, v);
    for (const [k, v] of staged.currentValues) committed.currentValues.set(k, v);
    for (const sha of staged.refused) committed.refused.add(sha);
    this.committedNextId = this.stagedNextId;
    this.staged = emptyLayer();
  }

  /** The staged decisions were rolled back. `nextSubmissionId`: the sequence may have moved on meanwhile. */
  discard(nextSubmissionId: bigint): void {
    this.staged = emptyLayer();
    this.committedNextId = this.stagedNextId = nextSubmissionId > this.committedNextId ? nextSubmissionId : this.committedNextId;
  }
}
