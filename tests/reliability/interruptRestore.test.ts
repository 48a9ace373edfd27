import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { main } from "../../pipeline/src/cli/main";
import { interruptAt, interruptibleEffects, runMain, whileSpying } from "../helpers/captureEffects";
import { fileSha256 } from "../helpers/fileSha256";

// `pa1325 restore` stopped by the analyst (Ctrl+C) or a scheduler (SIGTERM). While the backup is read, copied and
// compared, nothing is restored: its copy is removed, the database stays byte for byte, and the analyst is told so.
// Once the copy is being put in the database's place, the restore finishes and says it is complete.
const ENV = { PA1325_KEY: "interrupt-restore-key-0123456789abcdefghij", PA1325_LANG: "en" };
const SAMPLES = path.join(__dirname, "..", "..", "sample-workbooks", "submitted");

describe("pa1325 restore stopped with Ctrl+C or SIGTERM", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-interrupt-restore-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const backup = path.join(dir, "backup.duckdb");
  const later = path.join(dir, "later.duckdb");

  beforeAll(async () => {
    // A backup of 2025-S2, and a database that has more since.
    expect((await runMain(["ingest", path.join(SAMPLES, "2025-S2"), "--db", later], ENV)).code).toBe(0);
    expect((await runMain(["backup", "--db", later, "--to", backup], ENV)).code).toBe(0);
    expect((await runMain(["ingest", path.join(SAMPLES, "2026-S1", "pa1325-EP-2026-S1.xlsx"), "--db", later], ENV)).code).toBe(0);
  });

  /** A folder holding only a copy of the later database. */
  function folderWithDatabase(name: string): string {
    const folder = path.join(dir, name);
    mkdirSync(folder);
    copyFileSync(later, path.join(folder, "pa1325.duckdb"));
    return path.join(folder, "pa1325.duckdb");
  }

  it.each(["SIGINT", "SIGTERM"] as const)("on %s while the backup is read: restores nothing and says so", async (signal) => {
    const db = folderWithDatabase(`stopped-${signal}`);
    const before = fileSha256(db);
    const fx = interruptibleEffects({ env: ENV, at: signal });
    const code = await main(["restore", "--from", backup, "--db", db], fx.effects);
    expect(code).toBe(signal === "SIGINT" ? 130 : 143);
    expect(fx.stderr).toEqual([
      "Stopping: nothing will be restored unless the copy is already being put in the database's place. Press Ctrl+C again to quit at once.",
      `Interrupted: nothing was restored; ${db} is as it was.`,
    ]);
    expect(fx.stdout).toEqual([]);
    // The database byte for byte, and nothing beside it: no copy, no database kept aside.
    expect(fileSha256(db)).toBe(before);
    expect(readdirSync(path.dirname(db))).toEqual(["pa1325.duckdb"]);
  });

  it("on SIGINT while its copy is made beside the database: removes the copy and restores nothing", async () => {
    const db = folderWithDatabase("stopped-copying");
    const before = fileSha256(db);
    const fx = interruptibleEffects({ env: ENV });
    const { spy, picked } = interruptAt(fx.control, "copyFile", (to) => path.dirname(to) === path.dirname(db));
    const code = await whileSpying(spy, () => main(["restore", "--from", backup, "--db", db], fx.effects));
    // The copy was made (and then removed): the stop came after reading, at the step after copying.
    expect(picked.calls).toBe(1);
    expect(code).toBe(130);
    expect(fx.stderr[1]).toBe(`Interrupted: nothing was restored; ${db} is as it was.`);
    expect(fileSha256(db)).toBe(before);
    expect(readdirSync(path.dirname(db))).toEqual(["pa1325.duckdb"]);
  });

  it("finishes when the interruption comes as the copy takes the database's place, and says the restore is complete", async () => {
    const db = folderWithDatabase("renaming");
    const fx = interruptibleEffects({ env: ENV });
    const { spy } = interruptAt(fx.control, "rename", (to) => to === db);
    const code = await whileSpying(spy, () => main(["restore", "--from", backup, "--db", db], fx.effects));
    expect(code).toBe(0);
    expect(fx.stderr).toEqual([
      "Stopping: nothing will be restored unless the copy is already being put in the database's place. Press Ctrl+C again to quit at once.",
      "The copy was already being put in the database's place when the interruption came: the restore is complete.",
    ]);
    expect(fx.stdout[0]).toMatch(/^Restored .*pa1325\.duckdb from .*backup\.duckdb \(schema \d+, 8 submission\(s\)\); read back and equal to the backup/);
    expect(readdirSync(path.dirname(db)).sort()).toEqual(["pa1325.duckdb", "pa1325.duckdb.replaced-20260715-120000"]);
  });
});
