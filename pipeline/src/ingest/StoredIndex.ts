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

/** The eight 32-bit words of a SHA-256 written as 64 lowercase hex digits, into `into` at `at`; false for any other text. */
function hexDigestWords(sha256: string, into: Uint32Array, at: number): boolean {
  if (sha256.length !== 64) return false;
  for (let w = 0; w < 8; w++) {
    let word = 0;
    for (let i = w * 8; i < w * 8 + 8; i++) {
      const c = sha256.charCodeAt(i);
      const nibble = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1;
      if (nibble < 0) return false;
      word = (word << 4) | nibble;
    }
    into[at + w] = word >>> 0;
  }
  return true;
}

/**
 * Every stored submission by the SHA-256 of its bytes, compactly and outside the JavaScript heap: each digest as
 * 32 bytes in one typed array, found through an open-addressing table of entry numbers (a digest's first word is
 * already uniformly spread), with id, version and institution-and-semester in typed arrays beside it.
 *
 * A database holds every version ever sent, and this is read whole at the start of each run. As one object per
 * submission it took ~400 bytes each of the ingest thread's heap (36,000 stored: 28 MB); with the digest as a
 * map key, ~130 (90,000 stored: +15 MB of heap in use); now 56 bytes (up to twice that while the arrays have
 * room to grow), none of them on the heap: 90,000 workbooks in one run peaked at 307 MB instead of 317
 * (bench/README.md, "Eleventh session"). Text that is not a lowercase hex SHA-256 (PA1325 writes none) is kept in
 * a map.
 */
class ShaTable {
  private count = 0;
  private digests = new Uint32Array(8 * 1024);
  private ids = new Float64Array(1024);
  private versions = new Int32Array(1024);
  private slots = new Int32Array(1024);
  /** Entry number + 1 at each position (0: free); kept at most half full. */
  private table = new Int32Array(2048);
  private readonly odd = new Map<string, number>();
  private readonly probe = new Uint32Array(8);
  private readonly slotNames: Array<{ institution: string; period: string }> = [];
  private readonly slotNumbers = new Map<string, number>();

  has(sha256: string): boolean {
    return this.entryOf(sha256) >= 0;
  }

  get(sha256: string): KnownSubmission | undefined {
    const at = this.entryOf(sha256);
    if (at < 0) return undefined;
    const { institution, period } = this.slotNames[this.slots[at]!]!;
    return { submissionId: BigInt(this.ids[at]!), institution, period, version: this.versions[at]! };
  }

  /** Adds the bytes of a submission, or updates them (the same bytes are never two submissions: sha256 is UNIQUE). */
  set(sha256: string, s: KnownSubmission): void {
    let at = this.entryOf(sha256);
    if (at < 0) {
      at = this.count++;
      if (at === this.ids.length) this.grow();
      if (hexDigestWords(sha256, this.digests, at * 8)) {
        if (this.count * 2 > this.table.length) this.rehash(this.table.length * 2);
        this.place(at);
      } else {
        this.odd.set(sha256, at);
      }
    }
    // Submission ids come from a sequence: far below 2^53, exact in a double.
    this.ids[at] = Number(s.submissionId);
    this.versions[at] = s.version;
    this.slots[at] = this.slotNumber(s.institution, s.period);
  }

  /** The entry number of these bytes, or -1. */
  private entryOf(sha256: string): number {
    const probe = this.probe;
    if (!hexDigestWords(sha256, probe, 0)) return this.odd.get(sha256) ?? -1;
    const { table, digests } = this;
    const mask = table.length - 1;
    for (let pos = probe[0]! & mask; ; pos = (pos + 1) & mask) {
      const held = table[pos]!;
      if (held === 0) return -1;
      const at = held - 1;
      const d = at * 8;
      let same = true;
      for (let w = 0; w < 8 && same; w++) same = digests[d + w] === probe[w];
      if (same) return at;
    }
  }

  private place(at: number): void {
    const { table } = this;
    const mask = table.length - 1;
    let pos = this.digests[at * 8]! & mask;
    while (table[pos] !== 0) pos = (pos + 1) & mask;
    table[pos] = at + 1;
  }

  private rehash(size: number): void {
    const old = this.table;
    this.table = new Int32Array(size);
    for (const held of old) if (held !== 0) this.place(held - 1);
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
    const size = this.ids.length * 2;
    const digests = new Uint32Array(size * 8);
    digests.set(this.digests);
    const ids = new Float64Array(size);
    ids.set(this.ids);
    const versions = new Int32Array(size);
    versions.set(this.versions);
    const slots = new Int32Array(size);
    slots.set(this.slots);
    this.digests = digests;
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
    const version = Number(row.version);
    const slot = slotOf(row.institution, row.period);
    const known: KnownSubmission = { submissionId: row.submission_id, institution: row.institution, period: row.period, version };
    this.stored.set(row.sha256, known);
    if (row.status === "current") {
      this.committed.current.set(slot, {
        ...known,
        status: "current",
        sha256: row.sha256,
        fileName: row.file_name ?? "",
        readyAt: row.ready_stamp_valid === true ? row.ready_at : null,
      });
    }
    this.committed.lastVersion.set(slot, Math.max(version, this.committed.lastVersion.get(slot) ?? 0));
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
