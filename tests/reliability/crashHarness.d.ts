export const ROOT: string;

export interface CliRun {
  /** True when the process was still running and SIGKILL ended it. */
  killed: boolean;
  /** True when `signal` was sent to the process while it was running (whatever it then did). */
  signalled: boolean;
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** When each stdout line arrived, in ms from the start. */
  lineMs: number[];
  /** Peak RSS in bytes as last sampled (0 unless `sampleMemory`). */
  peakRss: number;
}

export interface CliOptions {
  env?: NodeJS.ProcessEnv;
  killAfterMs?: number;
  killAfterLines?: number;
  /** Polled about every millisecond; the kill comes `killDelayMs` after it first returns true. */
  killWhen?: () => boolean;
  /** Kill at once when `file` has been written `times` times (fs.watch on its folder). */
  killOnWrite?: { file: string; times: number };
  killDelayMs?: number;
  /** Run with this fixed clock (ISO time) through tests/reliability/cliWithClock.js. */
  clock?: string;
  /** Sample the child's peak RSS (Linux /proc) every 20 ms and at the kill. */
  sampleMemory?: boolean;
  /** What the "kill" sends (default SIGKILL): SIGINT is an analyst's Ctrl+C. */
  signal?: NodeJS.Signals;
  /** Send the same signal again this long after the first. */
  againAfterMs?: number;
}

export function runCli(args: readonly string[], options?: CliOptions): Promise<CliRun>;
export function seededRandom(seed: number): () => number;
export function listFiles(dir: string): string[];
export function fileSha(file: string): string;
/** Every table's row count and the sum of its rows' hashes: equal digests, equal contents. */
export function databaseDigest(file: string): Promise<string>;
export function fileSize(file: string): number;

export interface SubmissionState {
  id: number;
  sha256: string;
  fileName: string;
  institution: string;
  period: string;
  version: number;
  status: string;
  supersededBy: number | null;
  counts: number[];
  stored: number[];
  digest: string;
}

export interface IngestState {
  schema: number;
  submissions: SubmissionState[];
  orphans: Record<string, number>;
  rejected: Set<string>;
  /** What `pa1325 check` finds wrong (checkDatabase's failing rules, with examples). */
  problems: string[];
}

export function acknowledgedFiles(stdout: string): Map<string, string>;
export function readIngestState(dbFile: string): Promise<IngestState>;
export function checkIngestState(
  state: IngestState,
  expected: { acked: ReadonlyMap<string, string>; shaOf: ReadonlyMap<string, string>; clean: IngestState; inFlight?: number },
): string[];
export function compareIngestStates(state: IngestState, clean: IngestState): string[];

export interface LoadState {
  loads: Array<{ loadId: number; dataset: string; fileName: string; sha256: string; status: string; rowCount: number; issueCount: number; issuesStored: number }>;
  personnel: { rows: number; loadIds: number[]; digest: string | null };
  orphanIssues: number;
  /** What `pa1325 check` finds wrong (checkDatabase's failing rules, with examples). */
  problems: string[];
}

export function writePersonnelCsv(file: string, rows: number, variant: number): string;
export function readLoadState(dbFile: string): Promise<LoadState>;
export function checkLoadState(state: LoadState, expected: { snapshots: ReadonlyMap<string, string | null>; newSha: string; acked: boolean }): string[];

export function readPackState(dir: string): Map<string, string>;
export function countStaged(dir: string): number;
export function checkPackState(
  state: ReadonlyMap<string, string>,
  allowed: ReadonlyMap<string, ReadonlySet<string>>,
  options?: { complete?: boolean },
): { violations: string[]; staged: number };
