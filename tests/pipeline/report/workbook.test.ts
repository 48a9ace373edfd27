import { rmSync } from "node:fs";
import ExcelJS from "exceljs";
import type { ReportData } from "../../../core/src/stats/ReportData";
import { buildCodeLabels } from "../../../pipeline/src/report/format/buildCodeLabels";
import { formatMonth } from "../../../pipeline/src/report/format/formatValues";
import { INTERNAL_MARK, REPORT_TEXT, SEX_LABELS, SHEET_NAMES } from "../../../pipeline/src/report/reportText";
import { readWorkbook, type WorkbookData } from "../../../pipeline/src/xlsx/readWorkbook";
import { INJECTION, reportFixture } from "../../helpers/reportFixture";
import { convertWithLibreOffice, gridRows, writePackToTemp, zipParts, type WrittenPack } from "./packHelpers";

const data = reportFixture();
let pack: WrittenPack;
let original: WorkbookData;
let libreOffice: WorkbookData;
let loFile: string;

beforeAll(async () => {
  pack = await writePackToTemp(data);
  original = await readWorkbook(pack.files.workbook);
  loFile = convertWithLibreOffice(pack.files.workbook);
  libreOffice = await readWorkbook(loFile);
});

afterAll(() => rmSync(pack.dir, { recursive: true, force: true }));

function rows(wb: WorkbookData, sheet: string): unknown[][] {
  const grid = wb.sheets.get(sheet);
  if (!grid) throw new Error(`no sheet ${sheet}; sheets: ${wb.sheetNames.join(", ")}`);
  return gridRows(grid.values);
}

/** The rows under the header row whose first cells read `first`. */
function tableBelow(all: unknown[][], first: string[], headerRows = 1): unknown[][] {
  const at = all.findIndex((r) => first.every((f, i) => r[i] === f));
  if (at < 0) throw new Error(`no header row starting ${first.join(" | ")}`);
  const out: unknown[][] = [];
  for (let i = at + headerRows; i < all.length && all[i]!.some((v) => v !== null); i++) out.push(all[i]!);
  return out;
}

const es = REPORT_TEXT;
const k = `<${data.suppression.k}`;

describe("the Committee workbook, as LibreOffice opens it", () => {
  it("opens in LibreOffice and keeps every sheet, in order", () => {
    const expected = [SHEET_NAMES.cover.es, "1. Prevención", "2. Participación", ...["deliverables", "trends", "parity", "personnel", "completeness", "roster", "data"].map((s) => SHEET_NAMES[s as keyof typeof SHEET_NAMES].es)];
    expect(original.sheetNames).toEqual(expected);
    expect(libreOffice.sheetNames).toEqual(expected);
  });

  it("says on the cover what the pack is, from which files, and how small numbers are hidden", () => {
    const cover = rows(libreOffice, SHEET_NAMES.cover.es);
    const flat = cover.flat();
    expect(cover[0]![0]).toBe(es.packTitle.es);
    expect(cover.find((r) => r[0] === "Semestre")![1]).toBe("1.er semestre 2026 (2026-S1)");
    expect(cover.find((r) => r[0] === "Datos al")![1]).toBe("2026-07-18 09:30 UTC");
    expect(cover.find((r) => r[0] === "Versión del catálogo de indicadores")![1]).toBe("2021.1");
    expect(flat).toContain(es.wordingPending.es);
    expect(flat).toContain("Los recuentos de 1 a 4 personas se muestran como «<5»; otras celdas también se ocultan para que no puedan deducirse a partir de los totales.");
    const included = tableBelow(cover, [es.colInstitution.es, es.colPeriod.es, es.colVersion.es]);
    expect(included.map((r) => [r[0], r[2], r[3], r[5]])).toEqual([
      ["Ejército del Perú", 2, INJECTION.fileName, "no"],
      ["Marina de Guerra del Perú", 1, "MGP 2026-S1.xlsx", "sí"],
    ]);
    const excluded = tableBelow(cover, [es.colFile.es, es.colInstitution.es]);
    expect(excluded.map((r) => [r[0], r[3], r[4]])).toEqual([
      ["EP-v1.xlsx", "reemplazado por una versión posterior", INJECTION.plus],
      ["FAP.xlsx", "rechazado por errores", INJECTION.tab],
      [INJECTION.html, "rechazado por errores", INJECTION.cr],
    ]);
  });

  it("puts every indicator figure of the semester in its area pivot: institution columns, women | men | total", () => {
    const pivot = tableBelow(rows(libreOffice, "1. Prevención"), [es.colCode.es, es.colIndicatorBreakdown.es], 2);
    const groups = [...data.institutions.map((i) => i.code), "*"];
    const area = data.areas.find((a) => a.code === "PREV")!;
    let checked = 0;
    for (const s of data.indicators.filter((x) => x.area === "PREV")) {
      const ind = area.indicators.find((i) => i.code === s.indicatorCode)!;
      const label = s.breakdownKey === "*" ? `${ind.text} (${ind.unit})` : s.breakdown;
      const row = pivot.find((r) => r[0] === s.indicatorCode && String(r[1]).replace(/ †$/, "") === label);
      expect(row).toBeDefined();
      const column = 2 + 3 * groups.indexOf(s.institution) + (s.sex === "F" ? 0 : s.sex === "M" ? 1 : 2);
      expect(row![column]).toEqual(s.value !== null ? s.value : k);
      checked++;
    }
    expect(checked).toBe(data.indicators.filter((x) => x.area === "PREV").length);
  });

  it("shows hidden counts as «<5», never 0 or blank", () => {
    const pivot = tableBelow(rows(libreOffice, "1. Prevención"), [es.colCode.es, es.colIndicatorBreakdown.es], 2);
    const total = pivot.find((r) => r[0] === "PREV-1.1")!;
    // MGP (second group) hid its women and men, published its total.
    expect(total.slice(5, 8)).toEqual([k, k, 20]);
    const cadets = pivot.find((r) => r[1] === "Cadetes")!;
    expect(cadets.slice(2, 5)).toEqual([k, k, 11]);
  });

  it("gives every «<5» its own look, on every sheet", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(pack.files.workbook);
    let hidden = 0;
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.value !== k) return;
          hidden++;
          expect({ sheet: ws.name, italic: cell.font?.italic }).toEqual({ sheet: ws.name, italic: true });
          if (ws.name !== SHEET_NAMES.data.es) expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFEDE7F6");
        }),
      ),
    );
    expect(hidden).toBeGreaterThan(10);
  });

  it("reads each deliverable's status under its institution", () => {
    const pivot = tableBelow(rows(libreOffice, "1. Prevención"), [es.colCode.es, es.colIndicatorBreakdown.es], 2);
    const directive = pivot.find((r) => r[0] === "PREV-3.1")!;
    expect([directive[4], directive[7], directive[10]]).toEqual(["Aprobado", "En elaboración", "En revisión"]);
  });

  it("has one data row per indicator figure in the Excel table, hidden ones as «<5»", () => {
    const table = tableBelow(rows(libreOffice, SHEET_NAMES.data.es), [es.colPeriod.es, es.colArea.es, es.colCode.es]);
    expect(table).toHaveLength(data.indicators.length);
    for (const s of data.indicators) {
      const sex = SEX_LABELS[s.sex ?? "*"].es;
      const row = table.find((r) => r[2] === s.indicatorCode && r[5] === s.institution && r[6] === s.breakdown && r[7] === sex);
      expect(row?.[8]).toEqual(s.value !== null ? s.value : k);
      expect(row?.[9]).toBe(s.suppressed ? "sí" : "no");
    }
  });

  it("formats the data table's values by measure and gives hidden ones their own look", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(pack.files.workbook);
    const ws = wb.getWorksheet(SHEET_NAMES.data.es)!;
    const looks = new Map<unknown, { numFmt: string; italic: boolean }>();
    ws.getColumn(9).eachCell((cell, row) => {
      if (row > 7) looks.set(cell.value, { numFmt: cell.numFmt, italic: cell.font?.italic === true });
    });
    expect(looks.get(12.5)).toEqual({ numFmt: "0.0#", italic: false });
    expect(looks.get(44)).toEqual({ numFmt: "0", italic: false });
    expect(looks.get(k)).toEqual({ numFmt: undefined, italic: true });
  });

  it("shows the UN parity months and the semester against the target, with the status in words", () => {
    const labels = buildCodeLabels(data);
    const table = tableBelow(rows(libreOffice, SHEET_NAMES.parity.es), [es.colParityCategory.es, es.colMission.es]);
    expect(table).toHaveLength(data.parity.length);
    for (const p of data.parity) {
      const month = p.month === "*" ? es.semesterRow.es : formatMonth(p.month, "es");
      const row = table.find((r) => r[0] === labels.parityCategory(p.parityCategory) && r[1] === labels.mission(p.mission) && r[2] === labels.unPersonnelType(p.unPersonnelType) && r[3] === month);
      expect(row).toBeDefined();
      expect(row!.slice(4, 9)).toEqual([
        p.women ?? k,
        p.men ?? k,
        p.total ?? k,
        p.womenSharePct ?? (p.suppressed ? es.withheld.es : "—"),
        p.targetPct ?? "—",
      ]);
      expect(row![10]).toBe(p.unWomenSharePct ?? "—");
    }
    const january = table.find((r) => r[3] === "ene. 2026" && r[1] === "Todas")!;
    expect(january[9]).toBe("verde (cumple la meta)");
    const november = table.find((r) => r[3] === "nov. 2025")!;
    expect(november[9]).toBe("sin meta para el año");
  });

  it("gives personnel by institution, category and rank with women's share", () => {
    const table = tableBelow(rows(libreOffice, SHEET_NAMES.personnel.es), [es.colInstitution.es, es.colCategory.es]);
    expect(table.map((r) => [r[2], r[3], r[4], r[5], r[6]])).toEqual([
      ["Todas", 310, 2890, 3200, 9.7],
      ["General de División", 0, 12, 12, 0],
      ["General de Brigada", k, k, k, es.withheld.es],
      [INJECTION.at, 38, 610, 648, 5.9],
    ]);
  });

  it("marks each cell of the completeness matrix with its short status", () => {
    const table = tableBelow(rows(libreOffice, SHEET_NAMES.completeness.es), [es.colInstitution.es, es.deadline.es]);
    // Three institution rows, then the legend line under the table.
    expect(table.slice(0, 3).map((r) => r.slice(0, 6))).toEqual([
      ["Ejército del Perú", "2026-07-15", "✓", "✓", "✓", "·"],
      ["Marina de Guerra del Perú", "2026-07-15", "T", "T", "NR", "F"],
      ["Fuerza Aérea del Perú", "2026-07-15", "RZ", "RZ", "F", "F"],
    ]);
    expect(String(table[3]![0])).toMatch(/^Leyenda: «✓»: recibido a tiempo; «T»: recibido fuera de plazo;/);
  });

  it("writes no formula anywhere, in our file or in LibreOffice's copy", () => {
    for (const file of [pack.files.workbook, loFile]) {
      const parts = zipParts(file);
      const sheets = [...parts].filter(([name]) => name.startsWith("xl/worksheets/sheet"));
      expect(sheets.length).toBe(original.sheetNames.length);
      for (const [name, xml] of sheets) expect({ name, formula: /<f[ >]/.test(xml) }).toEqual({ name, formula: false });
    }
  });

  it("reads every formula-like payload back as the same text, in our file and in LibreOffice's copy", () => {
    const strings = (wb: WorkbookData) => new Set([...wb.sheets.values()].flatMap((g) => gridRows(g.values).flat()).filter((v): v is string => typeof v === "string"));
    const ours = strings(original);
    const lo = strings(libreOffice);
    for (const payload of [INJECTION.hyperlink, INJECTION.plus, INJECTION.at, INJECTION.minus, INJECTION.tab, INJECTION.cr, INJECTION.fileName, INJECTION.html]) {
      expect({ payload, ours: ours.has(payload) }).toEqual({ payload, ours: true });
      expect({ payload, lo: lo.has(payload) }).toEqual({ payload, lo: true });
    }
  });

  it("marks every text cell that starts like a formula as quoted text (quotePrefix), and only those", () => {
    const parts = zipParts(pack.files.workbook);
    const styles = parts.get("xl/styles.xml")!;
    const xfs = [...styles.slice(styles.indexOf("<cellXfs"), styles.indexOf("</cellXfs>")).matchAll(/<xf [^>]*>/g)].map((m) => m[0]);
    const quoted = new Set(xfs.flatMap((xf, i) => (xf.includes('quotePrefix="1"') ? [String(i)] : [])));
    expect(quoted.size).toBeGreaterThan(0);
    const shared = [...parts.get("xl/sharedStrings.xml")!.matchAll(/<si><t[^>]*>([\s\S]*?)<\/t><\/si>/g)].map((m) => decodeXml(m[1]!));
    let formulaLike = 0;
    for (const [name, xml] of parts) {
      if (!name.startsWith("xl/worksheets/sheet")) continue;
      for (const m of xml.matchAll(/<c r="([A-Z]+[0-9]+)"(?: s="([0-9]+)")? t="s"><v>([0-9]+)<\/v><\/c>/g)) {
        const text = shared[Number(m[3])]!;
        const looksLikeFormula = /^[=+\-@\t\n]|^_x000D_/.test(text);
        if (looksLikeFormula) formulaLike++;
        expect({ name, cell: m[1], text, quoted: quoted.has(m[2] ?? "0") }).toEqual({ name, cell: m[1], text, quoted: looksLikeFormula });
      }
    }
    // The payloads sit in the cover, deliverables, area and personnel sheets; each is marked where it appears.
    expect(formulaLike).toBeGreaterThanOrEqual(8);
  });

  it("freezes the headers, prints landscape one page wide, and formats counts and percentages", () => {
    const parts = zipParts(pack.files.workbook);
    const area = parts.get("xl/worksheets/sheet2.xml")!;
    // Banner-free public copy: title, context, intro, four legend lines, a blank row, then two header rows (9–10).
    expect(area).toMatch(/<pane xSplit="2" ySplit="10" topLeftCell="C11" activePane="bottomRight" state="frozen"\/>/);
    expect(parts.get("xl/workbook.xml")).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="1">&apos;1. Prevención&apos;!$9:$10</definedName>`);
    for (const [name, xml] of parts) {
      if (!name.startsWith("xl/worksheets/sheet")) continue;
      expect({ name, landscape: /<pageSetup[^>]*orientation="landscape"/.test(xml), fit: /<pageSetup[^>]*fitToWidth="1"[^>]*fitToHeight="0"/.test(xml) }).toEqual({ name, landscape: true, fit: true });
      expect({ name, fitToPage: /<pageSetUpPr fitToPage="1"\/>/.test(xml) }).toEqual({ name, fitToPage: true });
    }
    const styles = parts.get("xl/styles.xml")!;
    expect(styles).toContain('formatCode="0.0"');
    // Counts use the built-in "0" (id 1); the table holds the indicator rows.
    expect(styles).toMatch(/<xf numFmtId="1" /);
    expect(parts.get("xl/tables/table1.xml")).toMatch(new RegExp(`ref="A7:L${7 + data.indicators.length}"`));
  });
});

describe("the internal working copy", () => {
  let internal: WrittenPack;
  let wb: WorkbookData;
  let unsuppressed: ReportData;

  beforeAll(async () => {
    unsuppressed = reportFixture({ suppression: false });
    internal = await writePackToTemp(unsuppressed);
    wb = await readWorkbook(internal.files.workbook);
  });

  afterAll(() => rmSync(internal.dir, { recursive: true, force: true }));

  it("says INTERNAL on the first row of every sheet and in the file name", () => {
    expect(internal.files.workbook).toMatch(/committee-2026-S1-internal\.xlsx$/);
    for (const name of wb.sheetNames) expect({ name, a1: wb.sheets.get(name)!.values[0]?.[0] }).toEqual({ name, a1: INTERNAL_MARK });
    expect(zipParts(internal.files.workbook).get("docProps/core.xml")).toContain(INTERNAL_MARK);
  });

  it("shows the counts a published pack hides", () => {
    const pivot = tableBelow(gridRows(wb.sheets.get("1. Prevención")!.values), [es.colCode.es, es.colIndicatorBreakdown.es], 2);
    expect(pivot.find((r) => r[0] === "PREV-1.1")!.slice(5, 8)).toEqual([3, 17, 20]);
  });
});

function decodeXml(s: string): string {
  return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
}

describe("the workbook in English (--lang en)", () => {
  it("names its sheets, headers and labels in English", async () => {
    const english = await writePackToTemp(reportFixture({ language: "en" }));
    try {
      const wb = await readWorkbook(english.files.workbook);
      expect(wb.sheetNames).toEqual(["Cover", "1. Prevention", "2. Participation", "Deliverables", "Trends", "UN parity", "Personnel", "Reports received", "Rosters", "Data"]);
      const pivot = tableBelow(gridRows(wb.sheets.get("1. Prevention")!.values), ["Code", "Indicator / breakdown"], 2);
      expect(pivot.find((r) => r[1] === "Cadets")!.slice(2, 5)).toEqual(["<5", "<5", 11]);
      const cover = gridRows(wb.sheets.get("Cover")!.values).flat();
      expect(cover).toContain("Counts of 1 to 4 people are shown as «<5»; other cells are hidden too so they cannot be worked out from totals.");
      expect(cover).toContain("The Spanish wording of the indicators in this catalog version still awaits the Committee's approval.");
    } finally {
      rmSync(english.dir, { recursive: true, force: true });
    }
  });
});
