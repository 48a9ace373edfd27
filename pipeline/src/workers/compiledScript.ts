import { existsSync } from "node:fs";
import path from "node:path";

/**
 * The compiled script of a worker thread: `name`.js beside the calling module (dist/ at run time), or, when the
 * caller runs from TypeScript sources (jest), the compiled copy in dist/ that `npm run build:cli` produces (`npm
 * test` builds before running jest). `dir` is the caller's __dirname.
 */
export function compiledScript(dir: string, name: string): string {
  const beside = path.join(dir, `${name}.js`);
  if (existsSync(beside)) return beside;
  const root = path.resolve(__dirname, "../../..");
  const compiled = path.join(root, "dist", path.relative(root, dir), `${name}.js`);
  if (existsSync(compiled)) return compiled;
  throw new Error(`The worker script ${name} is not compiled (${compiled} is missing): run \`npm run build:cli\` first.`);
}
