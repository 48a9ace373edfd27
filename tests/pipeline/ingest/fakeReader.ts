import { writeFileSync } from "node:fs";
import type { SheetGrid } from "../../../core/src/validation/WorkbookGrid";
import type { WorkbookContent, WorkbookReader } from "../../../pipeline/src/ingest/WorkbookSource";
import type { GridBuilder } from "../../helpers/GridBuilder";
import { WorkbookRejected, type XlsxRejectionCode } from "../../../pipeline/src/xlsx/readWorkbook";

/**
 * Stands in for the xlsx reader in ingestion tests that are about storage, versions and transactions: each file
 * on disk is a small unique blob, and its "cells" come from a GridBuilder. Like the real reader, it reads the
 * bytes it is given (the blob), never the file. (End-to-end tests use real files.)
 */
export class FakeWorkbooks {
  /** By blob: the same bytes always give the same cells. */
  private readonly contents = new Map<string, WorkbookContent | Error>();
  private counter = 0;

  add(file: string, grid: GridBuilder | Error, bytesTag?: string): string {
    const blob = `fake workbook ${bytesTag ?? `${file} #${++this.counter}`}`;
    writeFileSync(file, blob);
    if (grid instanceof Error) this.contents.set(blob, grid);
    else {
      const sheets = grid.grid() as Map<string, SheetGrid>;
      this.contents.set(blob, { sheets, sheetNames: [...sheets.keys()], date1904: false });
    }
    return file;
  }

  reader(): WorkbookReader {
    return {
      read: async (file, bytes) => {
        const c = this.contents.get(Buffer.from(bytes).toString("utf8"));
        if (!c) throw new Error(`no fake content for the bytes given for ${file}`);
        if (c instanceof Error) throw c;
        return c;
      },
      close: async () => {},
    };
  }
}

/** What the real reader throws for a refused file. */
export function rejection(code: XlsxRejectionCode): Error {
  return new WorkbookRejected(code);
}
