import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import type { TemplateLayout } from "../../../core/src/layout/TemplateLayout";
import type { WorkbookGrid } from "../../../core/src/validation/WorkbookGrid";
import type { FakeExcel } from "../../addin/fakeOffice/FakeExcel";

export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export interface FakeConfig {
  excelApi?: string;
  displayLanguage?: string;
  host?: string | null;
}

/**
 * Opens the built task pane in a pane-sized page, with the fake Office host served in place of office.js and
 * CSP violations and page errors recorded (the page keeps its own Content Security Policy).
 */
export async function openTaskPane(browser: Browser, url: string, fakeOfficeJs: string, config: FakeConfig = {}, now = new Date("2026-07-10T15:00:00Z")) {
  const page = await browser.newPage({ viewport: { width: 360, height: 900 }, locale: config.displayLanguage ?? "es-PE" });
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  await page.clock.setFixedTime(now);
  await page.addInitScript((c) => {
    (window as unknown as { __pa1325FakeConfig: unknown }).__pa1325FakeConfig = c;
    document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  }, config);
  const body = await readFile(fakeOfficeJs, "utf8");
  await page.route("https://appsforoffice.microsoft.com/**", (route) => route.fulfill({ status: 200, contentType: "text/javascript", body }));
  await page.goto(`${url}taskpane.html`);
  return { page, problems };
}

/** Runs a function against the page's fake Excel (the test's hands on the keyboard of "Excel"). */
export function onFake<T, A>(page: Page, f: (excel: FakeExcel, arg: A) => T, arg: A): Promise<T> {
  // Evaluated through the DevTools protocol, not by page script, so the page's CSP (no eval) does not apply.
  return page.evaluate(`(${f.toString()})(window.__pa1325Fake, ${JSON.stringify(arg)})`) as Promise<T>;
}

/** Each sheet of the layout as Office.js would read it (values from A1 over the extent). */
export async function readGrid(page: Page, layout: TemplateLayout): Promise<WorkbookGrid> {
  const sheets = layout.sheets.map((s) => ({ name: s.name, rows: s.extent.rows, columns: s.extent.columns }));
  const data = await onFake(
    page,
    (excel, list) =>
      list.map((s) => ({
        name: s.name,
        values: Array.from({ length: s.rows }, (_, r) => Array.from({ length: s.columns }, (_, c) => excel.sheet(s.name).cell(r, c)?.value ?? "")),
      })),
    sheets,
  );
  return new Map(data.map((d) => [d.name, { values: d.values }]));
}

/** A picture of part of a fake sheet (values and fills), for the screenshots: what the user would see in Excel. */
export async function sheetPictureHtml(page: Page, sheet: string, rows: number, columns: number, selected?: string): Promise<string> {
  const cells = await onFake(
    page,
    (excel, a) =>
      Array.from({ length: a.rows }, (_, r) =>
        Array.from({ length: a.columns }, (_, c) => {
          const cell = excel.sheet(a.sheet).cell(r, c);
          return { value: cell?.value ?? "", fill: cell?.look.fill ?? "", bold: cell?.look.bold ?? false };
        }),
      ),
    { sheet, rows, columns },
  );
  const esc = (s: unknown) => String(s).replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  const letters = Array.from({ length: columns }, (_, c) => String.fromCharCode(65 + c));
  const body = cells
    .map(
      (row, r) =>
        `<tr><th>${r + 1}</th>${row
          .map((c, i) => {
            const address = `${letters[i]}${r + 1}`;
            const style = ["white-space:nowrap;max-width:140px;overflow:hidden;padding:1px 4px", `background:${c.fill ? `#${c.fill}` : "#fff"}`, c.bold ? "font-weight:bold" : "", address === selected ? "outline:3px solid #107C41" : ""].join(";");
            return `<td style="${style}">${esc(String(c.value).slice(0, 24))}</td>`;
          })
          .join("")}</tr>`,
    )
    .join("");
  return `<html><body style="font:12px sans-serif;margin:8px"><div><b>${esc(sheet)}</b> (fake Excel)</div><table style="border-collapse:collapse" border="1"><tr><th></th>${letters.map((l) => `<th>${l}</th>`).join("")}</tr>${body}</table></body></html>`;
}
