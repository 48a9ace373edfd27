import { createHash } from "node:crypto";
import { createReadStream, promises as fs } from "node:fs";
import { readEarlierDatabase } from "../db/readEarlierDatabase";
import { readArrivalTimes } from "../db/submissionStore";

/*
 * Replaying an archive of received workbooks into a new database — after the pseudonymisation key leaked (a new
 * key, a new database), or a database was lost without a backup but an older copy of it survives — must give the
 * same record: each resubmission replacing the version it replaced then, and each file dated when it was received,
 * not when it was replayed (the Committee's "late" is judged from that date). An earlier database knows both: when
 * it first recorded each file's bytes. Files it never saw come after, dated by the run as usual.
 */

/** What an earlier database says of the files of a run: their order, and when the ones it knew were received. */
export interface ArrivalOrder {
  /** The run's files: those the earlier database knew, by when it first received them, then the others in path order. */
  files: string[];
  /** When each known file was first received (ms since the epoch), by its bytes' SHA-256. */
  receivedAt: ReadonlyMap<string, number>;
  /** How many of the run's files the earlier database knew. */
  known: number;
}

/** Reads when each file was received from `earlier` (opened read-only, never changed) and orders `files` by it. */
export async function arrivalOrder(files: readonly string[], earlier: string, maxFileBytes: number): Promise<ArrivalOrder> {
  const times = await readEarlierDatabase(earlier, readArrivalTimes);
  const known: Array<{ file: string; at: number }> = [];
  const unknown: string[] = [];
  const receivedAt = new Map<string, number>();
  for (const file of files) {
    const sha256 = await hashOf(file, maxFileBytes);
    const at = sha256 === undefined ? undefined : times.get(sha256);
    if (at === undefined) {
      unknown.push(file);
      continue;
    }
    known.push({ file, at });
    receivedAt.set(sha256!, at);
  }
  // Stable: the same bytes received at the same moment keep their path order.
  known.sort((a, b) => a.at - b.at);
  return { files: [...known.map((k) => k.file), ...unknown], receivedAt, known: known.length };
}

/**
 * The SHA-256 of a file's bytes, streamed (an archive of thousands is never held); undefined when it cannot be read
 * or is larger than the run reads at all: the run itself then refuses it with the reason.
 */
async function hashOf(file: string, maxFileBytes: number): Promise<string | undefined> {
  try {
    if ((await fs.stat(file)).size > maxFileBytes) return undefined;
    const hash = createHash("sha256");
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
    return hash.digest("hex");
  } catch {
    return undefined;
  }
}
