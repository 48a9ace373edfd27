import zlib from "node:zlib";
import yauzl from "yauzl";
import { checkEntryName } from "./checkPartNames";
import { WorkbookRejected, type XlsxRejectionCode } from "./WorkbookRejected";
import type { XlsxLimits } from "./XlsxLimits";

/** Inflated bytes handed on at a time from a large part: what bounds the reader's memory per part. */
export const CHUNK_BYTES = 64 * 1024;
/**
 * Parts that declare at most this many bytes are inflated in one synchronous call whose output zlib itself caps
 * at the declared size plus one byte (so a lying header is caught while inflating, and memory stays under this
 * bound); larger parts are streamed in CHUNK_BYTES. A template's largest part is about 140 KB: the synchronous
 * path avoids a thread-pool round trip per part, which cost more than the parsing.
 */
export const SMALL_PART_BYTES = 1024 * 1024;

export interface PackageEntry {
  /** The name as stored (for messages). */
  name: string;
  entry: yauzl.Entry;
}

/**
 * The zip container of a workbook, through yauzl's central directory (random access: the order of entries in
 * the file does not matter). Each entry is inflated once, in chunks, by Node's zlib; the inflated bytes are
 * counted as they come out, against the limits and against the size the central directory declares, and
 * checked against the declared CRC-32.
 */
export class ZipPackage {
  /** Entries by lower-case name (OPC part names are case-insensitive). */
  readonly entries = new Map<string, PackageEntry>();
  inflatedBytes = 0;

  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly buffer: Buffer,
    private readonly limits: XlsxLimits,
    private readonly deadline: number,
  ) {}

  static async open(buffer: Buffer, limits: XlsxLimits, deadline: number): Promise<ZipPackage> {
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
      yauzl.fromBuffer(buffer, { lazyEntries: true, decodeStrings: false, validateEntrySizes: false, autoClose: false }, (err, z) => {
        if (err) reject(zipError(/end of central directory record signature not found/i.test(err.message) ? "ZIP_TRUNCATED" : "ZIP_CORRUPT", err));
        else resolve(z);
      });
    });
    if (zip.entryCount > limits.maxEntries) throw new WorkbookRejected("TOO_MANY_ENTRIES", { params: { limit: limits.maxEntries }, detail: `${zip.entryCount} entries` });
    const pkg = new ZipPackage(zip, buffer, limits, deadline);
    await pkg.readDirectory();
    pkg.checkOverlaps();
    return pkg;
  }

  private readDirectory(): Promise<void> {
    let declaredTotal = 0;
    return new Promise<void>((resolve, reject) => {
      const zip = this.zip;
      zip.on("entry", (entry: yauzl.Entry) => {
        try {
          const name = checkEntryName(entry.fileNameRaw, (entry.generalPurposeBitFlag & 0x800) !== 0);
          const key = name.toLowerCase();
          if (this.entries.has(key)) throw new WorkbookRejected("DUPLICATE_ENTRY", { part: name });
          if (entry.isEncrypted()) throw new WorkbookRejected("ZIP_ENCRYPTED", { part: name });
          if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
            throw new WorkbookRejected("UNSUPPORTED_COMPRESSION", { part: name, detail: `method ${entry.compressionMethod}` });
          }
          // A header that admits to too much is refused at once; one that understates is caught while inflating.
          if (entry.uncompressedSize > this.limits.maxEntryInflatedBytes) {
            throw new WorkbookRejected("ENTRY_TOO_LARGE", { part: name, params: { limit: megabytes(this.limits.maxEntryInflatedBytes) }, detail: `declares ${entry.uncompressedSize}` });
          }
          declaredTotal += entry.uncompressedSize;
          if (declaredTotal > this.limits.maxTotalInflatedBytes) {
            throw new WorkbookRejected("TOTAL_TOO_LARGE", { part: name, params: { limit: megabytes(this.limits.maxTotalInflatedBytes) }, detail: `declares ${declaredTotal} in all` });
          }
          if (entry.compressionMethod === 0 && entry.compressedSize !== entry.uncompressedSize) {
            throw new WorkbookRejected("SIZE_MISMATCH", { part: name, detail: `stored ${entry.compressedSize} != ${entry.uncompressedSize}` });
          }
          this.entries.set(key, { name, entry });
          zip.readEntry();
        } catch (e) {
          reject(e);
        }
      });
      zip.on("end", () => resolve());
      zip.on("error", (err: Error) => reject(zipError("ZIP_CORRUPT", err)));
      zip.readEntry();
    });
  }

  /** Entries whose data overlap (several names for the same bytes: a classic zip bomb) are refused. */
  private checkOverlaps(): void {
    const spans = [...this.entries.values()].map((e) => e.entry).sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
    for (let i = 1; i < spans.length; i++) {
      const prev = spans[i - 1]!;
      if (prev.relativeOffsetOfLocalHeader + 30 + prev.compressedSize > spans[i]!.relativeOffsetOfLocalHeader) {
        throw new WorkbookRejected("ZIP_CORRUPT", { detail: `entries overlap at offset ${spans[i]!.relativeOffsetOfLocalHeader}` });
      }
    }
  }

  get(name: string): PackageEntry | undefined {
    return this.entries.get(name.toLowerCase());
  }

  /** Inflates one entry, handing each chunk to `sink` as it comes out. `sink` may throw to stop. */
  async readPart(part: PackageEntry, sink: (chunk: Buffer) => void): Promise<void> {
    const { entry, name } = part;
    const start = this.dataStart(entry, name);
    const raw = this.buffer.subarray(start, start + entry.compressedSize);
    const counter = { bytes: 0, crc: 0 };
    const take = (chunk: Buffer) => {
      this.count(part, counter, chunk.length);
      counter.crc = zlib.crc32(chunk, counter.crc);
      sink(chunk);
    };
    if (entry.compressionMethod === 0) {
      for (let at = 0; at < raw.length; at += CHUNK_BYTES) take(raw.subarray(at, at + CHUNK_BYTES));
    } else if (entry.uncompressedSize <= SMALL_PART_BYTES) take(inflateSmall(raw, name, entry.uncompressedSize));
    else await inflateInChunks(raw, name, take);
    if (counter.bytes !== entry.uncompressedSize) {
      throw new WorkbookRejected("SIZE_MISMATCH", { part: name, detail: `inflated ${counter.bytes}, declared ${entry.uncompressedSize}` });
    }
    if (counter.crc !== entry.crc32) throw new WorkbookRejected("ZIP_CORRUPT", { part: name, detail: "CRC-32 mismatch" });
  }

  /**
   * Where an entry's data starts, from its local header: the checks of yauzl's readLocalFileHeader (signature,
   * bounds), done at once on the buffer instead of through an asynchronous read per part.
   */
  private dataStart(entry: yauzl.Entry, name: string): number {
    const at = entry.relativeOffsetOfLocalHeader;
    const buf = this.buffer;
    if (at + 30 > buf.length) throw new WorkbookRejected("ZIP_CORRUPT", { part: name, detail: "unexpected EOF" });
    const signature = buf.readUInt32LE(at);
    if (signature !== 0x04034b50) throw new WorkbookRejected("ZIP_CORRUPT", { part: name, detail: `invalid local file header signature: 0x${signature.toString(16)}` });
    const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
    if (start + entry.compressedSize > buf.length) {
      throw new WorkbookRejected("ZIP_CORRUPT", { part: name, detail: `file data overflows file bounds: ${start} + ${entry.compressedSize} > ${buf.length}` });
    }
    return start;
  }

  private count(part: PackageEntry, counter: { bytes: number }, n: number): void {
    counter.bytes += n;
    this.inflatedBytes += n;
    if (counter.bytes > this.limits.maxEntryInflatedBytes) {
      throw new WorkbookRejected("ENTRY_TOO_LARGE", { part: part.name, params: { limit: megabytes(this.limits.maxEntryInflatedBytes) }, detail: "counted while inflating" });
    }
    if (this.inflatedBytes > this.limits.maxTotalInflatedBytes) {
      throw new WorkbookRejected("TOTAL_TOO_LARGE", { part: part.name, params: { limit: megabytes(this.limits.maxTotalInflatedBytes) }, detail: "counted while inflating" });
    }
    if (counter.bytes > part.entry.uncompressedSize) {
      throw new WorkbookRejected("SIZE_MISMATCH", { part: part.name, detail: `inflates past the declared ${part.entry.uncompressedSize} bytes` });
    }
    if (Date.now() > this.deadline) throw new WorkbookRejected("TIMEOUT", { part: part.name, params: { limit: this.limits.timeoutMs } });
  }

  close(): void {
    this.zip.close();
  }
}

/** Inflates a small part at once; zlib stops as soon as the output passes the declared size. */
function inflateSmall(raw: Buffer, part: string, declared: number): Buffer {
  try {
    // One output buffer of the declared size plus one byte (zlib's minimum is 64): nothing to join afterwards.
    return zlib.inflateRawSync(raw, { maxOutputLength: declared + 1, chunkSize: Math.max(64, declared + 1) });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === "ERR_BUFFER_TOO_LARGE") throw new WorkbookRejected("SIZE_MISMATCH", { part, detail: `inflates past the declared ${declared} bytes` });
    if (typeof err.code === "string" && err.code.startsWith("Z_")) throw new WorkbookRejected("ZIP_CORRUPT", { part, detail: err.message });
    throw e;
  }
}

/** Streams `raw` through zlib's raw inflater; stops (and destroys it) as soon as `take` throws. */
function inflateInChunks(raw: Buffer, part: string, take: (chunk: Buffer) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const inflater = zlib.createInflateRaw({ chunkSize: CHUNK_BYTES });
    let failed = false;
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      inflater.destroy();
      reject(e);
    };
    inflater.on("data", (chunk: Buffer) => {
      if (failed) return;
      try {
        take(chunk);
      } catch (e) {
        fail(e);
      }
    });
    inflater.on("error", (err: NodeJS.ErrnoException) => {
      // zlib's own errors (Z_DATA_ERROR, Z_BUF_ERROR, …) mean damaged data; anything else is passed on as is.
      fail(typeof err.code === "string" && err.code.startsWith("Z_") ? new WorkbookRejected("ZIP_CORRUPT", { part, detail: err.message }) : err);
    });
    inflater.on("end", () => {
      if (!failed) resolve();
    });
    inflater.end(raw);
  });
}

function zipError(code: XlsxRejectionCode, err: Error, part?: string): WorkbookRejected {
  return new WorkbookRejected(code, part === undefined ? { detail: err.message } : { part, detail: err.message });
}

export function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}
