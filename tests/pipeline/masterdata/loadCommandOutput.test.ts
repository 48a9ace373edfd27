import path from "node:path";
import { runLoad, tempDir, writeCsv } from "./masterFixtures";

const HEADER = "service_number,institution,sex,rank,category,status";

describe("pa1325 load output", () => {
  it("lists the first 20 issues of a refused file and points at master_load_issues for the rest; --json has all", async () => {
    const dir = tempDir();
    const db = path.join(dir, "m.duckdb");
    const rows = Array.from({ length: 25 }, (_, i) => `${40123400 + i},EP,Q,CAP,OFICIALES,active`);
    const file = writeCsv(dir, "many.csv", [HEADER, ...rows]);
    const text = await runLoad(["personnel", file, "--db", db], { text: true });
    expect(text.code).toBe(1);
    expect(text.stdout[0]).toBe("REFUSED    personnel: many.csv has 25 error(s); nothing was loaded and the dataset stays empty. Refusal recorded as load 1.");
    expect(text.stdout[1]).toBe('    row 2, column "sex": INVALID_SEX: "Q" is not a recognised sex. Write F or M (Mujer/Hombre, Femenino/Masculino, Female/Male also work).');
    expect(text.stdout.slice(1, 21).every((l) => l.includes("INVALID_SEX"))).toBe(true);
    expect(text.stdout.slice(21)).toEqual(["    … and 5 more; see master_load_issues (load_id 1) or --json", "Fix what is listed in the file and load it again."]);
    const json = await runLoad(["personnel", file, "--db", db]);
    expect(json.json!.issues.map((i) => i.row)).toEqual(Array.from({ length: 25 }, (_, i) => i + 2));
  });

  it("speaks Spanish by default", async () => {
    const dir = tempDir();
    const db = path.join(dir, "m.duckdb");
    const file = writeCsv(dir, "p.csv", [`${HEADER},apodo`, "40123456,EP,F,CAP,OFICIALES,active,x"]);
    const r = await runLoad(["personnel", file, "--db", db], { text: true, env: { PA1325_LANG: "es" } });
    expect(r.stdout).toEqual([
      "cargado    personnel: 1 fila de p.csv (carga 1); primera carga de este conjunto; 1 aviso(s).",
      "  ! fila 1: UNKNOWN_COLUMNS: Se ignoraron 1 columna(s) que este formato no usa: «apodo». Su contenido no se guardó; si contienen datos personales, quítelas del archivo.",
    ]);
  });

  it("explains the datasets, the formats and that Parquet is not accepted in --help", async () => {
    const r = await runLoad(["--help"], { text: true });
    expect(r.code).toBe(0);
    const help = r.stdout.join("\n");
    for (const word of ["personnel", "training", "deployments", "un-gender", "un-targets", "Parquet is not accepted", "docs/data-model.md"]) expect(help).toContain(word);
  });
});
