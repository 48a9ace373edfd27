import type { ExcelHost } from "../../../addin/src/excel/ExcelHost";
import { FakeExcel, type FakeExcelOptions } from "./FakeExcel";

/** The adapter's host over a fake Excel (the fake's proxies stand in for Office.js's typed ones). */
export function fakeExcelHost(options: FakeExcelOptions = {}): { excel: FakeExcel; host: ExcelHost } {
  const excel = new FakeExcel(options);
  const host = {
    run: (batch: unknown) => excel.run(batch),
    runIn: (context: unknown, batch: unknown) => excel.run(context, batch),
    isSetSupported: (name: string, version: string) => excel.isSetSupported(name, version),
  } as unknown as ExcelHost;
  return { excel, host };
}

/** Counts the round trips and Excel.run calls one operation makes. */
export async function measure<T>(excel: FakeExcel, operation: () => Promise<T>): Promise<{ result: T; syncs: number; runs: number }> {
  const syncs = excel.syncCount;
  const runs = excel.runCount;
  const result = await operation();
  return { result, syncs: excel.syncCount - syncs, runs: excel.runCount - runs };
}
