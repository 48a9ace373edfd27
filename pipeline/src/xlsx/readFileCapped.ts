import { open } from "node:fs/promises";
import { readFileBytes } from "../files/readFileBytes";
import { WorkbookRejected } from "./WorkbookRejected";
import { megabytes } from "./ZipPackage";

/** Reads a whole file, refusing it before reading when it is larger than `max` (and if it grows meanwhile). */
export async function readFileCapped(path: string, max: number): Promise<Buffer> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    if (size > max) throw new WorkbookRejected("FILE_TOO_LARGE", { params: { limit: megabytes(max) }, detail: `${size} bytes` });
    const buf = Buffer.allocUnsafe(size + 1);
    let filled = 0;
    while (filled < buf.length) {
      const { bytesRead } = await handle.read(buf, filled, buf.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > size) throw new WorkbookRejected("FILE_TOO_LARGE", { params: { limit: megabytes(max) }, detail: "the file grew while being read" });
    return buf.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

/**
 * The same, blocking: for the reader's worker threads, where blocking costs nothing and the four round trips of
 * the asynchronous version (open, stat, read, close) left the thread idle between files. The read is
 * readFileBytes's, the one ingestion uses (a file that grows while being read is read whole, within the cap).
 */
export function readFileCappedSync(path: string, max: number): Buffer {
  const read = readFileBytes(path, max);
  if ("tooLarge" in read) throw new WorkbookRejected("FILE_TOO_LARGE", { params: { limit: megabytes(max) }, detail: `${read.tooLarge} bytes` });
  return Buffer.from(read.bytes.buffer, read.bytes.byteOffset, read.bytes.byteLength);
}
