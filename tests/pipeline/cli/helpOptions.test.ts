import * as parsing from "../../../pipeline/src/cli/parseCommandArgs";
import { runMain as run } from "../../helpers/captureEffects";

// An option a command accepts but its --help does not name is one an analyst never finds (and one a later
// change could drop unnoticed). Each command's options are taken from what it hands the argument parser, and
// each must be named in its --help, in Spanish and in English.

const COMMANDS = ["template", "ingest", "status", "load", "report", "check", "backup", "restore", "catalog", "demo"];

describe("every command's --help names every option it accepts", () => {
  afterEach(() => jest.restoreAllMocks());

  it.each(COMMANDS)("%s", async (command) => {
    const spy = jest.spyOn(parsing, "parseCommandArgs");
    // An unknown option: the command hands its options to the parser, which refuses it (nothing runs).
    const refused = await run([command, "--no-such-option"]);
    expect(refused.code).toBe(2);
    expect(spy).toHaveBeenCalled();
    const options = Object.keys(spy.mock.calls[0]![2]).filter((o) => o !== "help");
    for (const lang of ["es", "en"]) {
      const help = await run([command, "--help"], { PA1325_LANG: lang });
      expect(help.code).toBe(0);
      const missing = options.filter((o) => !new RegExp(`--${o}(?![\\w-])`).test(help.stdout));
      expect({ command, lang, missing }).toEqual({ command, lang, missing: [] });
    }
  });
});
