import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

/** A file's SHA-256 in hex: "byte for byte unchanged" in the tests' terms. */
export function fileSha256(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}
