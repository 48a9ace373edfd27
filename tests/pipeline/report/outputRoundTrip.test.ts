import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { tableFromIPC } from "apache-arrow";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import type { ReportData } from "../../../core/src/stats/ReportData";
import { readParquetFile } from "../../../pipeline/src/db/readParquetFile";
import { startsLikeFormula } from "../../../pipeline/src/report/format/neutraliseText";
import { escapeHtml } from "../../../pipeline/src/report/html/safeHtml";
import { SHEET_NAMES } from "../../../pipeline/src/report/reportText";
import { readZipEntries } from "../../../pipeline/src/report/xlsx/zipArchive";
import { readWorkbook } from "../../../pipeline/src/xlsx/readWorkbook";
import { decodeCellText } from "../../../pipeline/src/xlsx/xmlText";
import { reportFixture } from "../../helpers/reportFixture";
import { listFiles } from "../../reliability/crashHarness";
import { writePackToTemp } from "./packHelpers";

// Write-then-read over the characters text from a submission can hold (a deliverable's reference is typed by
// staff and published as is): through every writer of the pack — the workbook (read back with the project's
// reader), the web page, CSV (read with csv-parse, undoing only the documented apostrophe), Arrow and Parquet —
// each text comes back unchanged, and never as something a spreadsheet would run. textSafety.test.ts and
// dataFiles.test.ts check the known payloads one by one; this checks any mix of them.

/** Spanish and other letters, digits, punctuation, quotes, markup, spaces, tabs, line ends, controls, emoji. */
const CHARS = [
  ..."abcxyzABCXYZáéíóúüñÁÉÍÓÚÜÑ¿¡«»ºª°€",
  ..."0123456789",
  ..."=+-@'\"`,;:.!?()[]{}<>&/\\|*%$#_~^",
  " ", "\u00A0", "\t", "\r", "\n", "\r\n", "\u0001", "\u0007", "\u001B", "\u001F",
  "_x0041_", "_x005F_", "_x000D_", "&amp;", "&#x3C;", "<script>", "]]>", "\uD83D\uDE00", "\u200B", "\u202E",
];
/** What a formula, a command or a spreadsheet's text mark could start with. */
const PREFIXES = ["", "", "", "=", "+", "-", "@", "\t", "\r", "\n", "'", "'=", "''+", "=HYPERLINK(\"http://x\",\"y\")", "+1+2", "@SUM(1)", "-3+3", "=cmd|' /C calc'!A0", " ="];

const textArb = fc
  .tuple(fc.constantFrom(...PREFIXES), fc.array(fc.constantFrom(...CHARS), { minLength: 0, maxLength: 24 }))
  .map(([prefix, chars]) => prefix + chars.join(""))
  .filter((s) => s.length > 0);

/** The fixture with one deliverable per text, each text as the deliverable's reference. */
function withReferences(texts: readonly string[]): ReportData {
  const data = reportFixture();
  const model = data.deliverables[0]!;
  data.deliverables = texts.map((reference, i) => ({ ...model, institution: ["EP", "MGP", "FAP"][i % 3]!, indicatorCode: model.indicatorCode, reference }));
  return data;
}

/** The CSV convention (docs/data-model.md): strip one leading apostrophe from a text field it was added to. */
function undoCsvApostrophe(field: string): string {
  return /^'+[=+\-@\t\r\n]/.test(field) ? field.slice(1) : field;
}

/** Text cells of a workbook's sheets that start like a formula but lack Excel's quotePrefix text mark. */
function unmarkedFormulaLikeCells(xlsx: Buffer): string[] {
  const parts = new Map(readZipEntries(xlsx).map((e) => [e.name, e.data.toString("utf8")]));
  const styles = parts.get("xl/styles.xml")!;
  const xfs = [...styles.slice(styles.indexOf("<cellXfs"), styles.indexOf("</cellXfs>")).matchAll(/<xf [^>]*>/g)].map((m) => m[0]);
  const shared = [...(parts.get("xl/sharedStrings.xml") ?? "").matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    [...m[1]!.matchAll(/<t(?: [^>]*)?>([\s\S]*?)<\/t>/g)].map((t) => decodeCellText(t[1]!, "sharedStrings")).join(""),
  );
  const out: string[] = [];
  for (const [name, xml] of parts) {
    if (!name.startsWith("xl/worksheets/sheet")) continue;
    if (/<f[ >]/.test(xml)) out.push(`${name}: a formula`);
    for (const m of xml.matchAll(/<c r="([A-Z]+[0-9]+)"(?: s="([0-9]+)")? t="s"><v>([0-9]+)<\/v><\/c>/g)) {
      const text = shared[Number(m[3])]!;
      if (startsLikeFormula(text) && !xfs[Number(m[2] ?? 0)]!.includes('quotePrefix="1"')) out.push(`${name}!${m[1]}: ${JSON.stringify(text)}`);
    }
  }
  return out;
}

const sorted = (xs: Iterable<unknown>) => [...xs].map((x) => String(x)).sort();

describe("published text, written and read back through every writer of the pack", () => {
  it("comes back unchanged from the workbook, the page, CSV, Arrow and Parquet, and never as a formula", async () => {
    let cases = 0;
    let texts = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(textArb, { minLength: 1, maxLength: 16 }), async (references) => {
        const pack = await writePackToTemp(withReferences(references));
        try {
          cases++;
          texts += references.length;
          // The workbook: every reference is a text cell of the deliverables sheet, exactly; no cell is a formula,
          // and every text that starts like one carries the quoted-text mark.
          const xlsx = readFileSync(pack.files.workbook);
          const book = await readWorkbook(xlsx);
          const sheet = book.sheets.get(SHEET_NAMES.deliverables.es)!;
          const strings = new Set(sheet.values.flatMap((row) => [...(row ?? [])]).filter((v): v is string => typeof v === "string"));
          for (const r of references) expect({ r, inWorkbook: strings.has(r) }).toEqual({ r, inWorkbook: true });
          expect(sheet.formulas?.flat().filter((f) => f !== undefined && f !== null) ?? []).toEqual([]);
          expect(unmarkedFormulaLikeCells(xlsx)).toEqual([]);
          // The page: every reference as escaped text.
          const page = readFileSync(pack.files.html, "utf8");
          for (const r of references) expect({ r, inPage: page.includes(escapeHtml(r)) }).toEqual({ r, inPage: true });
          // The tidy tables.
          const file = (ext: string) => path.join(pack.dir, "data", `deliverables-2026-S1.${ext}`);
          const csv = parse(readFileSync(file("csv"), "utf8"), { bom: true, columns: true }) as Array<Record<string, string>>;
          expect(csv.filter((row) => startsLikeFormula(row.reference!)).map((row) => row.reference)).toEqual([]);
          expect(sorted(csv.map((row) => undoCsvApostrophe(row.reference!)))).toEqual(sorted(references));
          const arrow = tableFromIPC(readFileSync(file("arrow")));
          expect(sorted(arrow.getChild("reference")!.toArray() as string[])).toEqual(sorted(references));
          const parquet = await readParquetFile(file("parquet"));
          expect(sorted(parquet.rows.map((row) => row.reference))).toEqual(sorted(references));
          // The same data and time give the same bytes in every file (determinism.test.ts checks the fixture's own).
          if (cases % 5 === 1) {
            const again = await writePackToTemp(withReferences(references));
            try {
              const files = listFiles(pack.dir);
              expect(listFiles(again.dir)).toEqual(files);
              for (const f of files) expect({ f, same: readFileSync(path.join(pack.dir, f)).equals(readFileSync(path.join(again.dir, f))) }).toEqual({ f, same: true });
            } finally {
              rmSync(again.dir, { recursive: true, force: true });
            }
          }
        } finally {
          rmSync(pack.dir, { recursive: true, force: true });
        }
      }),
      { seed: 1325, numRuns: 25, examples: [[["'=1+1", "=1+1", "'+cmd", "''=x", "'", "'plain"]]] },
    );
    console.log(`output round trip: ${cases} packs, ${texts} texts`);
  });
});
