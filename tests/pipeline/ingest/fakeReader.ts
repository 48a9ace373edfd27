import { writeFileSync } from "node:fs";
import type { SheetGrid } from "../../../core/src/validation/WorkbookGrid";
import type { WorkbookContent, WorkbookReader } from "../../../pipeline/src/ingest/WorkbookSource";
import type { GridBuilder } from "../../helpers/GridBuilder";
import { WorkbookRejected, type XlsxRejectionCode } from "../../../pipeline/src/xlsx/readWorkbook";

/**
 * Stands in for the xlsx reader in ingestion tests that are about storage, versions and transactions: each file
 * on disk is a small unique blob, and its "cells" come from a GridBuilder. (End-to-end tests use real files.)
 */
export class FakeWorkbooks {
  private readonly contents = new Map<string, WorkbookContent | Error>();
  private counter = 0;

  add(file: string, grid: GridBuilder | Error, bytesTag?: string): string {
    writeFileSync(file, `fake workbook ${bytesTag ?? `${file} #${++this.counter}`}`);
    if (grid instanceof Error) this.contents.set(file, grid);
    else {
      const sheets = grid.grid() as Map<string, SheetGrid>;
      this.contents.set(file, { sheets, sheetNames: [...sheets.keys()], date1904: false });
    }
    return file;
  }

  reader(): WorkbookReader {
    return {
      read: async (file) => {
        const c = this.contents.get(file);
        if (!c) throw new Error(`no fake content for ${file}`);
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
