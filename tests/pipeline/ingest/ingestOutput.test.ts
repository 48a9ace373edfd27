import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describeSummary } from "../../../pipeline/src/cli/commands/ingestCommand";
import { describeFile } from "../../../pipeline/src/ingest/fileOutput";
import { collectFiles } from "../../../pipeline/src/ingest/collectFiles";
import type { FileResult, IngestSummary } from "../../../pipeline/src/ingest/IngestResult";

// What `pa1325 ingest` prints for each file and at the end (the lines an analyst reads).

function accepted(values: number): FileResult {
  return {
    file: "/inbox/pa1325-DIGEPE-2025-S2.xlsx",
    sha256: "a".repeat(64),
    status: "accepted",
    submissionId: 7,
    institution: "DIGEPE",
    period: "2025-S2",
    version: 1,
    replacedVersion: null,
    values,
    roster: 0,
    changes: [],
    issues: [],
  };
}

/** A run's summary: nothing decided, found or skipped unless said. */
function summaryOf(fields: Partial<IngestSummary>): IngestSummary {
  const counts = { files: 0, accepted: 0, replaced: 0, unchanged: 0, rejected: 0 };
  return { dryRun: false, database: "pa1325.duckdb", counts, files: [], skipped: [], unreadable: [], linkedFolders: [], found: 0, interrupted: false, ...fields };
}

describe("the line printed for an accepted file", () => {
  it("puts the count of values in the right number, in both languages", () => {
    expect(describeFile(accepted(1), "es")[0]).toBe("aceptado     pa1325-DIGEPE-2025-S2.xlsx: DIGEPE 2025-S2 versión 1; 1 valor, 0 en el registro, 0 aviso(s)");
    expect(describeFile(accepted(14), "es")[0]).toContain("; 14 valores, ");
    expect(describeFile(accepted(1), "en")[0]).toBe("accepted     pa1325-DIGEPE-2025-S2.xlsx: DIGEPE 2025-S2 version 1; 1 value, 0 on the roster, 0 warning(s)");
    expect(describeFile(accepted(0), "en")[0]).toContain("; 0 values, ");
  });
});

describe("files in the folders that are not .xlsx", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-skipped-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("are named when they look like a submission saved in another format, and only counted otherwise", async () => {
    const inbox = path.join(dir, "inbox");
    mkdirSync(path.join(inbox, "EP"), { recursive: true });
    for (const name of ["pa1325-FAP-2026-S1.xlsx", "EP/pa1325-EP-2026-S1.XLSM", "respuesta DIGRIN.xls", "mgp.ods", "notes.txt", "~$pa1325-FAP-2026-S1.xlsx", ".~lock.mgp.ods#"]) {
      writeFileSync(path.join(inbox, name), "x");
    }
    const { files, skipped, unreadable } = await collectFiles([inbox]);
    expect(files).toEqual([path.join(inbox, "pa1325-FAP-2026-S1.xlsx")]);
    expect(unreadable).toEqual([]);
    const summary = summaryOf({ counts: { files: 1, accepted: 1, replaced: 0, unchanged: 0, rejected: 0 }, skipped, unreadable, found: 1 });
    const en = describeSummary(summary, "en");
    expect(en).toEqual([
      "",
      "1 file(s): 1 accepted, 0 replaced, 0 unchanged, 0 refused. Database: pa1325.duckdb",
      '3 file(s) look like spreadsheets but are not .xlsx and were not loaded; ask the institution to save them as "Excel Workbook (.xlsx)" and send them again:',
      `    ${path.join(inbox, "EP", "pa1325-EP-2026-S1.XLSM")}`,
      `    ${path.join(inbox, "mgp.ods")}`,
      `    ${path.join(inbox, "respuesta DIGRIN.xls")}`,
      "3 file(s) that are not spreadsheets were left alone.",
    ]);
    expect(describeSummary(summary, "es")[2]).toBe(
      "3 archivo(s) parecen hojas de cálculo pero no son .xlsx y no se cargaron; pida a la institución que los guarde como «Libro de Excel (.xlsx)» y los envíe de nuevo:",
    );
  });

  it("takes a link to a workbook like the workbook, and never follows a link into a folder", async () => {
    const elsewhere = path.join(dir, "elsewhere");
    mkdirSync(path.join(elsewhere, "deep"), { recursive: true });
    writeFileSync(path.join(elsewhere, "pa1325-EP-2026-S1.xlsx"), "x");
    writeFileSync(path.join(elsewhere, "deep", "pa1325-MGP-2026-S1.xlsx"), "x");
    const inbox = path.join(dir, "links");
    mkdirSync(inbox);
    symlinkSync(path.join(elsewhere, "pa1325-EP-2026-S1.xlsx"), path.join(inbox, "EP.xlsx"));
    symlinkSync(elsewhere, path.join(inbox, "archive"));
    symlinkSync(path.join(elsewhere, "gone.xlsx"), path.join(inbox, "gone.xlsx"));
    // A link into the folder being walked (here, into itself) leads nowhere the walk does not go: only counted.
    symlinkSync(inbox, path.join(inbox, "loop"));
    const { files, skipped, linkedFolders } = await collectFiles([inbox]);
    expect(files).toEqual([path.join(inbox, "EP.xlsx")]);
    expect(skipped).toEqual([path.join(inbox, "gone.xlsx"), path.join(inbox, "loop")]);
    // A link to a folder elsewhere is named with where it leads: the workbooks there were not loaded.
    expect(linkedFolders).toEqual([{ path: path.join(inbox, "archive"), target: realpathSync(elsewhere) }]);
    const summary = summaryOf({ counts: { files: 1, accepted: 1, replaced: 0, unchanged: 0, rejected: 0 }, skipped, linkedFolders, found: 1 });
    expect(describeSummary(summary, "en").slice(2)).toEqual([
      "1 link(s) to folders outside those given were not followed; any workbooks in them were not loaded. To load them, give those folders on the command line:",
      `    ${path.join(inbox, "archive")} → ${realpathSync(elsewhere)}`,
      "2 file(s) that are not spreadsheets were left alone.",
    ]);
    expect(describeSummary(summary, "es")[2]).toBe(
      "1 enlace(s) a carpetas fuera de las indicadas no se siguieron; los libros que contengan no se cargaron. Para cargarlos, indique esas carpetas en el comando:",
    );
    // Given on the command line too, that folder is walked, and the link leads nowhere new.
    const both = await collectFiles([inbox, elsewhere]);
    expect(both.linkedFolders).toEqual([]);
    expect(both.files).toEqual([path.join(elsewhere, "deep", "pa1325-MGP-2026-S1.xlsx"), path.join(elsewhere, "pa1325-EP-2026-S1.xlsx"), path.join(inbox, "EP.xlsx")]);
    expect(both.skipped).toContain(path.join(inbox, "archive"));
  });
});

describe("folders that could not be opened", () => {
  it("are named with the reason and what to do, after the counts, in both languages", () => {
    const summary = summaryOf({
      counts: { files: 2, accepted: 2, replaced: 0, unchanged: 0, rejected: 0 },
      unreadable: [{ path: "/inbox/MGP", reason: { es: "no tiene permiso para abrirla", en: "you do not have permission to open it" } }],
      found: 2,
    });
    expect(describeSummary(summary, "en").slice(2)).toEqual([
      "1 folder(s) could not be opened; any workbooks in them were not loaded:",
      "    /inbox/MGP: you do not have permission to open it",
      "    Ask for access (or copy the files to a folder of your own) and run the same command again: what is already loaded does not change.",
    ]);
    expect(describeSummary(summary, "es").slice(2)).toEqual([
      "1 carpeta(s) no se pudieron abrir; los libros que contengan no se cargaron:",
      "    /inbox/MGP: no tiene permiso para abrirla",
      "    Pida acceso (o copie los archivos a una carpeta suya) y ejecute el mismo comando otra vez: lo ya cargado no cambia.",
    ]);
  });
});

describe("paths that hold no workbook", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-no-workbooks-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("an empty folder: the summary says no workbook was found", async () => {
    mkdirSync(path.join(dir, "empty"));
    const { files, skipped, unreadable } = await collectFiles([path.join(dir, "empty")]);
    const summary = summaryOf({ skipped, unreadable, found: files.length });
    expect(describeSummary(summary, "en")).toEqual(["", "0 file(s): 0 accepted, 0 replaced, 0 unchanged, 0 refused. Database: pa1325.duckdb", "No .xlsx workbook was found in the paths given."]);
    expect(describeSummary(summary, "es")[2]).toBe("No se encontró ningún libro .xlsx en las rutas indicadas.");
  });

  it("a pipe given by name is refused at once instead of waiting for ever to read it (one in a folder is left alone, and counted)", async () => {
    mkdirSync(path.join(dir, "inbox"));
    const fifo = path.join(dir, "inbox", "pa1325-EP-2026-S1.xlsx");
    execFileSync("mkfifo", [fifo]);
    await expect(collectFiles([fifo])).rejects.toMatchObject({ code: "NOT_A_FILE", text: { en: `"${fifo}" is neither a file nor a folder (it is a pipe or a device). Give the workbooks or their folders.` } });
    expect(await collectFiles([path.join(dir, "inbox")])).toEqual({ files: [], skipped: [fifo], unreadable: [], linkedFolders: [] });
  });
});

describe("counting a run's workbooks", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-count-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("stops listing once more than `stopAfter` are found (a long run is told from a short one without every path)", async () => {
    for (const sub of ["a", "b"]) {
      mkdirSync(path.join(dir, sub));
      for (let i = 0; i < 5; i++) writeFileSync(path.join(dir, sub, `pa1325-EP-2026-S1-${i}.xlsx`), "x");
    }
    expect((await collectFiles([dir])).files).toHaveLength(10);
    expect((await collectFiles([dir], { stopAfter: 3 })).files).toHaveLength(4);
    expect((await collectFiles([dir], { stopAfter: 10 })).files).toHaveLength(10);
  });
});
