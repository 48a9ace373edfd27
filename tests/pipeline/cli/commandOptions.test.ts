import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import * as parsing from "../../../pipeline/src/cli/parseCommandArgs";
import { runMain as run } from "../../helpers/captureEffects";

// An option a command accepts but its --help does not name is one an analyst never finds (and one a later
// change could drop unnoticed). Each command's options are taken from what it hands the argument parser, and
// each must be named in its --help, in Spanish and in English.

const COMMANDS = ["template", "ingest", "status", "load", "report", "check", "backup", "restore", "catalog", "demo"];

/** The options a command hands the argument parser, found by giving it one it does not have (nothing runs). */
async function optionsOf(command: string): Promise<string[]> {
  const spy = jest.spyOn(parsing, "parseCommandArgs");
  try {
    const refused = await run([command, "--no-such-option"]);
    expect(refused.code).toBe(2);
    expect(spy).toHaveBeenCalled();
    return Object.keys(spy.mock.calls[0]![2]);
  } finally {
    spy.mockRestore();
  }
}

describe("every command's --help names every option it accepts", () => {
  it.each(COMMANDS)("%s", async (command) => {
    const options = (await optionsOf(command)).filter((o) => o !== "help");
    for (const lang of ["es", "en"]) {
      const help = await run([command, "--help"], { PA1325_LANG: lang });
      expect(help.code).toBe(0);
      const missing = options.filter((o) => !new RegExp(`--${o}(?![\\w-])`).test(help.stdout));
      expect({ command, lang, missing }).toEqual({ command, lang, missing: [] });
    }
  });
});

describe("the documentation's example commands use only options the commands have", () => {
  const ROOT = path.join(__dirname, "..", "..", "..");
  const docs = ["README.md", "DEVELOPERS.md", "addin/README.md", "sample-workbooks/README.md", ...readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];
  const COMMON = ["lang", "debug", "help"];

  it("in README.md, DEVELOPERS.md and docs/", async () => {
    const options = new Map<string, string[]>();
    for (const c of COMMANDS) options.set(c, [...(await optionsOf(c)), ...COMMON]);
    const wrong: string[] = [];
    let seen = 0;
    for (const doc of docs) {
      const text = readFileSync(path.join(ROOT, doc), "utf8");
      // "pa1325 ingest inbox/ --dry-run …" up to the end of the line, a closing backtick, a table cell or a comment.
      for (const m of text.matchAll(/pa1325 ([a-z]+)((?:[^`|#\n]|#(?! ))*)/g)) {
        const known = options.get(m[1]!);
        if (!known) continue;
        for (const flag of m[2]!.matchAll(/(?<![\w-])--([a-z][a-z-]*)/g)) {
          seen++;
          if (!known.includes(flag[1]!)) wrong.push(`${doc}: pa1325 ${m[1]} --${flag[1]}`);
        }
      }
    }
    expect(seen).toBeGreaterThan(30);
    expect(wrong).toEqual([]);
  });
});
