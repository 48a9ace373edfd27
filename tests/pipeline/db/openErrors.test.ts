import { translateOpenError } from "../../../pipeline/src/db/Database";
import { PipelineError } from "../../../pipeline/src/cli/PipelineError";

// The issue's guarantee, "a second process gets a clear 'database in use' error", in each way DuckDB says it. The
// Linux message is DuckDB's own (tests/reliability/concurrency.test.ts makes it with a real second process); the
// Windows ones are as DuckDB's users report them (node-api has no Windows here to make them with).
describe("a database another process holds, as DuckDB says it on each system", () => {
  const inUse = (message: string) => translateOpenError("C:\\pa1325\\pa1325.duckdb", new Error(message));

  it.each([
    ["Linux and macOS", 'IO Error: Could not set lock on file "C:\\pa1325\\pa1325.duckdb": Conflicting lock is held in /usr/bin/node (PID 4242) by user ana.', "4242"],
    [
      "Windows with DuckDB 1.5, in Spanish",
      'IO Error: Cannot open file "C:\\pa1325\\pa1325.duckdb": El proceso no tiene acceso al archivo porque está siendo utilizado por otro proceso. File is already open in C:\\Program Files\\nodejs\\node.exe (PID 4242).',
      "4242",
    ],
    ["Windows when it cannot tell which program, in English", 'IO Error: Cannot open file "C:\\pa1325\\pa1325.duckdb": The process cannot access the file because it is being used by another process.', undefined],
    ["Windows when it cannot tell which program, in Spanish", 'IO Error: Cannot open file "C:\\pa1325\\pa1325.duckdb": El proceso no tiene acceso al archivo porque está siendo utilizado por otro proceso.', undefined],
  ])("%s: in use, with the process when DuckDB names it", (_system, message, pid) => {
    const error = inUse(message);
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({
      code: "DATABASE_IN_USE",
      exitCode: 2,
      text: {
        en: `the database C:\\pa1325\\pa1325.duckdb is in use by another process${pid ? ` (PID ${pid})` : ""}. Wait for it to finish and try again; nothing was changed.`,
        es: `la base de datos C:\\pa1325\\pa1325.duckdb está en uso por otro proceso${pid ? ` (PID ${pid})` : ""}. Espere a que termine y vuelva a intentarlo; no se modificó nada.`,
      },
    });
  });

  it("says a missing folder and a refused permission in Windows' words too", () => {
    expect(translateOpenError("D:\\nada\\pa1325.duckdb", new Error('IO Error: Cannot open file "D:\\nada\\pa1325.duckdb": El sistema no puede encontrar la ruta especificada.'))).toMatchObject({
      code: "DATABASE_FOLDER_MISSING",
    });
    expect(translateOpenError("C:\\pa1325.duckdb", new Error('IO Error: Cannot open file "C:\\pa1325.duckdb": Access is denied.'))).toMatchObject({ code: "DATABASE_NOT_PERMITTED" });
  });

  it("leaves a message that is not about another process alone", () => {
    const other = new Error("Catalog Error: Table with name nothing does not exist!");
    expect(translateOpenError("/d/x.duckdb", other)).toBe(other);
  });
});
