import { createHash } from "node:crypto";
import { existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { currentCatalog } from "../../core/src/catalog/builtInCatalogs";
import { buildTemplateLayout } from "../../core/src/layout/buildTemplateLayout";
import { INPUT_FILL, INVALID_FILL } from "../../core/src/layout/cellStyles";
import { META_KEYS, type MetaKey } from "../../core/src/layout/TemplateLayout";
import { buildContentDigestText } from "../../core/src/validation/contentDigestText";
import { parseEntries } from "../../core/src/validation/parseEntries";
import { main } from "../../pipeline/src/cli/main";
import { writeTemplateXlsx } from "../../pipeline/src/xlsx/writeTemplateXlsx";
import { captureEffects } from "../helpers/captureEffects";
import { buildTaskPane } from "./support/buildTaskPane";
import { serveFolder } from "./support/staticServer";
import { CHROMIUM_ARGS, onFake, openTaskPane, readGrid, sheetPictureHtml } from "./support/taskPanePage";

/**
 * The built task pane in real headless Chromium, with a fake Office host backed by an in-memory workbook:
 * insert the template, type values with mistakes, see the problems, go to a cell, fix, mark ready. Screenshots of
 * each step go to tests/artifacts/addin-e2e/.
 */
const ART = path.resolve(__dirname, "../artifacts/addin-e2e");
const CHROMIUM = "/usr/bin/chromium";
const catalog = currentCatalog();
const IND = "Indicadores";
const NAME = "Cap. Rosa Quispe — Oficina de Género";
const NOW = "2026-07-10T15:00:00.000Z";

let browser: Browser;
let server: { url: string; close: () => Promise<void> };
let fakeOfficeJs: string;
let addinDir: string;
const shots: string[] = [];

async function shot(page: Page, name: string): Promise<void> {
  const file = path.join(ART, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  shots.push(file);
}

async function sheetShot(page: Page, name: string, selected?: string): Promise<void> {
  const view = await browser.newPage({ viewport: { width: 900, height: 420 } });
  await view.setContent(await sheetPictureHtml(page, IND, 16, 10, selected));
  const file = path.join(ART, `${name}.png`);
  await view.screenshot({ path: file });
  await view.close();
  shots.push(file);
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (CI installs it from .ci/run)`);
  await mkdir(ART, { recursive: true });
  const built = await buildTaskPane(path.join(ART, "build"));
  fakeOfficeJs = built.fakeOfficeJs;
  addinDir = built.addinDir;
  server = await serveFolder(built.addinDir);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (shots.length > 0) console.log(`Screenshots:\n${shots.map((s) => `  ${path.relative(process.cwd(), s)}`).join("\n")}`);
});

describe("the PA1325 task pane in Chromium", () => {
  it("inserts the template, shows mistakes, goes to a cell, and marks the workbook ready", async () => {
    const { page, problems } = await openTaskPane(browser, server.url, fakeOfficeJs);
    await page.getByRole("heading", { name: "PA1325 · Informe semestral" }).waitFor();
    await page.getByText("Este libro aún no tiene la plantilla.").waitFor();
    await shot(page, "01-start");

    // 1. Choose the institution and semester, insert the template.
    await page.getByLabel("Institución").selectOption("EP");
    expect(await page.getByLabel("Semestre que informa").inputValue()).toBe("2026-S1");
    await page.getByRole("button", { name: "Insertar plantilla" }).click();
    await page.getByText("Plantilla lista.").waitFor();
    await page.getByRole("status").getByText("Errores: 0").waitFor();
    const layout = buildTemplateLayout(catalog, "EP", "2026-S1", "es");
    const sheets = await onFake(page, (excel) => excel.sheets.map((s) => [s.name, s.visibility, s.protected]), null);
    expect(sheets.slice(0, 5)).toEqual([
      ["Portada", "Visible", true],
      ["Indicadores", "Visible", true],
      ["Entregables", "Visible", true],
      ["Registro", "Visible", true],
      ["pa1325_meta", "VeryHidden", true],
    ]);
    expect(await onFake(page, (excel) => excel.settings.get("pa1325.choice"), null)).toBe(JSON.stringify({ institution: "EP", period: "2026-S1" }));
    await shot(page, "02-template-inserted");
    await sheetShot(page, "02b-sheet-after-insert");

    // 2. Type values, with mistakes: a paste of text (Excel's validation does not see pastes), a negative number
    //    typed (Excel's own alert refuses it), and a bad service number on the roster.
    const first = layout.indicatorRows[0]!;
    const typed = await onFake(page, (excel, a) => [excel.type("Indicadores", a.men, "30"), excel.type("Indicadores", a.men, "-3")], { men: first.men! });
    expect(typed).toEqual([{ accepted: true }, { accepted: false, reason: "validation" }]);
    await onFake(page, (excel, a) => excel.paste("Indicadores", a.women, [["doce"]]), { women: first.women! });
    await onFake(page, (excel) => excel.paste("Registro", "B5", [["12AB", "Capacitación", "Curso de género", "Género y empoderamiento de la mujer", "", "2026-03-02"]]), null);
    await page.getByText("«doce» en E6 no es un número").waitFor();
    const errorBadge = page.getByRole("status").getByText(/^Errores: \d+$/);
    const errorsShown = Number((await errorBadge.textContent())!.replace(/\D/g, ""));
    expect(errorsShown).toBeGreaterThanOrEqual(3);
    expect(await onFake(page, (excel) => excel.cell("Indicadores", "E6")?.look.fill, null)).toBe(INVALID_FILL);
    await shot(page, "03-problems");
    await sheetShot(page, "03b-sheet-invalid-highlighted");

    // 3. "Go to cell" selects the cell in Excel.
    await page.getByRole("button", { name: "Ir a la celda E6 de la hoja Indicadores" }).click();
    await page.waitForFunction(() => (window as unknown as { __pa1325Fake: { selection: { address: string } } }).__pa1325Fake.selection.address === "E6");
    expect(await onFake(page, (excel) => excel.selection, null)).toEqual({ sheet: "Indicadores", address: "E6" });
    await shot(page, "04-go-to-cell");
    await sheetShot(page, "04b-sheet-cell-selected", "E6");

    // 4. Fix the mistakes and report every indicator (0 where there was nothing).
    await onFake(
      page,
      (excel, a) => {
        excel.type("Indicadores", a.women, "12");
        excel.paste("Registro", "B5", [["", "", "", "", "", ""]]);
        for (const r of a.rows) if (r.cell !== a.women && r.cell !== a.men) excel.paste("Indicadores", r.cell, [r.values]);
        excel.paste("Entregables", a.status, [["En elaboración", 40]]);
      },
      {
        women: first.women!,
        men: first.men!,
        status: layout.deliverableRows[0]!.status,
        rows: layout.indicatorRows.map((r) => ({ cell: r.people ? r.women! : r.total, values: r.people ? [0, 0] : [0] })),
      },
    );
    await page.getByRole("status").getByText("Errores: 0").waitFor();
    await page.getByText("No hay problemas en lo escrito.").or(page.getByRole("region", { name: "Problemas por indicador" })).first().waitFor();
    const total = new Set([...layout.indicatorRows, ...layout.deliverableRows].map((r) => r.indicator)).size;
    await page.getByText(`${total} de ${total} indicadores completos`).waitFor();
    expect(await onFake(page, (excel) => excel.cell("Indicadores", "E6")?.look.fill, null)).toBe(INPUT_FILL);
    expect(await onFake(page, (excel) => [excel.value("Indicadores", "E6"), excel.value("Indicadores", "G6")], null)).toEqual([12, 42]);
    await shot(page, "05-fixed");
    await sheetShot(page, "05b-sheet-fixed");

    // 5. Mark ready: stamps the name, the time and the hash of the content.
    await page.getByLabel("Preparado por (nombre y cargo)").fill(NAME);
    await page.getByRole("button", { name: "Marcar como listo para enviar" }).click();
    await page.getByText("Guarde el libro (Ctrl+S) y envíe el archivo .xlsx").waitFor();
    const meta = await readMeta(page);
    const grid = await readGrid(page, layout);
    expect(meta).toMatchObject({ preparedBy: NAME, readyAt: NOW, institution: "EP", period: "2026-S1", generatedBy: "PA1325 add-in", generatedAt: NOW });
    expect(meta.contentHash).toBe(createHash("sha256").update(buildContentDigestText(layout, grid)).digest("hex"));
    expect(parseEntries(catalog, layout, grid).issues.filter((i) => i.severity === "error")).toEqual([]);
    await shot(page, "06-ready");

    // 6. A change afterwards clears the stamp; marking again restores it.
    await onFake(page, (excel) => excel.type("Indicadores", "I6", "dato corregido por la unidad"), null);
    await page.getByText("la marca se borró").waitFor();
    expect((await readMeta(page)).readyAt).toBeUndefined();
    await shot(page, "07-stamp-cleared");
    await page.getByRole("button", { name: "Marcar como listo para enviar" }).click();
    await page.getByText("Guarde el libro (Ctrl+S) y envíe el archivo .xlsx").waitFor();
    expect((await readMeta(page)).readyAt).toBe(NOW);

    // 7. Office.js use in the browser too: every operation batched, calculation suspended during the bulk write.
    const counters = await onFake(page, (excel) => ({ runs: excel.runCount, syncs: excel.syncCount, suspended: excel.calculationSuspensions, largest: excel.largestBatch }), null);
    expect(counters.suspended).toBe(1);
    expect(counters.syncs).toBeLessThanOrEqual(counters.runs * 3);
    console.log(`Task pane session: ${counters.runs} Excel.run calls, ${counters.syncs} syncs, largest batch ${counters.largest} operations`);

    // 8. The file the institution sends: written with the pipeline's xlsx writer, then ingested without refusal.
    const file = await writeWorkbook(page, layout);
    const fx = captureEffects({ now: new Date("2026-07-20T12:00:00Z"), env: { PA1325_KEY: "addin-e2e-key-0123456789abcdef0123", PA1325_LANG: "en" } });
    const db = path.join(mkdtempSync(path.join(os.tmpdir(), "pa1325-addin-e2e-")), "ingest.duckdb");
    const code = await main(["ingest", file, "--db", db, "--json"], fx.effects);
    const report = JSON.parse(fx.stdout.join("\n")) as { files: Array<{ status: string; issues: Array<{ severity?: string; code: string }> }> };
    expect([code, report.files.map((f) => f.status)]).toEqual([0, ["accepted"]]);
    // The same single warning the pane showed (the roster lists nobody for PREV-1.1's 42 people).
    expect(report.files[0]!.issues.map((i) => `${i.severity} ${i.code}`)).toEqual(["warning ROSTER_MISMATCH"]);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it("has no axe-core violations with problems listed, and works under its Content Security Policy", async () => {
    const { page, problems } = await openTaskPane(browser, server.url, fakeOfficeJs);
    await page.getByLabel("Institución").selectOption("EP");
    await page.getByRole("button", { name: "Insertar plantilla" }).click();
    await page.getByText("Plantilla lista.").waitFor();
    await onFake(page, (excel) => excel.paste("Indicadores", "E6", [["doce", 4]]), null);
    await page.getByText("«doce» en E6 no es un número").waitFor();
    const axeSource = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
    await page.evaluate(axeSource);
    const result = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
      const r = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
      return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    });
    expect(result).toEqual([]);
    // Fluent's styles apply under the CSP: the primary button has the brand colour (webLightTheme #0F6CBD).
    const background = await page.getByRole("button", { name: "Actualizar plantilla" }).evaluate((b) => getComputedStyle(b).backgroundColor);
    expect(background).toBe("rgb(15, 108, 189)");
    expect(await page.locator("script:not([src])").count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it("keeps all of its JavaScript within 250 KB gzipped (bench/addin-bundle-size.mjs prints the detail)", async () => {
    const files = (await readdir(addinDir)).filter((f) => f.endsWith(".js"));
    const sizes = await Promise.all(files.map(async (f) => gzipSync(await readFile(path.join(addinDir, f)), { level: 9 }).length));
    const total = sizes.reduce((a, b) => a + b, 0);
    console.log(`Task pane JavaScript: ${(total / 1024).toFixed(1)} KB gzipped in ${files.length} files`);
    expect(files.length).toBeGreaterThan(2);
    expect(total).toBeLessThanOrEqual(250 * 1024);
  });

  it("explains a refresh that changes the layout before anything moves, then keeps the typed values", async () => {
    const { page, problems } = await openTaskPane(browser, server.url, fakeOfficeJs);
    await page.getByLabel("Institución").selectOption("EP");
    await page.getByRole("button", { name: "Insertar plantilla" }).click();
    await page.getByText("Plantilla lista.").waitFor();
    const ep = buildTemplateLayout(catalog, "EP", "2026-S1", "es");
    const ccffaa = buildTemplateLayout(catalog, "CCFFAA", "2026-S1", "es");
    const kept = ep.indicatorRows.find((r) => r.people && ccffaa.indicatorRows.some((x) => x.key === r.key))!;
    const droppedRow = ep.indicatorRows.find((r) => !ccffaa.indicatorRows.some((x) => x.indicator === r.indicator))!;
    const dropped = droppedRow.people ? droppedRow.women! : droppedRow.total;
    await onFake(page, (excel, a) => [excel.type("Indicadores", a.kept, "5"), excel.type("Indicadores", a.dropped, "6")], { kept: kept.women!, dropped });
    await page.getByLabel("Institución").selectOption("CCFFAA");
    await page.getByRole("button", { name: "Actualizar plantilla" }).click();
    await page.getByText("Antes de actualizar").waitFor();
    await page.getByText("La plantilla pasa de Ejército del Perú").waitFor();
    await page.getByText(`1 valores escritos no tienen lugar en la nueva plantilla y se perderán: Indicadores!${dropped}.`).waitFor();
    expect(await onFake(page, (excel) => JSON.parse(String(excel.settings.get("pa1325.choice"))).institution, null)).toBe("EP");
    await shot(page, "08-refresh-explained");
    await page.getByRole("button", { name: "Actualizar la plantilla" }).click();
    await page.getByText("Plantilla lista.").waitFor();
    const moved = ccffaa.indicatorRows.find((r) => r.key === kept.key)!;
    expect(await onFake(page, (excel, a) => excel.value("Indicadores", a), moved.women!)).toBe(5);
    expect(await onFake(page, (excel) => excel.sheets.map((s) => s.name).slice(0, 5), null)).toEqual(["Portada", "Indicadores", "Entregables", "Registro", "pa1325_meta"]);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it("works with the keyboard alone", async () => {
    const { page } = await openTaskPane(browser, server.url, fakeOfficeJs);
    await page.getByRole("button", { name: "Insertar plantilla" }).waitFor();
    const focusedName = () => page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.textContent ?? "");
    const tabTo = async (name: string) => {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press("Tab");
        if ((await focusedName()) === name) return;
      }
      throw new Error(`could not reach "${name}" with Tab`);
    };
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id && document.querySelector(`label[for="${document.activeElement.id}"]`)?.textContent)).toBe("Institución");
    await page.keyboard.press("ArrowDown");
    await tabTo("Insertar plantilla");
    await page.keyboard.press("Enter");
    await page.getByText("Plantilla lista.").waitFor();
    const chosen = await onFake(page, (excel) => excel.settings.get("pa1325.choice"), null);
    expect(JSON.parse(String(chosen)).institution).not.toBe("DIGEPE");
    await onFake(page, (excel) => excel.paste("Portada", "B8", [["x".repeat(130)]]), null);
    await page.getByRole("button", { name: "Ir a la celda B8 de la hoja Portada" }).waitFor();
    await tabTo("Ir a la celda B8 de la hoja Portada");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => (window as unknown as { __pa1325Fake: { selection: { address: string } } }).__pa1325Fake.selection.address === "B8");
    await shot(page, "09-keyboard");
    await page.close();
  }, 60_000);

  it("speaks English where Office does, and explains when Excel is too old or is not Excel", async () => {
    const en = await openTaskPane(browser, server.url, fakeOfficeJs, { displayLanguage: "en-GB" });
    await en.page.getByRole("button", { name: "Insert template" }).waitFor();
    await en.page.getByLabel("Semester you report on").waitFor();
    await shot(en.page, "10-english");
    await en.page.close();

    const old = await openTaskPane(browser, server.url, fakeOfficeJs, { excelApi: "1.7" });
    await old.page.getByText("Esta versión de Excel es demasiado antigua").waitFor();
    expect(await old.page.getByRole("button", { name: "Insertar plantilla" }).count()).toBe(0);
    await shot(old.page, "11-excel-too-old");
    await old.page.close();

    const word = await openTaskPane(browser, server.url, fakeOfficeJs, { host: "Word" });
    await word.page.getByText("PA1325 funciona solo en Excel").waitFor();
    await word.page.close();
  }, 60_000);
});

async function readMeta(page: Page): Promise<Partial<Record<MetaKey, string>>> {
  const rows = await onFake(page, (excel, n) => Array.from({ length: n }, (_, i) => [excel.value("pa1325_meta", `A${i + 2}`), excel.value("pa1325_meta", `B${i + 2}`)]), META_KEYS.length);
  return Object.fromEntries(rows.filter(([, v]) => v !== "").map(([k, v]) => [String(k), String(v)]));
}

/** Writes the filled in-memory workbook with the pipeline's xlsx writer: the file an institution would send. */
async function writeWorkbook(page: Page, layout: ReturnType<typeof buildTemplateLayout>): Promise<string> {
  const grid = await readGrid(page, layout);
  const inputs = new Map<string, Map<string, string | number | boolean | null>>();
  for (const sheet of layout.sheets) {
    if (sheet.role === "meta") continue;
    const values = grid.get(sheet.name)!.values;
    const cells = new Map<string, string | number | boolean | null>();
    for (const cell of sheet.cells) {
      if (cell.locked) continue;
      const m = /^([A-Z]+)([0-9]+)$/.exec(cell.address)!;
      const v = values[Number(m[2]) - 1]?.[m[1]!.charCodeAt(0) - 65];
      if (v !== "" && v !== null && v !== undefined) cells.set(cell.address, v as string | number | boolean);
    }
    inputs.set(sheet.name, cells);
  }
  const meta = await readMeta(page);
  const file = path.join(ART, "EP-2026-S1-from-addin.xlsx");
  await writeFile(file, await writeTemplateXlsx(layout, { inputs, meta, now: new Date(NOW) }));
  shots.push(file);
  return file;
}
