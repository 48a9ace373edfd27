import { createHash } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import { formatNumber, type NumberKind } from "../../../pipeline/src/report/format/formatValues";
import { INTERNAL_MARK, REPORT_TEXT } from "../../../pipeline/src/report/reportText";
import { INJECTION, publishedNumbers, reportFixture } from "../../helpers/reportFixture";
import { writePackToTemp, type WrittenPack } from "./packHelpers";

const data = reportFixture();
let pack: WrittenPack;
let page: string;

beforeAll(async () => {
  pack = await writePackToTemp(data);
  page = readFileSync(pack.files.html, "utf8");
});

afterAll(() => rmSync(pack.dir, { recursive: true, force: true }));

/** The page's visible text: tags dropped, entities decoded, the style sheet left out. */
function visibleText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

const KINDS: NumberKind[] = ["count", "decimal", "pct", "change"];
const renderings = (v: number) => KINDS.map((k) => formatNumber(v, k, "es"));

describe("the Committee web page", () => {
  it("loads nothing: no script, no external address, and a policy that forbids any", () => {
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<(img|iframe|object|embed|link|base|form)\b/i);
    expect(page).not.toMatch(/\b(src|href|xlink:href|action)\s*=\s*"(?!#)/i);
    expect(page).not.toMatch(/url\s*\(/i);
    expect(page).not.toMatch(/@import/i);
    expect(page).not.toMatch(/\sstyle\s*=/i);
    expect(page).not.toMatch(/\son[a-z]+\s*=/i);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1];
    expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; img-src 'none';/);
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)![1]!;
    const hash = createHash("sha256").update(style, "utf8").digest("base64");
    expect(csp).toContain(`'sha256-${hash}'`);
    expect(page.match(/<style>/g)).toHaveLength(1);
  });

  it("escapes every text from the data: the payloads read as text, never as markup", () => {
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=&quot;http://x/y.png&quot;&gt;");
    expect(page).toContain("=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)");
    const text = visibleText(page);
    for (const payload of [INJECTION.hyperlink, INJECTION.plus, INJECTION.at, INJECTION.minus, INJECTION.fileName, INJECTION.html]) expect(text).toContain(payload);
    // The only URLs in the page are the escaped payloads' text.
    expect([...new Set(page.match(/https?:\/\/[^\s"&<]*/g))].sort()).toEqual(["http://x", "http://x/y.png"]);
  });

  it("shows every published number", () => {
    const text = visibleText(page);
    const missing = publishedNumbers(data).filter((v) => !renderings(v).some((r) => new RegExp(`(^|[\\s(«])${escapeRegExp(r)}(?=$|[\\s)»%,;.])`).test(text)));
    expect(missing).toEqual([]);
  });

  it("shows no number that is not in the data", () => {
    const text = visibleText(page);
    const allowed = new Set(publishedNumbers(data).flatMap(renderings));
    // Numbers inside the data's own texts and codes (periods, dates, file names, sources) and the fixed texts.
    const fromStrings = JSON.stringify(data).match(/[0-9]+(?:[.,][0-9]+)*/g) ?? [];
    const fixed = JSON.stringify(REPORT_TEXT).match(/[0-9]+/g) ?? [];
    for (const n of [...fromStrings, ...fixed, String(data.suppression.k), String(data.suppression.k - 1)]) allowed.add(n);
    const tokens = text.match(/[+-]?[0-9][0-9,]*(?:\.[0-9]+)?/g) ?? [];
    const unknown = [...new Set(tokens)].filter((t) => !allowed.has(t) && !allowed.has(t.replace(/^[+-]/, "")) && !t.split(/[.,-]/).every((part) => part === "" || allowed.has(part)));
    expect(unknown).toEqual([]);
  });

  it("shows hidden counts as «<5» and figures worked out from them as «oculta», never 0", () => {
    expect(page).toContain('<td class="suppressed">&lt;5</td>');
    expect(page).toContain('<td class="suppressed">oculta</td>');
    // MGP's hidden women and men, then its published total, in the Prevention pivot.
    expect(page).toMatch(/<td class="suppressed">&lt;5<\/td><td class="suppressed">&lt;5<\/td><td class="num">20<\/td>/);
  });

  it("is built for reading: language, headings, captions, header scopes, unique ids, titled charts", () => {
    expect(page).toMatch(/^<!DOCTYPE html>\n<html lang="es">/);
    expect(page.match(/<h1>/g)).toHaveLength(1);
    const tables = page.match(/<table[\s\S]*?<\/table>/g)!;
    expect(tables.length).toBeGreaterThanOrEqual(10);
    for (const t of tables) {
      expect(t).toMatch(/^<table id="[^"]+"><caption>[^<]+/);
      expect(t.match(/<th(?=[\s>])(?![^>]*scope=)/g)).toBeNull();
    }
    const ids = [...page.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const href of [...page.matchAll(/href="#([^"]+)"/g)].map((m) => m[1])) expect(ids).toContain(href);
    const svgs = page.match(/<svg[\s\S]*?<\/svg>/g)!;
    // Two trend series and one parity category.
    expect(svgs).toHaveLength(3);
    for (const svg of svgs) {
      const [, labelled] = /aria-labelledby="([^"]+)"/.exec(svg)!;
      expect(svg).toMatch(/^<svg role="img"/);
      for (const id of labelled!.split(" ")) expect(svg).toMatch(new RegExp(`<(title|desc) id="${id}">[^<]+</(title|desc)>`));
    }
  });

  it("breaks each trend line where a semester is hidden or missing, and says so", () => {
    const trend = page.match(/<svg[\s\S]*?<\/svg>/g)![0]!;
    expect(trend).toContain("<title id=\"trend-0-PREV-1_1-t\">PREV-1.1 · Número de personas capacitadas en género y empoderamiento de la mujer.</title>");
    expect(trend).toContain("2025-S1: 38; 2025-S2: &lt;5 (oculta); 2026-S1: 64. meta 120 (2028-S2).");
    // Two points with values, one gap between them: no line is drawn through the hidden semester.
    expect(trend.match(/<path class="line"/g)).toBeNull();
    expect(trend).toContain('<circle class="gap"');
    expect(trend).toMatch(/<line class="target"/);
    const hours = page.match(/<svg[\s\S]*?<\/svg>/g)![1]!;
    expect(hours).toContain("2025-S2: — (sin dato)");
  });

  it("draws women's share against the UN target by month, naming each colour and the months without a target", () => {
    const parity = page.match(/<svg[\s\S]*?<\/svg>/g)![2]!;
    expect(parity).toContain("Contingentes militares");
    expect(parity).toContain("nov. 2025: 9.0 %, sin meta; dic. 2025: 10.0 %, sin meta; ene. 2026: 14.0 %, meta 12.0 %, verde; feb. 2026: 11.0 %, meta 12.0 %, amarillo; mar. 2026: 0.0 %, meta 12.0 %, rojo; abr. 2026: oculta, meta 12.0 %");
    // The target is a line over the months of 2026 only; the colour's name is written under each month.
    expect(parity.match(/<line class="target"/g)).toHaveLength(4);
    for (const word of ["verde", "amarillo", "rojo", "sin meta"]) expect(parity).toContain(`>${word}</text>`);
    expect(parity).toContain('<circle class="st-green"');
    expect(parity).toContain('<circle class="st-red"');
  });

  it("prints a section per page with repeated table headers", () => {
    expect(page).toMatch(/@media print \{[\s\S]*@page \{ size: A4 landscape;[\s\S]*section \{ break-before: page; \}[\s\S]*thead \{ display: table-header-group; \}/);
  });
});

describe("the internal copy's page", () => {
  it("carries the INTERNAL banner at the top and on every section, and in its name and title", async () => {
    const internal = await writePackToTemp(reportFixture({ suppression: false, language: "en" }));
    try {
      expect(internal.files.html).toMatch(/report-2026-S1-internal\.html$/);
      const html = readFileSync(internal.files.html, "utf8");
      expect(html).toMatch(/<body>\n<div class="internal" role="note"><strong>INTERNAL — NOT FOR CIRCULATION \/ USO INTERNO — NO DIFUNDIR<\/strong>/);
      expect(html).toContain(`<title>${INTERNAL_MARK} · `);
      const sections = html.match(/<section[^>]*>\n[^\n]*/g)!;
      expect(sections.length).toBeGreaterThan(5);
      for (const s of sections) expect(s).toContain(INTERNAL_MARK);
      expect(html).toMatch(/<html lang="en">/);
      expect(html).not.toContain('class="suppressed"');
    } finally {
      rmSync(internal.dir, { recursive: true, force: true });
    }
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
