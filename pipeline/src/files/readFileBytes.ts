import { closeSync, fstatSync, openSync, readSync } from "node:fs";

export type FileBytes = { bytes: Uint8Array; mtime: Date } | { tooLarge: number; mtime: Date };

/** One byte past the size a file had: is there more? (Reads are synchronous, so one buffer serves them all.) */
const probe = Buffer.alloc(1);

/**
 * Where `reuse` reads go, for files up to its size: most files read ahead by ingestion are only hashed (their bytes
 * are stored already, as when a folder is ingested again with a few new files) and dropped at once, and a fresh
 * buffer each left the collector megabytes of garbage outside the heap (9,000 files already stored: 169 → 145 MB).
 */
const scratch = Buffer.allocUnsafeSlow(1_048_576);

/** `bytes` in an ArrayBuffer of their own and of their exact length (copied only if they are `reuse`'s scratch). */
export function keepBytes(bytes: Uint8Array): Uint8Array {
  if (bytes.buffer !== scratch.buffer) return bytes;
  const own = Buffer.allocUnsafeSlow(bytes.byteLength);
  own.set(bytes);
  return own;
}

/**
 * Reads a whole file, blocking, within a size cap: ingestion reads each file once, for its hash and its cells alike,
 * and the reader's worker threads read those no caller read. A file larger than `max` is not read (its size is
 * returned); one that grows past `max` while being read is refused the same way. The bytes sit in an ArrayBuffer
 * of their own and of their exact length, so that they can be transferred to a reader worker without a copy.
 * Blocking: a template is read in well under a millisecond, and the four asynchronous round trips (open, stat,
 * read, close) cost the calling thread more than the read itself. `reuse`: a small file's bytes may be a view of a
 * buffer that the next call overwrites — for a caller that may only hash them: `keepBytes` before keeping them.
 */
export function readFileBytes(file: string, max: number, options: { reuse?: boolean } = {}): FileBytes {
  const fd = openSync(file, "r");
  try {
    const { size, mtime } = fstatSync(fd);
    if (size > max) return { tooLarge: size, mtime };
    const bytes = options.reuse && size <= scratch.byteLength ? scratch.subarray(0, size) : Buffer.allocUnsafeSlow(size);
    let filled = 0;
    while (filled < size) {
      const read = readSync(fd, bytes, filled, size - filled, filled);
      if (read === 0) {
        // Shrank since its size was read: what is there, in a buffer of its exact length.
        const shrunk = Buffer.allocUnsafeSlow(filled);
        bytes.copy(shrunk, 0, 0, filled);
        return { bytes: shrunk, mtime };
      }
      filled += read;
    }
    if (readSync(fd, probe, 0, 1, size) === 0) return { bytes, mtime };
    // Grew since its size was read: the rest too, still within the cap.
    const rest = [Buffer.from(probe)];
    let total = size + 1;
    for (;;) {
      if (total > max) return { tooLarge: total, mtime };
      const chunk = Buffer.allocUnsafe(65_536);
      const read = readSync(fd, chunk, 0, chunk.length, total);
      if (read === 0) break;
      rest.push(chunk.subarray(0, read));
      total += read;
    }
    const all = Buffer.allocUnsafeSlow(total);
    bytes.copy(all, 0);
    let at = size;
    for (const chunk of rest) at += chunk.copy(all, at);
    return { bytes: all, mtime };
  } finally {
    closeSync(fd);
  }
}
