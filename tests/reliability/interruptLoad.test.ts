import path from "node:path";
import { main } from "../../pipeline/src/cli/main";
import * as masterDataStore from "../../pipeline/src/db/masterDataStore";
import { loadMasterData } from "../../pipeline/src/masterdata/loadMasterData";
import { interruptibleEffects, whileSpying } from "../helpers/captureEffects";
import { ENV, NOW, runLoad, tempDir, writeCsv } from "../pipeline/masterdata/masterFixtures";
import { fileSha256 } from "../helpers/fileSha256";

// `pa1325 load` stopped by the analyst (Ctrl+C) or a scheduler (SIGTERM). While the file is read and checked,
// nothing is stored, the analyst is told so, and the exit code is the signal's; once the rows are being stored
// (one transaction), the load finishes and says it is complete: what is stored is always a whole load or none.
const HEADER = "service_number,institution,sex,rank,category,status";

describe("pa1325 load stopped with Ctrl+C or SIGTERM", () => {
  const dir = tempDir();
  const db = path.join(dir, "m.duckdb");
  const first = writeCsv(dir, "first.csv", [HEADER, "40123456,EP,F,CAP,OFICIALES,active"]);
  const second = writeCsv(dir, "second.csv", [HEADER, ...Array.from({ length: 500 }, (_, i) => `${40200000 + i},EP,${i % 2 ? "F" : "M"},CAP,OFICIALES,active`)]);

  beforeAll(async () => {
    expect((await runLoad(["personnel", first, "--db", db], { text: true })).code).toBe(0);
  });

  it.each(["SIGINT", "SIGTERM"] as const)("on %s while the file is checked: stores nothing, says so, and exits with the signal's code", async (signal) => {
    const before = fileSha256(db);
    const fx = interruptibleEffects({ env: ENV, now: NOW, at: signal });
    const store = jest.spyOn(masterDataStore, "replaceMasterData");
    const code = await whileSpying(store, async () => {
      const code = await main(["load", "personnel", second, "--db", db], fx.effects);
      expect(store).not.toHaveBeenCalled();
      return code;
    });
    expect(code).toBe(signal === "SIGINT" ? 130 : 143);
    expect(fx.stderr).toEqual([
      "Stopping: nothing will be loaded unless storing has begun, and the database stays as it was. Press Ctrl+C again to quit at once.",
      `Interrupted: nothing of second.csv was loaded; ${db} is as it was.`,
    ]);
    expect(fx.stdout).toEqual([]);
    expect(fx.control.listening).toBe(false);
    // Byte for byte: not even a refusal or a run was recorded.
    expect(fileSha256(db)).toBe(before);
  });

  it("stops checking a large file within the rows of one turn of the event loop, not after all of them", async () => {
    const before = fileSha256(db);
    const large = writeCsv(dir, "large.csv", [HEADER, ...Array.from({ length: 35_000 }, (_, i) => `${41000000 + i},EP,F,CAP,OFICIALES,active`)]);
    const stop = new AbortController();
    const reported: number[] = [];
    const load = loadMasterData(
      { dataset: "personnel", file: large, dbFile: db },
      {
        now: () => NOW,
        env: ENV,
        warn: () => {},
        // Ctrl+C as the first 10,000 rows are reported checked.
        progress: (done) => {
          reported.push(done);
          if (done >= 10_000) stop.abort();
        },
        createReader: () => {
          throw new Error("a CSV file needs no workbook reader");
        },
        signal: stop.signal,
      },
    );
    const error = await load.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(stop.signal.aborted).toBe(true);
    expect(error).toBe(stop.signal.reason);
    expect(reported).toEqual([10_000]);
    expect(fileSha256(db)).toBe(before);
  });

  it("finishes the transaction when the interruption comes while the rows are stored, and says the load is complete", async () => {
    const fx = interruptibleEffects({ env: ENV, now: NOW });
    const store = masterDataStore.replaceMasterData;
    const spy = jest.spyOn(masterDataStore, "replaceMasterData").mockImplementation(async (...args) => {
      fx.control.interrupt!("SIGINT");
      return store(...args);
    });
    const code = await whileSpying(spy, () => main(["load", "personnel", second, "--db", db], fx.effects));
    expect(code).toBe(0);
    expect(fx.stderr).toEqual([
      "Stopping: nothing will be loaded unless storing has begun, and the database stays as it was. Press Ctrl+C again to quit at once.",
      "The load was already being stored when the interruption came: it is complete.",
    ]);
    expect(fx.stdout[0]).toMatch(/^loaded {5}personnel: 500 rows from second\.csv \(load 2\); replaces load 1 /);
    // The same command again finds that load current: the same file, nothing new.
    const again = await runLoad(["personnel", second, "--db", db]);
    expect(again.json!.previous).toMatchObject({ loadId: 2, rows: 500 });
  });
});
