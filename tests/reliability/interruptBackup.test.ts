import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { main } from "../../pipeline/src/cli/main";
import { interruptAt, interruptibleEffects, runMain, whileSpying } from "../helpers/captureEffects";
import { fileSha256 } from "../helpers/fileSha256";
import { databaseDigest } from "./crashHarness";

// `pa1325 backup` stopped by the analyst (Ctrl+C) or a scheduler (SIGTERM). While the database is read, copied and
// compared, no copy is written: the temporary copy is removed, a copy already under that name stays as it was, a
// folder the backup made for itself is removed, and the analyst is told so. Once the copy is being renamed into
// place, the backup finishes and says it is complete.
const ENV = { PA1325_KEY: "interrupt-backup-key-0123456789abcdefghijk", PA1325_LANG: "en" };
const SAMPLES = path.join(__dirname, "..", "..", "sample-workbooks", "submitted");
const STOPPING = "Stopping: the backup will not be written unless it is already being put in place. Press Ctrl+C again to quit at once.";

describe("pa1325 backup stopped with Ctrl+C or SIGTERM", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-interrupt-backup-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const db = path.join(dir, "pa1325.duckdb");
  let contents: string;

  beforeAll(async () => {
    expect((await runMain(["ingest", path.join(SAMPLES, "2025-S2"), "--db", db], ENV)).code).toBe(0);
    contents = await databaseDigest(db);
  });

  it.each(["SIGINT", "SIGTERM"] as const)("on %s while the database is read: writes no copy, removes the folder it made, and says so", async (signal) => {
    const folder = path.join(dir, `stopped-${signal}`);
    const target = path.join(folder, "copies", "backup.duckdb");
    const fx = interruptibleEffects({ env: ENV, at: signal });
    const code = await main(["backup", "--db", db, "--to", target], fx.effects);
    expect(code).toBe(signal === "SIGINT" ? 130 : 143);
    expect(fx.stderr).toEqual([STOPPING, `Interrupted: the backup ${target} was not written; the database is unchanged.`]);
    expect(fx.stdout).toEqual([]);
    // Neither the copy nor the folders the backup made for it.
    expect(existsSync(folder)).toBe(false);
    expect(await databaseDigest(db)).toBe(contents);
  });

  it("on SIGINT while its copy is made: removes the temporary copy and leaves the one it was to replace as it was", async () => {
    const folder = path.join(dir, "stopped-copying");
    mkdirSync(folder);
    const target = path.join(folder, "backup.duckdb");
    writeFileSync(target, "an older backup, to be replaced with --force");
    const before = fileSha256(target);
    const fx = interruptibleEffects({ env: ENV });
    const { spy, picked } = interruptAt(fx.control, "copyFile", (to) => path.dirname(to) === folder);
    const code = await whileSpying(spy, () => main(["backup", "--db", db, "--to", target, "--force"], fx.effects));
    // The copy was made (and then removed): the stop came while copying, and was taken at the step after it.
    expect(picked.calls).toBe(1);
    expect(code).toBe(130);
    expect(fx.stderr).toEqual([STOPPING, `Interrupted: the backup ${target} was not written (the one already there is as it was); the database is unchanged.`]);
    expect(readdirSync(folder)).toEqual(["backup.duckdb"]);
    expect(fileSha256(target)).toBe(before);
    expect(await databaseDigest(db)).toBe(contents);
  });

  it("finishes when the interruption comes as the copy is renamed into place, and says the backup is complete", async () => {
    const folder = path.join(dir, "renaming");
    mkdirSync(folder);
    const target = path.join(folder, "backup.duckdb");
    const fx = interruptibleEffects({ env: ENV });
    const { spy } = interruptAt(fx.control, "rename", (to) => to === target);
    const code = await whileSpying(spy, () => main(["backup", "--db", db, "--to", target], fx.effects));
    expect(code).toBe(0);
    expect(fx.stderr).toEqual([STOPPING, "The backup was already being put in place when the interruption came: it is complete."]);
    expect(fx.stdout[0]).toMatch(/^Backup written: .*backup\.duckdb \(.* MB, schema \d+, \d+ submission\(s\)\); read back and equal to the database/);
    expect(readdirSync(folder)).toEqual(["backup.duckdb"]);
    expect(await databaseDigest(target)).toBe(contents);
  });
});
