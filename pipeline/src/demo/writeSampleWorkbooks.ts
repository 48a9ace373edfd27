import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { currentCatalog } from "../../../core/src/catalog/builtInCatalogs";
import type { Catalog } from "../../../core/src/catalog/Catalog";
import type { Language } from "../../../core/src/i18n/Language";
import { buildTemplateLayout } from "../../../core/src/layout/buildTemplateLayout";
import { rowKey } from "../../../core/src/layout/rowKeys";
import type { TemplateLayout } from "../../../core/src/layout/TemplateLayout";
import { rosterCell } from "../../../core/src/layout/buildRosterSheet";
import { writeTemplateXlsx } from "../xlsx/writeTemplateXlsx";
import { fillTemplate, type Inputs, type Person } from "./fillTemplate";
import { Random } from "./Random";
import { syntheticPeople } from "./syntheticPeople";

type Outcome = "accepted" | "replaced" | "refused";

interface Sample {
  file: string;
  institution: string;
  period: string;
  language: Language;
  outcome: Outcome;
  what: string;
  mutate?: (inputs: Inputs, layout: TemplateLayout) => void;
  /** Re-saved by LibreOffice, to show files from another program read the same. */
  viaLibreOffice?: boolean;
}

const SCALE: Record<string, number> = { EP: 1, MGP: 0.6, FAP: 0.5, CCFFAA: 0.3, CECOPAZ: 0.8, DIGEDOC: 0.3, DIGRIN: 0.15, DIGEPE: 0.1 };

/**
 * Writes sample-workbooks/: blank templates and filled examples for several institutions and two semesters,
 * some with deliberate mistakes, and the README that says what each one shows. Deterministic but for the
 * xlsx timestamps. `npm run samples` regenerates them.
 */
export async function writeSampleWorkbooks(outDir: string): Promise<void> {
  const catalog = currentCatalog();
  const samples: Sample[] = [];
  for (const inst of ["EP", "MGP", "FAP", "CCFFAA", "CECOPAZ", "DIGEPE", "DIGEDOC", "DIGRIN"]) {
    samples.push({
      file: `submitted/2025-S2/pa1325-${inst}-2025-S2.xlsx`,
      institution: inst,
      period: "2025-S2",
      language: "es",
      outcome: "accepted",
      what: inst === "EP" ? "Complete and correct, re-saved by LibreOffice Calc (another program reads the same)." : "Complete and correct.",
      viaLibreOffice: inst === "EP",
    });
  }
  samples.push(
    { file: "submitted/2026-S1/pa1325-EP-2026-S1.xlsx", institution: "EP", period: "2026-S1", language: "es", outcome: "accepted", what: "Complete and correct, with a roster of people trained and a gender focal point deployed." },
    { file: "submitted/2026-S1/pa1325-MGP-2026-S1-en.xlsx", institution: "MGP", period: "2026-S1", language: "en", outcome: "accepted", what: "Complete and correct, filled in the English template." },
    { file: "submitted/2026-S1/pa1325-CECOPAZ-2026-S1.xlsx", institution: "CECOPAZ", period: "2026-S1", language: "es", outcome: "accepted", what: "Complete and correct: CECOPAZ's peace-operations courses with their participants on the roster." },
    { file: "submitted/2026-S1/pa1325-CCFFAA-2026-S1-v1.xlsx", institution: "CCFFAA", period: "2026-S1", language: "es", outcome: "accepted", what: "First version of the Joint Command's report." },
    {
      file: "submitted/2026-S1/pa1325-CCFFAA-2026-S1-v2.xlsx",
      institution: "CCFFAA",
      period: "2026-S1",
      language: "es",
      outcome: "replaced",
      what: "A corrected resubmission: replaces v1 (kept as history); the ingest lists the three values that changed.",
      mutate: (inputs, layout) => {
        bump(inputs, layout, rowKey("PREV-2.1", { category: "OFICIALES" }), "women", 2);
        bump(inputs, layout, rowKey("RR-2.1", { mission: "MINUSCA" }), "total", 1);
        bump(inputs, layout, rowKey("PROT-2.2", { partnerScope: "NATIONAL" }), "total", 3);
      },
    },
    {
      file: "submitted/2026-S1/pa1325-FAP-2026-S1-with-mistakes.xlsx",
      institution: "FAP",
      period: "2026-S1",
      language: "es",
      outcome: "refused",
      what: "Three mistakes: text in a number cell, a negative number, and more people trained than selected as gender focal points. Refused with all three listed, each with its cell.",
      mutate: (inputs, layout) => {
        const ind = sheetName(layout, "indicators");
        inputs.get(ind)!.set(row(layout, rowKey("PREV-2.1", { category: "OFICIALES" })).women!, "doce");
        inputs.get(ind)!.set(row(layout, rowKey("PREV-2.1", { category: "CADETES" })).men!, -3);
        const selected = row(layout, rowKey("PREV-1.3", { stage: "SELECTED" }));
        const trained = row(layout, rowKey("PREV-1.3", { stage: "TRAINED" }));
        inputs.get(ind)!.set(trained.women!, Number(inputs.get(ind)!.get(selected.women!) ?? 0) + 2);
      },
    },
    {
      file: "submitted/2026-S1/pa1325-DIGEPE-2026-S1-with-mistakes.xlsx",
      institution: "DIGEPE",
      period: "2026-S1",
      language: "es",
      outcome: "refused",
      what: "A directive marked approved without its approval date. Refused; the message names the cell to fill.",
      mutate: (inputs, layout) => {
        const del = sheetName(layout, "deliverables");
        const d = layout.deliverableRows[0]!;
        inputs.get(del)!.set(d.status, "Aprobado");
        inputs.get(del)!.set(d.progress, 100);
        inputs.get(del)!.delete(d.date);
      },
    },
    {
      file: "submitted/2026-S1/pa1325-DIGEDOC-2026-S1-with-mistakes.xlsx",
      institution: "DIGEDOC",
      period: "2026-S1",
      language: "es",
      outcome: "refused",
      what: "Roster mistakes: a service number typed with a dash, and the same person listed twice for the same course.",
      mutate: (inputs, layout) => {
        const r = layout.roster!;
        const ros = inputs.get(r.sheet)!;
        ros.set(rosterCell(r, "serviceNumber", r.firstRow + 1), "4012-345");
        const last = [...ros.keys()].filter((k) => k.startsWith(r.columns.serviceNumber)).length + r.firstRow;
        for (const col of ["serviceNumber", "activity", "courseOrMission", "courseType", "start", "end", "hours"] as const) {
          const v = ros.get(rosterCell(r, col, r.firstRow));
          if (v !== undefined) ros.set(rosterCell(r, col, last), v);
        }
      },
    },
    {
      file: "submitted/2026-S1/pa1325-DIGRIN-2026-S1-en.xlsx",
      institution: "DIGRIN",
      period: "2026-S1",
      language: "en",
      outcome: "accepted",
      what: "Accepted with two warnings: a number typed as text (taken as the number), and one indicator not reported yet.",
      mutate: (inputs, layout) => {
        const ind = sheetName(layout, "indicators");
        inputs.get(ind)!.set(row(layout, rowKey("RR-1.1", {})).total, " 2 ");
        for (const r of layout.indicatorRows.filter((x) => x.indicator === "PROT-2.2")) inputs.get(ind)!.delete(r.total);
      },
    },
  );

  const people = new Map<string, Person[]>();
  const rng = new Random(1325);
  for (const inst of Object.keys(SCALE)) people.set(inst, syntheticPeople(catalog, inst, Math.round(4000 * SCALE[inst]!), 0.13, rng));
  const everyone = ["EP", "MGP", "FAP"].flatMap((i) => people.get(i)!);

  rmSync(path.join(outDir, "submitted"), { recursive: true, force: true });
  rmSync(path.join(outDir, "blank"), { recursive: true, force: true });
  for (const [i, s] of samples.entries()) {
    const generatedAt = s.period === "2025-S2" ? "2026-01-08T14:00:00.000Z" : "2026-07-06T14:00:00.000Z";
    const layout = buildTemplateLayout(catalog, s.institution, s.period, s.language, { generatedBy: "pa1325 template", generatedAt });
    const seed = s.file.includes("CCFFAA-2026-S1-v2") ? samples.findIndex((x) => x.file.includes("CCFFAA-2026-S1-v1")) : i;
    const r = new Random(1000 + seed);
    const inputs = fillTemplate(catalog, layout, {
      rng: r,
      people: s.institution === "CECOPAZ" ? everyone : people.get(s.institution)!,
      scale: SCALE[s.institution]!,
      womenShare: 0.13,
      preparedBy: s.language === "es" ? `Comité de género — ${s.institution}` : `Gender committee — ${s.institution}`,
    });
    s.mutate?.(inputs, layout);
    await writeXlsx(path.join(outDir, s.file), layout, inputs, new Date(generatedAt), s.viaLibreOffice ?? false);
  }
  const blanks: Array<[string, Language]> = [["EP", "es"], ["CECOPAZ", "es"], ["DIGRIN", "en"]];
  for (const [inst, language] of blanks) {
    const layout = buildTemplateLayout(catalog, inst, "2026-S2", language, { generatedBy: "pa1325 template", generatedAt: "2026-07-06T14:00:00.000Z" });
    await writeXlsx(path.join(outDir, `blank/pa1325-${inst}-2026-S2${language === "en" ? "-en" : ""}.xlsx`), layout, new Map(), new Date("2026-07-06T14:00:00Z"), false);
  }
  mkdirSync(path.join(outDir, "submitted", "not-templates"), { recursive: true });
  writeFileSync(path.join(outDir, "submitted/not-templates/notes-renamed.xlsx"), "institution;period;note\nEP;2026-S1;sent by email\n");
  await writeForeignWorkbook(path.join(outDir, "submitted/not-templates/someone-elses-spreadsheet.xlsx"));
  writeFileSync(path.join(outDir, "README.md"), readme(catalog, samples, blanks));
}

async function writeXlsx(file: string, layout: TemplateLayout, inputs: Inputs, now: Date, viaLibreOffice: boolean): Promise<void> {
  mkdirSync(path.dirname(file), { recursive: true });
  const buffer = await writeTemplateXlsx(layout, { inputs, now });
  if (!viaLibreOffice) {
    writeFileSync(file, buffer);
    return;
  }
  const work = mkdtempSync(path.join(os.tmpdir(), "pa1325-samples-"));
  try {
    const source = path.join(work, "in", path.basename(file));
    mkdirSync(path.dirname(source));
    writeFileSync(source, buffer);
    execFileSync("soffice", [`-env:UserInstallation=file://${work}/profile`, "--headless", "--calc", "--convert-to", "xlsx", "--outdir", path.join(work, "out"), source], { stdio: "ignore", timeout: 120_000 });
    writeFileSync(file, readFileSync(path.join(work, "out", path.basename(file))));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function writeForeignWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Hoja1");
  ws.addRows([["Curso", "Participantes"], ["Género 2026", 31]]);
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
}

function sheetName(layout: TemplateLayout, role: string): string {
  return layout.sheets.find((s) => s.role === role)!.name;
}

function row(layout: TemplateLayout, key: string) {
  const r = layout.indicatorRows.find((x) => x.key === key);
  if (!r) throw new Error(`no row ${key} in ${layout.institution}'s template`);
  return r;
}

function bump(inputs: Inputs, layout: TemplateLayout, key: string, field: "women" | "total", by: number): void {
  const ind = sheetName(layout, "indicators");
  const cell = row(layout, key)[field]!;
  inputs.get(ind)!.set(cell, Number(inputs.get(ind)!.get(cell) ?? 0) + by);
}

function readme(catalog: Catalog, samples: Sample[], blanks: Array<[string, Language]>): string {
  const outcome: Record<Outcome, string> = { accepted: "accepted", replaced: "accepted, replaces v1", refused: "**refused**" };
  return `# Sample workbooks

Written by \`npm run samples\` (pipeline/src/demo/writeSampleWorkbooks.ts) from catalog ${catalog.version}: synthetic
data for made-up people, never real personnel. Try them:

\`\`\`sh
npx pa1325 ingest sample-workbooks/submitted --db /tmp/samples.duckdb   # exits 1: some files are refused on purpose
npx pa1325 ingest sample-workbooks/submitted --db /tmp/samples.duckdb   # again: every file "unchanged" or refused again
\`\`\`

## Blank templates (\`blank/\`)

${blanks.map(([inst, lang]) => `- \`blank/pa1325-${inst}-2026-S2${lang === "en" ? "-en" : ""}.xlsx\`: ${inst}'s template for 2026-S2${lang === "en" ? ", in English" : ""}, as \`pa1325 template\` writes it. Ingesting it is refused: nothing is reported yet.`).join("\n")}

## Submitted reports (\`submitted/\`)

| file | institution | semester | outcome on ingest | what it shows |
|---|---|---|---|---|
${samples.map((s) => `| \`${s.file}\` | ${s.institution} | ${s.period} | ${outcome[s.outcome]} | ${s.what} |`).join("\n")}
| \`submitted/not-templates/notes-renamed.xlsx\` | — | — | **refused** | A text (CSV) file renamed to .xlsx: refused before anything reads it. |
| \`submitted/not-templates/someone-elses-spreadsheet.xlsx\` | — | — | **refused** | A real workbook that is not a PA1325 template. |

Files are ingested in name order, so \`-v2\` comes after \`-v1\`.
`;
}

if (require.main === module) {
  const out = process.argv[2] ?? "sample-workbooks";
  writeSampleWorkbooks(out).then(
    () => console.log(`sample workbooks written to ${out}${existsSync("/usr/bin/soffice") ? "" : " (LibreOffice missing: the re-saved sample failed)"}`),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
