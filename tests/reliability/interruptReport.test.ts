import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { main } from "../../pipeline/src/cli/main";
import { interruptAt, interruptibleEffects, whileSpying } from "../helpers/captureEffects";
import { countStaged, readPackState, ROOT, runCli } from "./crashHarness";

// `pa1325 report` stopped by the analyst (Ctrl+C, SIGINT) or a scheduler (SIGTERM) while it writes a pack over an
// earlier one: the new pack is left unwritten, its temporary files removed, and the earlier pack stays exactly as
// it was — never a mix of the two, which a kill during the renames could leave (tests/reliability/crashReport).
const ENV = { PA1325_KEY: "interrupt-report-key-0123456789abcdefghij" };
const EARLIER = "2026-08-15T09:00:00Z";
const NOW = "2026-09-01T12:00:00Z";

describe("pa1325 report stopped with Ctrl+C or SIGTERM", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-interrupt-report-"));
  const db = path.join(dir, "pa1325.duckdb");
  const report = (out: string, clock: string) => runCli(["report", "--period", "2026-S1", "--out", out, "--db", db], { env: { ...ENV, PA1325_LANG: "en" }, clock });
  let earlier: Map<string, string>;

  beforeAll(async () => {
    expect((await runCli(["ingest", path.join(ROOT, "sample-workbooks", "submitted"), "--db", db], { env: ENV })).code).toBe(1);
    expect((await report(path.join(dir, "earlier"), EARLIER)).code).toBe(0);
    earlier = readPackState(path.join(dir, "earlier"));
    expect(earlier.size).toBe(29);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(["SIGINT", "SIGTERM"] as const)("on %s while the new pack is staged: writes nothing, removes its temporary files, keeps the earlier pack", async (signal) => {
    const over = path.join(dir, `over-${signal}`);
    cpSync(path.join(dir, "earlier"), over, { recursive: true });
    const run = await runCli(["report", "--period", "2026-S1", "--out", over, "--db", db], {
      env: { ...ENV, PA1325_LANG: "en" },
      clock: NOW,
      signal,
      killWhen: () => countStaged(over) >= 3,
    });
    expect(run.signalled).toBe(true);
    expect(run.signal).toBeNull(); // it ended by itself, not by the signal
    expect(run.code).toBe(signal === "SIGINT" ? 130 : 143);
    expect(run.stderr).toContain("Stopping: the pack will not be written");
    expect(run.stderr).toContain(`Interrupted: the Committee pack 2026-S1 was not written; ${over} is as it was.`);
    expect(run.stdout).toBe("");
    expect(countStaged(over)).toBe(0);
    expect(readPackState(over)).toEqual(earlier);
  });

  it("finishes the renames when the interruption comes during them, and says the pack is whole", async () => {
    const over = path.join(dir, "over-renaming");
    cpSync(path.join(dir, "earlier"), over, { recursive: true });
    const fx = interruptibleEffects({ env: { ...ENV, PA1325_LANG: "en" }, now: new Date(NOW) });
    // Ctrl+C at the first rename that puts a file of the new pack in place.
    const { spy } = interruptAt(fx.control, "rename", (to) => to.startsWith(over) && fx.control.listening);
    expect(await whileSpying(spy, () => main(["report", "--period", "2026-S1", "--out", over, "--db", db], fx.effects))).toBe(0);
    expect(fx.stderr.join("\n")).toContain("The pack was already being put in place when the interruption came: it is complete.");
    expect(countStaged(over)).toBe(0);
    // Exactly the pack a run without interruption writes.
    expect((await report(path.join(dir, "clean"), NOW)).code).toBe(0);
    expect(readPackState(over)).toEqual(readPackState(path.join(dir, "clean")));
  });

  it("runs to the end afterwards, and the earlier pack is replaced whole", async () => {
    const over = path.join(dir, "over-SIGINT");
    const run = await report(over, NOW);
    expect(run.code).toBe(0);
    const after = readPackState(over);
    expect([...after.keys()]).toEqual([...earlier.keys()]);
    expect([...after].filter(([f, h]) => earlier.get(f) !== h).length).toBeGreaterThan(10);
  });
});
