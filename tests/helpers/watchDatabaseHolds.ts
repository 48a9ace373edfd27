import fs from "node:fs";
import path from "node:path";
import * as DatabaseModule from "../../pipeline/src/db/Database";

/**
 * Records how this process holds each database file, and what that was at each file-system call on one of them
 * (`copyFile`, `link`, `rename`, from or to it): on Windows DuckDB opens a database it writes sharing nothing, so a
 * file held so by a writer cannot be copied or linked, while a reader's hold (sharing reads) allows both. Restore
 * with jest.restoreAllMocks().
 */
export function watchDatabaseHolds(): { at: Array<{ call: string; file: string; holds: Array<"reader" | "writer"> }> } {
  const holds: Array<{ file: string; reader: boolean; open: boolean }> = [];
  const open = DatabaseModule.openDatabase;
  jest.spyOn(DatabaseModule, "openDatabase").mockImplementation(async (file, options) => {
    const db = await open(file, options);
    const hold = { file: path.resolve(file), reader: db.readOnly, open: true };
    holds.push(hold);
    const close = db.close.bind(db);
    db.close = () => {
      hold.open = false;
      close();
    };
    return db;
  });
  const at: Array<{ call: string; file: string; holds: Array<"reader" | "writer"> }> = [];
  const note = (call: string, ...files: unknown[]) => {
    for (const f of files) {
      const file = path.resolve(String(f));
      const now = holds.filter((h) => h.open && h.file === file).map((h): "reader" | "writer" => (h.reader ? "reader" : "writer"));
      if (now.length > 0) at.push({ call, file, holds: now });
    }
  };
  for (const call of ["copyFile", "link", "rename"] as const) {
    const original = fs.promises[call] as (...args: unknown[]) => Promise<void>;
    jest.spyOn(fs.promises, call).mockImplementation(((...args: unknown[]) => {
      note(call, args[0], args[1]);
      return original(...args);
    }) as never);
  }
  return { at };
}
