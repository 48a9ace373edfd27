import { existsSync } from "node:fs";
import path from "node:path";

/**
 * Data files shipped with the tool (pipeline/data/), found from the compiled (dist/…) or source location by
 * walking up to the package root.
 */
export function shippedDataFile(name: string): string {
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, "pipeline", "data", name);
    if (existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error(`shipped data file not found: pipeline/data/${name}`);
}

export function shippedParityTargetsFile(): string {
  return shippedDataFile("un-parity-targets.csv");
}
