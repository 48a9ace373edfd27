import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runMain } from "../../helpers/captureEffects";

// A workbook whose name is not UTF-8 — a Windows .zip unpacked on Linux, a share with another character set, for
// names with "é" or "ñ" — cannot be opened by the name Node lists it under. It is refused with that reason and
// what to do (rename it), not as a file "moved or deleted during the run"; the other files are loaded.
describe("file and folder names that are not UTF-8", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-names-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const SAMPLES = path.join(__dirname, "..", "..", "..", "sample-workbooks", "submitted", "2025-S2");
  /** A path under `dir` with "é" written as Latin-1 (the byte 0xE9), as a Buffer: the only way to name it. */
  const latin1 = (...parts: string[]) => Buffer.concat([Buffer.from(`${dir}/`), Buffer.from(parts.join("/"), "latin1")]);

  it("are refused with the reason and what to do, in the analyst's language, and the rest is loaded", async () => {
    const inbox = path.join(dir, "inbox");
    mkdirSync(inbox);
    copyFileSync(path.join(SAMPLES, "pa1325-EP-2025-S2.xlsx"), path.join(inbox, "pa1325-EP-2025-S2.xlsx"));
    copyFileSync(path.join(SAMPLES, "pa1325-MGP-2025-S2.xlsx"), latin1("inbox", "informé-MGP.xlsx"));
    mkdirSync(latin1("inbox", "envíos"));
    copyFileSync(path.join(SAMPLES, "pa1325-FAP-2025-S2.xlsx"), latin1("inbox", "envíos", "FAP.xlsx"));

    const r = await runMain(["ingest", inbox, "--db", path.join(dir, "names.duckdb")], { PA1325_KEY: "file-names-test-key-0123456789abcdefgh", PA1325_LANG: "en" });
    expect(r.code).toBe(1);
    const lines = r.stdout.split("\n");
    expect(lines).toContain(
      "REFUSED      inform\uFFFD-MGP.xlsx: The file could not be read: its name is not in UTF-8 (this happens when it is copied from a Windows .zip or an older system) and it cannot be opened by that name; rename it, for example without accents or ñ. Check that it is still in the folder and can be opened, and load it again.",
    );
    expect(lines.some((l) => l.startsWith("accepted     pa1325-EP-2025-S2.xlsx"))).toBe(true);
    expect(r.stdout).toContain(`${path.join(inbox, "env\uFFFDos")}: its name is not in UTF-8`);
  });

  it("given to load on the command line (Node decodes such bytes in argv as U+FFFD), says so and what to do", async () => {
    const file = Buffer.concat([Buffer.from(`${dir}/personal-se`), Buffer.from([0xf1]), Buffer.from("or.csv")]);
    writeFileSync(file, "service_number,institution,sex\n");
    const asNodeSeesIt = file.toString("utf8");
    const r = await runMain(["load", "personnel", asNodeSeesIt, "--db", path.join(dir, "load.duckdb")], { PA1325_KEY: "file-names-test-key-0123456789abcdefgh", PA1325_LANG: "en" });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `Error: the file ${asNodeSeesIt}: its name is not in UTF-8 (this happens when it is copied from a Windows .zip or an older system) and it cannot be opened by that name; rename it, for example without accents or ñ.`,
    );
  });
});
