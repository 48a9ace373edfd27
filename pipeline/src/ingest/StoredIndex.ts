import type { StoredSubmission } from "../db/submissionStore";

/** A submission's values keyed as `valueKey` keys them, with their cells: what a resubmission is compared with. */
export type ValueMap = Map<string, { value: number; cell: string }>;

/** What is known of stored bytes: enough to say "already loaded (EP 2026-S1 version 2, submission 7)". */
export interface KnownSubmission {
  submissionId: bigint;
  institution: string;
  period: string;
  version: number;
}

/** A submission as the index keeps it while it is its institution and semester's current one (or staged). */
export interface IndexedSubmission extends KnownSubmission {
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
 * Every stored submission by the SHA-256 of its bytes, compactly: the digest (the map's key) and an entry number,
 * with id, version and institution-and-semester in typed arrays. A database holds every version ever sent, and
 * this is read whole at the start of each run: as one object per submission it was ~400 bytes each on the ingest
 * thread's heap (36,000 stored: 28 MB), now ~130, and no object per submission but its digest.
 */
class ShaTable {
  private readonly entries = new Map<string, number>();
  private ids = new Float64Array(1024);
  private versions = new Int32Array(1024);
  private slots = new Int32Array(1024);
  private readonly slotNames: Array<{ institution: string; period: string }> = [];
  private readonly slotNumbers = new Map<string, number>();

  has(sha256: string): boolean {
    return this.entries.has(sha256);
  }

  get(sha256: string): KnownSubmission | undefined {
    const at = this.entries.get(sha256);
    if (at === undefined) return undefined;
    const { institution, period } = this.slotNames[this.slots[at]!]!;
    return { submissionId: BigInt(this.ids[at]!), institution, period, version: this.versions[at]! };
  }

  /** Adds the bytes of a submission, or updates them (the same bytes are never two submissions: sha256 is UNIQUE). */
  set(sha256: string, s: KnownSubmission): void {
    let at = this.entries.get(sha256);
    if (at === undefined) {
      at = this.entries.size;
      if (at === this.ids.length) this.grow();
      this.entries.set(sha256, at);
    }
    // Submission ids come from a sequence: far below 2^53, exact in a double.
    this.ids[at] = Number(s.submissionId);
    this.versions[at] = s.version;
    this.slots[at] = this.slotNumber(s.institution, s.period);
  }

  private slotNumber(institution: string, period: string): number {
    const slot = slotOf(institution, period);
    let n = this.slotNumbers.get(slot);
    if (n === undefined) {
      n = this.slotNames.push({ institution, period }) - 1;
      this.slotNumbers.set(slot, n);
    }
    return n;
  }

  private grow(): void {
    const ids = new Float64Array(this.ids.length * 2);
    ids.set(this.ids);
    const versions = new Int32Array(ids.length);
    versions.set(this.versions);
    const slots = new Int32Array(ids.length);
    slots.set(this.slots);
    this.ids = ids;
    this.versions = versions;
    this.slots = slots;
  }
}

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
  private readonly stored = new ShaTable();
  /** What the database holds besides `stored` (its bySha is `stored`). */
  private readonly committed: Omit<Layer, "bySha"> = emptyLayer();
  private staged: Layer = emptyLayer();
  private committedNextId: bigint;
  private stagedNextId: bigint;

  constructor(nextSubmissionId: bigint) {
    this.committedNextId = this.stagedNextId = nextSubmissionId;
  }

  /** A submission the database holds (as read at the start of the run, one row at a time). */
  addStored(row: StoredSubmission): void {
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
    this.stored.set(s.sha256, s);
    if (s.status === "current") this.committed.current.set(slot, s);
    this.committed.lastVersion.set(slot, Math.max(s.version, this.committed.lastVersion.get(slot) ?? 0));
  }

  /** Bytes whose refusal the database records. */
  addRefused(sha256: string): void {
    this.committed.refused.add(sha256);
  }

  /** The stored (or staged) submission holding these bytes. */
  find(sha256: string): KnownSubmission | undefined {
    return this.staged.bySha.get(sha256) ?? this.stored.get(sha256);
  }

  /** Whether these bytes are stored (or staged). */
  has(sha256: string): boolean {
    return this.staged.bySha.has(sha256) || this.stored.has(sha256);
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
    for (const [k, v] of staged.bySha) this.stored.set(k, v);
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
