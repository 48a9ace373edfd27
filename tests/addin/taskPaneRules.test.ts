import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { currentCatalog } from "../../core/src/catalog/builtInCatalogs";
import { buildTemplateLayout } from "../../core/src/layout/buildTemplateLayout";
import { isDarkColor } from "../../addin/src/host/startHost";
import { UI_TEXT, uiText } from "../../addin/src/i18n/uiText";
import { CheckScheduler } from "../../addin/src/taskpane/CheckScheduler";
import { describeError } from "../../addin/src/taskpane/describeError";
import { periodChoices } from "../../addin/src/taskpane/periodChoices";
import { translator } from "../../addin/src/i18n/uiText";
import { AddinError } from "../../addin/src/workbook/AddinError";
import { buildSheetWrite } from "../../addin/src/workbook/buildSheetWrite";

const SRC = path.resolve(__dirname, "../../addin/src");
const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(path.join(dir, f)).isDirectory() ? files(path.join(dir, f)) : [path.join(dir, f)]));

describe("task pane security rules", () => {
  it("never puts data in the page as HTML and keeps nothing in browser storage", () => {
    const offenders = files(SRC)
      .filter((f) => /\.(ts|tsx)$/.test(f))
      .filter((f) => /dangerouslySetInnerHTML|\.innerHTML|outerHTML|insertAdjacentHTML|document\.write|localStorage|sessionStorage|indexedDB|document\.cookie/.test(readFileSync(f, "utf8")))
      .map((f) => path.relative(SRC, f));
    expect(offenders).toEqual([]);
  });

  it("sets a Content Security Policy that allows its own origin and Office's script only", () => {
    const html = readFileSync(path.join(SRC, "taskpane/taskpane.html"), "utf8");
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!;
    const directives = Object.fromEntries(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    expect(directives["default-src"]).toEqual(["'self'"]);
    expect(directives["script-src"]).toEqual(["'self'", "https://appsforoffice.microsoft.com"]);
    // Only empty inline <style> elements: SHA-256 of "".
    expect(directives["style-src"]).toEqual(["'self'", "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"]);
    expect(directives["object-src"]).toEqual(["'none'"]);
  });
});

describe("uiText", () => {
  it("has every text in Spanish and English, with the same placeholders", () => {
    for (const [key, text] of Object.entries(UI_TEXT)) {
      expect([key, text.es.trim().length > 0, text.en.trim().length > 0]).toEqual([key, true, true]);
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect([key, names(text.es)]).toEqual([key, names(text.en)]);
    }
  });

  it("fills placeholders", () => {
    expect(uiText("es", "errorsCount", { count: 3 })).toBe("Errores: 3");
    expect(uiText("en", "goToCellLabel", { cell: "E6", sheet: "Indicators" })).toBe("Go to cell E6 on sheet Indicators");
  });
});

describe("describeError", () => {
  const t = translator("es");
  it("says what to do next for our own errors and Office's", () => {
    expect(describeError(new AddinError("SHEET_NAME_TAKEN", { sheet: "Indicadores" }), t)).toMatch(/^Este libro ya tiene una hoja «Indicadores»/);
    expect(describeError({ code: "ItemNotFound", message: "x" }, t)).toMatch(/Pulse «Actualizar plantilla»/);
    expect(describeError({ code: "InvalidOperation" }, t)).toMatch(/Termine de editar la celda/);
    expect(describeError(new Error("boom"), t)).toMatch(/\(boom\).*mesa de ayuda/);
  });
});

describe("CheckScheduler", () => {
  it("runs one check for a burst of changes, and one more for a change during a check", async () => {
    const pending: Array<() => void> = [];
    const timers = { set: (f: () => void) => pending.push(f), clear: () => void pending.splice(0) };
    let release: () => void = () => undefined;
    let runs = 0;
    const scheduler = new CheckScheduler(
      () => {
        runs++;
        return new Promise<void>((r) => (release = r));
      },
      () => undefined,
      10,
      timers,
    );
    scheduler.request();
    scheduler.request();
    scheduler.request();
    expect(pending.length).toBe(1);
    pending.shift()!();
    expect(runs).toBe(1);
    scheduler.request();
    scheduler.request();
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(pending.length).toBe(1);
    pending.shift()!();
    release();
    expect(runs).toBe(2);
  });

  it("hands a failed check to the error handler", async () => {
    const errors: unknown[] = [];
    const scheduler = new CheckScheduler(() => Promise.reject(new Error("no")), (e) => errors.push(e));
    await scheduler.run();
    expect(errors).toEqual([new Error("no")]);
  });
});

describe("small helpers", () => {
  it("offers the current semester and three before it, defaulting to the previous one", () => {
    const p = periodChoices(new Date("2026-07-10T12:00:00Z"), "es");
    expect(p.options.map((o) => o.value)).toEqual(["2026-S2", "2026-S1", "2025-S2", "2025-S1"]);
    expect([p.fallback, p.options[1]!.label]).toEqual(["2026-S1", "1.er semestre 2026"]);
  });

  it("tells a dark Office theme from a light one", () => {
    expect([isDarkColor("#262626"), isDarkColor("#FFFFFF"), isDarkColor(undefined)]).toEqual([true, false, false]);
  });

  it("formats a 500-row roster with a handful of ranges", () => {
    const layout = buildTemplateLayout(currentCatalog(), "EP", "2026-S1", "es");
    const roster = buildSheetWrite(layout.sheets.find((s) => s.role === "roster")!, "es");
    expect(roster.inputs).toEqual(["B5:J504"]);
    expect(roster.styles.length).toBeLessThan(10);
    expect(roster.formulas.length).toBe(504);
  });
});
