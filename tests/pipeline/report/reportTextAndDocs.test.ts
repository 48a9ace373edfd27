import { readFileSync } from "node:fs";
import path from "node:path";
import { COMPLETENESS_LABELS, CONSISTENCY_LABELS, EXCLUSION_REASON_LABELS, MONTH_NAMES, PARITY_LABELS, PARITY_SHORT_LABELS, REPORT_TEXT, SECTION_DESCRIPTIONS, SEX_LABELS, SHEET_NAMES, TREND_LABELS } from "../../../pipeline/src/report/reportText";
import { PACK_TABLES } from "../../../pipeline/src/report/tables/packTableSchemas";

describe("reportText", () => {
  it("has every text in Spanish and English, none empty", () => {
    const texts = [
      ...Object.values(REPORT_TEXT),
      ...Object.values(SHEET_NAMES),
      ...Object.values(SECTION_DESCRIPTIONS),
      ...Object.values(SEX_LABELS),
      ...Object.values(EXCLUSION_REASON_LABELS),
      ...Object.values(PARITY_SHORT_LABELS),
      ...Object.values(CONSISTENCY_LABELS).map((l) => l.text),
      ...Object.values(PARITY_LABELS).map((l) => l.text),
      ...Object.values(TREND_LABELS).map((l) => l.text),
      ...Object.values(COMPLETENESS_LABELS).flatMap((l) => [l.mark, l.meaning]),
    ];
    for (const t of texts) {
      expect(t.es.trim()).not.toBe("");
      expect(t.en.trim()).not.toBe("");
    }
    expect(MONTH_NAMES.es).toHaveLength(12);
    expect(MONTH_NAMES.en).toHaveLength(12);
  });

  it("gives sheet names Excel accepts", () => {
    for (const n of Object.values(SHEET_NAMES)) for (const s of [n.es, n.en]) expect(s).toMatch(/^[^[\]:*?/\\']{1,31}$/);
  });

  it("gives each completeness status a distinct mark in each language", () => {
    for (const lang of ["es", "en"] as const) {
      const marks = Object.values(COMPLETENESS_LABELS).map((l) => l.mark[lang]);
      expect(new Set(marks).size).toBe(marks.length);
    }
  });
});

describe("docs/data-model.md", () => {
  const doc = readFileSync(path.join(__dirname, "..", "..", "..", "docs", "data-model.md"), "utf8");
  const section = doc.slice(doc.indexOf("## Published statistics files"));

  it("documents every published table and column with its type", () => {
    expect(section.startsWith("## Published statistics files")).toBe(true);
    for (const t of PACK_TABLES) {
      const start = section.indexOf(`### \`${t.name}\``);
      expect({ table: t.name, documented: start >= 0 }).toEqual({ table: t.name, documented: true });
      const end = section.indexOf("\n### ", start + 1);
      const body = section.slice(start, end < 0 ? undefined : end);
      for (const c of t.columns) expect({ table: t.name, column: c.name, row: body.includes(`| \`${c.name}\` | ${c.type} |`) }).toEqual({ table: t.name, column: c.name, row: true });
    }
  });
});
