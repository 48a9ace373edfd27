import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { currentCatalog } from "../../../core/src/catalog/builtInCatalogs";
import { buildTemplateLayout } from "../../../core/src/layout/buildTemplateLayout";
import type { TemplateLayout } from "../../../core/src/layout/TemplateLayout";
import { ingest } from "../../../pipeline/src/ingest/ingest";
import { loadMasterData } from "../../../pipeline/src/masterdata/loadMasterData";
import type { MasterDataset } from "../../../pipeline/src/masterdata/MasterDataset";
import { createReaderPool } from "../../../pipeline/src/xlsx/readWorkbook";
import { zeroFilledGrid } from "../../helpers/fillTemplate";
import type { GridBuilder } from "../../helpers/GridBuilder";
import { FakeWorkbooks } from "../ingest/fakeReader";

export const KEY = "small-dataset-key-0123456789abcdefghij";
const catalog = currentCatalog();

/**
 * A small semester (2026-S1) whose statistics are worked out by hand in the tests:
 *
 * People (personnel data): EP 50000001 F officer, 50000002 M NCO, 50000003 F officer; MGP 70000001 M officer,
 * 70000002 F NCO; ten EP soldiers deployed to MINUSCA as troops (two women: 50000011, 50000012) and two EP
 * officers as observers in UNISFA (one woman: 50000021), all deployed all semester.
 *
 * Reports: EP lists 50000001–3 as trained on gender and reports them (officers 2 women, NCOs 1 man); the Navy
 * lists 70000001, 70000002 and also the Army's 50000001 (its course took her), reporting officers 1 woman and 1
 * man, NCOs 1 woman. PREV-2.1 (conference attendees): EP officers 6 women 20 men, NCOs 2 women 30 men; Navy
 * officers 4 women 10 men, NCOs 5 women 15 men. Every other value 0. EP arrives on time (2026-07-10), the Navy
 * late (2026-08-15, after the 2026-07-30 deadline); DIGRIN sends a file with an error; nobody else reports.
 *
 * UN data for March 2026, MINUSCA troops: Peru 2 women 8 men, Bangladesh 10 women 90 men. Targets for 2026:
 * contingents 10 %, staff officers and observers 60 %.
 */
export async function buildSmallDataset(): Promise<{ db: string; dir: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-small-"));
  const db = path.join(dir, "small.duckdb");
  const files = new FakeWorkbooks();
  const env = { PA1325_KEY: KEY };
  const IND = "Indicadores";
  const ROS = "Registro";

  const ep = buildTemplateLayout(catalog, "EP", "2026-S1", "es");
  const mgp = buildTemplateLayout(catalog, "MGP", "2026-S1", "es");
  const digrin = buildTemplateLayout(catalog, "DIGRIN", "2026-S1", "es");
  const cell = (layout: TemplateLayout, key: string, field: "women" | "men" | "total") => layout.indicatorRows.find((r) => r.key === key)![field]!;
  const trained = (g: GridBuilder, row: number, sn: string) => {
    for (const [col, v] of Object.entries({ B: sn, C: "Capacitación", D: "Curso de género 2026-I", E: "Género y empoderamiento de la mujer", G: "2026-03-02", H: "2026-03-06", I: 30 })) g.set(ROS, `${col}${row}`, v);
  };

  const epGrid = zeroFilledGrid(ep)
    .set(IND, cell(ep, "PREV-1.1|category=OFICIALES", "women"), 2)
    .set(IND, cell(ep, "PREV-1.1|category=TECNICOS_SUBOFICIALES", "men"), 1)
    .set(IND, cell(ep, "PREV-2.1|category=OFICIALES", "women"), 6)
    .set(IND, cell(ep, "PREV-2.1|category=OFICIALES", "men"), 20)
    .set(IND, cell(ep, "PREV-2.1|category=TECNICOS_SUBOFICIALES", "women"), 2)
    .set(IND, cell(ep, "PREV-2.1|category=TECNICOS_SUBOFICIALES", "men"), 30);
  ["50000001", "50000002", "50000003"].forEach((sn, i) => trained(epGrid, 5 + i, sn));

  const mgpGrid = zeroFilledGrid(mgp)
    .set(IND, cell(mgp, "PREV-1.1|category=OFICIALES", "women"), 1)
    .set(IND, cell(mgp, "PREV-1.1|category=OFICIALES", "men"), 1)
    .set(IND, cell(mgp, "PREV-1.1|category=TECNICOS_SUBOFICIALES", "women"), 1)
    .set(IND, cell(mgp, "PREV-2.1|category=OFICIALES", "women"), 4)
    .set(IND, cell(mgp, "PREV-2.1|category=OFICIALES", "men"), 10)
    .set(IND, cell(mgp, "PREV-2.1|category=TECNICOS_SUBOFICIALES", "women"), 5)
    .set(IND, cell(mgp, "PREV-2.1|category=TECNICOS_SUBOFICIALES", "men"), 15);
  ["70000001", "70000002", "50000001"].forEach((sn, i) => trained(mgpGrid, 5 + i, sn));

  const digrinGrid = zeroFilledGrid(digrin).set(IND, cell(digrin, "RR-1.1|", "total"), -1);

  const run = async (name: string, grid: GridBuilder, at: string) => {
    const file = files.add(path.join(dir, name), grid);
    await ingest([file], { dbFile: db, dryRun: false, maxFileBytes: 1e6 }, { now: () => new Date(at), env, warn: () => {}, createReader: () => files.reader() });
  };
  await run("ep.xlsx", epGrid, "2026-07-10T12:00:00Z");
  await run("mgp.xlsx", mgpGrid, "2026-08-15T12:00:00Z");
  await run("digrin.xlsx", digrinGrid, "2026-07-20T12:00:00Z");

  const soldiers = Array.from({ length: 10 }, (_, i) => `500000${String(11 + i).padStart(2, "0")}`);
  const csv: Record<MasterDataset, string> = {
    personnel: [
      "service_number,institution,sex,rank,category,status",
      "50000001,EP,F,CAP,OFICIALES,active",
      "50000002,EP,M,TCO_1,TECNICOS_SUBOFICIALES,active",
      "50000003,EP,F,MAY,OFICIALES,active",
      "70000001,MGP,M,TTE_1,OFICIALES,active",
      "70000002,MGP,F,TEC_1,TECNICOS_SUBOFICIALES,active",
      ...soldiers.map((sn, i) => `${sn},EP,${i < 2 ? "F" : "M"},SOLDADO,TROPA_SMV,active`),
      "50000021,EP,F,CAP,OFICIALES,active",
      "50000022,EP,M,CAP,OFICIALES,active",
    ].join("\n"),
    deployments: [
      "service_number,mission,un_personnel_type,role,start_date,end_date",
      ...soldiers.map((sn) => `${sn},MINUSCA,TROOPS,CONTINGENT_MEMBER,2025-02-01,`),
      "50000021,UNISFA,EXPERT_ON_MISSION,OBSERVER,2025-09-01,",
      "50000022,UNISFA,EXPERT_ON_MISSION,OBSERVER,2025-09-01,",
    ].join("\n"),
    "un-gender": [
      "ISOCode3,Contributing_Country,Mission_Acronym,Personnel_Type,Female_Personnel,Male_Personnel,Last_Reporting_Date",
      "PER,Peru,MINUSCA ,Troops,2,8,31/03/2026",
      "BGD,Bangladesh,MINUSCA,Troops,10,90,31/03/2026",
    ].join("\n"),
    "un-targets": ["year,parity_category,target_pct,source", "2026,CONTINGENTS,10,test", "2026,STAFF_OBSERVERS,60,test"].join("\n"),
    training: "",
  };
  for (const dataset of ["personnel", "deployments", "un-gender", "un-targets"] as const) {
    const file = path.join(dir, `${dataset}.csv`);
    writeFileSync(file, `${csv[dataset]}\n`);
    const r = await loadMasterData({ dataset, file, dbFile: db }, { now: () => new Date("2026-09-01T00:00:00Z"), env, warn: () => {}, createReader: () => createReaderPool({ size: 1 }) });
    if (r.status !== "loaded") throw new Error(`${dataset}: ${JSON.stringify(r.issues)}`);
  }
  return { db, dir };
}
