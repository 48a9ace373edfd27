import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const GOLDEN_DIR = path.join(__dirname, "..", "golden");

/**
 * Compares `actual` with tests/golden/<name>. On a mismatch it writes <name>.changed beside the golden file (so
 * the difference can be reviewed and, if right, copied over) and fails. A missing golden file fails under
 * CI=true; elsewhere it is written for review.
 */
export function expectGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN_DIR, name);
  const changed = `${file}.changed`;
  if (!existsSync(file)) {
    if (process.env.CI === "true") throw new Error(`golden file missing: tests/golden/${name} (run the tests locally, review and commit it)`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  const expected = readFileSync(file, "utf8");
  if (expected === actual) {
    rmSync(changed, { force: true });
    return;
  }
  writeFileSync(changed, actual);
  const a = expected.split("\n");
  const b = actual.split("\n");
  const first = a.findIndex((line, i) => line !== b[i]);
  throw new Error(
    `output differs from tests/golden/${name} (written to ${path.relative(process.cwd(), changed)}); first difference at line ${first + 1}:\n  golden: ${a[first] ?? "(end)"}\n  actual: ${b[first] ?? "(end)"}`,
  );
}
