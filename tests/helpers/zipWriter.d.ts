/** One entry for buildZip; every header field the reader checks can be set to a lie. */
export interface ZipEntrySpec {
  name: string;
  data: Buffer | string;
  /** 8 deflate (default), 0 stored, anything else to test refusal. */
  method?: number;
  /** Use these bytes as the entry's compressed data instead of compressing `data`. */
  compressed?: Buffer;
  /** Uncompressed size written in both headers (default: the real size). */
  declaredSize?: number;
  declaredCompressedSize?: number;
  crc?: number;
  /** General-purpose flags (default 0x800, UTF-8 names); 0x1 marks the entry encrypted. */
  flags?: number;
  /** Local header offset written in the central directory (default: the real one). */
  offset?: number;
}

/** A zip with exactly these entries and header fields. */
export function buildZip(entries: readonly ZipEntrySpec[], options?: { eocdEntryCount?: number }): Buffer;

/** The entries of a zip we made or trust (tests only: no checks), in central-directory order. */
export function readZipEntries(buf: Buffer): Array<{ name: string; data: Buffer }>;

/** A raw deflate stream that inflates to `bytes` zeros (rounded up to MiB) while about a thousand times smaller. */
export function zeroBomb(bytes: number): Buffer;
