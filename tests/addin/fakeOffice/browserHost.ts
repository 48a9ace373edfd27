import { FakeExcel, FakeOfficeError } from "./FakeExcel";

/**
 * Served in place of office.js in the browser test (bundled by webpack): an Office that says "Excel", backed by
 * the in-memory FakeExcel. The test sets `window.__pa1325FakeConfig` before the page loads and drives the
 * workbook through `window.__pa1325Fake` (typing, pasting, reading cells, counting syncs).
 */
interface FakeConfig {
  excelApi?: string;
  displayLanguage?: string;
  /** null: a host other than Excel. */
  host?: string | null;
  bodyBackgroundColor?: string;
}

const scope = window as unknown as { __pa1325FakeConfig?: FakeConfig; __pa1325Fake?: FakeExcel } & Record<string, unknown>;
const config = scope.__pa1325FakeConfig ?? {};
const excel = new FakeExcel({ excelApi: config.excelApi ?? "1.9" });
scope.__pa1325Fake = excel;

const info = { host: config.host === undefined ? "Excel" : config.host, platform: "OfficeOnline" };
scope.Office = {
  HostType: { Excel: "Excel", Word: "Word", PowerPoint: "PowerPoint", Outlook: "Outlook" },
  PlatformType: { OfficeOnline: "OfficeOnline", PC: "PC", Mac: "Mac" },
  context: {
    displayLanguage: config.displayLanguage ?? "es-PE",
    officeTheme: config.bodyBackgroundColor ? { bodyBackgroundColor: config.bodyBackgroundColor } : undefined,
    requirements: { isSetSupported: (name: string, version: string) => excel.isSetSupported(name, version) },
  },
  onReady: (callback?: (i: typeof info) => void) => {
    callback?.(info);
    return Promise.resolve(info);
  },
};
scope.Excel = { run: (a: unknown, b?: unknown) => excel.run(a, b) };
scope.OfficeExtension = { Error: FakeOfficeError };
