import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runMain as run } from "../../helpers/captureEffects";

// Options every command shares, and options a command does not have: a mistake is said, never ignored.

describe("the CLI's options", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-cli-options-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("refuses a language it does not have instead of writing a template in another one", async () => {
    const out = path.join(dir, "EP.xlsx");
    const r = await run(["template", "--institution", "EP", "--period", "2026-S1", "--lang", "fr", "--out", out]);
    expect(r).toEqual({ code: 2, stdout: "", stderr: 'Error: --lang must be es (Spanish) or en (English); got "fr".' });
    expect(existsSync(out)).toBe(false);
    expect((await run(["catalog", "--lang"], { PA1325_LANG: "es" })).stderr).toBe("Error: --lang debe ser es (español) o en (inglés); se recibió «».");
  });

  it("catalog: an unknown option is an error, --help says what it does", async () => {
    expect(await run(["catalog", "--institution", "EP"])).toMatchObject({ code: 2, stderr: expect.stringContaining(`invalid options for "pa1325 catalog": Unknown option '--institution'`) });
    const help = await run(["catalog", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: pa1325 catalog \[--lang es\|en\]\n\nShows the current indicator catalog/);
    expect((await run(["catalog"])).stdout).toMatch(/^Defence Sector Action Plan/);
  });

  it("report: a missing --period is named as missing, a wrong one is quoted", async () => {
    const out = path.join(dir, "pack");
    expect(await run(["report", "--out", out])).toEqual({
      code: 2,
      stdout: "",
      stderr: 'Error: --period is missing (the semester of the pack, e.g. --period 2026-S1). See "pa1325 report --help".',
    });
    expect((await run(["report", "--out", out, "--period", "2026-1"])).stderr).toBe('Error: --period must be a semester such as 2026-S1; got "2026-1". See "pa1325 report --help".');
    expect(existsSync(out)).toBe(false);
  });
});
