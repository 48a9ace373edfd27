import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { main } from "../../../pipeline/src/cli/main";
import type { RefusedFact, SubmissionFact } from "../../../pipeline/src/db/stats/readSubmissionFacts";
import { describeStatus } from "../../../pipeline/src/cli/commands/statusCommand";
import { buildSemesterStatus } from "../../../pipeline/src/report/data/buildSemesterStatus";
import { CatalogLabels } from "../../../pipeline/src/report/data/catalogLabels";
import { builtInCatalogs, currentCatalog } from "../../../core/src/catalog/builtInCatalogs";
import { indicatorsForInstitution } from "../../../core/src/catalog/catalogQueries";
import { captureEffects } from "../../helpers/captureEffects";
import { holdDatabase } from "../../helpers/holdDatabase";

// `pa1325 status`: where a semester's reporting stands, for the analyst chasing institutions between two rounds of
// ingestion — who sent nothing, whose file was refused, what came late, what an accepted report leaves unanswered.
const SAMPLES = path.join(__dirname, "..", "..", "..", "sample-workbooks", "submitted", "2026-S1");
const env = { PA1325_KEY: "status-test-key-0123456789abcdefghijklmno", PA1325_LANG: "en" };

/** An institution's only version of 2026-S1, received on time. */
const currentVersion = (institution: string, fileName: string): SubmissionFact => ({
  institution,
  period: "2026-S1",
  version: 1,
  status: "current",
  file_name: fileName,
  sha256: createHash("sha256").update(fileName).digest("hex"),
  received_at: "2026-07-15T10:00:00Z",
  first_received_at: "2026-07-15T10:00:00Z",
  warning_count: 0,
});

async function pa1325(at: string, ...args: string[]) {
  const fx = captureEffects({ now: new Date(at), env });
  const code = await main(args, fx.effects);
  return { code, stdout: fx.stdout.join("\n"), stderr: fx.stderr.join("\n") };
}

describe("pa1325 status", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pa1325-status-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const db = path.join(dir, "pa1325.duckdb");
  const file = (name: string) => path.join(SAMPLES, name);

  beforeAll(async () => {
    // EP on time; CCFFAA on time, corrected after the deadline (not late: its first version was not); FAP refused;
    // MGP six days after the deadline (30 June + 30 days); the rest not yet.
    expect((await pa1325("2026-07-10T09:00:00Z", "ingest", file("pa1325-EP-2026-S1.xlsx"), "--db", db)).code).toBe(0);
    expect((await pa1325("2026-07-12T09:00:00Z", "ingest", file("pa1325-CCFFAA-2026-S1-v1.xlsx"), "--db", db)).code).toBe(0);
    expect((await pa1325("2026-07-14T09:00:00Z", "ingest", file("pa1325-FAP-2026-S1-with-mistakes.xlsx"), "--db", db)).code).toBe(1);
    expect((await pa1325("2026-08-05T09:00:00Z", "ingest", file("pa1325-MGP-2026-S1-en.xlsx"), file("pa1325-CCFFAA-2026-S1-v2.xlsx"), "--db", db)).code).toBe(0);
  });

  it("says, institution by institution, what came, what was refused and who sent nothing", async () => {
    const r = await pa1325("2026-08-10T12:00:00Z", "status", "--period", "2026-S1", "--db", db);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("2026-S1: deadline 2026-07-30 (passed 11 day(s) ago). 3 of 8 institutions have an accepted report (1 late), 1 only refused files, 4 nothing received.");
    expect(lines).toContain("EP       accepted    version 1, pa1325-EP-2026-S1.xlsx, received 2026-07-10; 13 of 13 indicators answered");
    expect(lines).toContain("CCFFAA   accepted    version 2, pa1325-CCFFAA-2026-S1-v2.xlsx, received 2026-08-05 (first version 2026-07-12); 15 of 15 indicators answered");
    expect(lines).toContain("MGP      accepted    version 1, pa1325-MGP-2026-S1-en.xlsx, received 2026-08-05, LATE by 6 day(s); 12 of 12 indicators answered");
    expect(lines).toContain("FAP      REFUSED     only refused files: ask for a corrected one");
    expect(lines).toContain(
      "                     refused 2026-07-14: pa1325-FAP-2026-S1-with-mistakes.xlsx (4 in E16 is more than 2 in E15. There cannot be more people trained than selected.)",
    );
    expect(lines.filter((l) => / MISSING {5}nothing received$/.test(l)).map((l) => l.slice(0, 8).trim()).sort()).toEqual(["CECOPAZ", "DIGEDOC", "DIGEPE", "DIGRIN"]);
  });

  it("without --period, says where the semester last ended stands", async () => {
    const august = await pa1325("2026-08-10T12:00:00Z", "status", "--db", db);
    expect(august.code).toBe(0);
    expect(august.stdout).toBe((await pa1325("2026-08-10T12:00:00Z", "status", "--period", "2026-S1", "--db", db)).stdout);
    const january = await pa1325("2027-01-05T12:00:00Z", "status", "--db", db);
    expect(january.stdout.split("\n")[0]).toBe("2026-S2: deadline 2027-01-30 (in 25 day(s)). 0 of 8 institutions have an accepted report (0 late), 0 only refused files, 8 nothing received.");
  });

  it("counts the days to the deadline, in Spanish too, and gives the same as JSON", async () => {
    const es = await pa1325("2026-07-20T12:00:00Z", "status", "--period", "2026-S1", "--db", db, "--lang", "es");
    expect(es.stdout.split("\n")[0]).toMatch(/^2026-S1: plazo 2026-07-30 \(vence en 10 día\(s\)\)\. /);
    const json = await pa1325("2026-07-20T12:00:00Z", "status", "--period", "2026-S1", "--db", db, "--json");
    const status = JSON.parse(json.stdout) as { deadline: string; institutions: Array<{ institution: string; state: string; current: { late: boolean } | null }> };
    expect(status.deadline).toBe("2026-07-30");
    expect(Object.fromEntries(status.institutions.map((i) => [i.institution, i.state]))).toMatchObject({ EP: "received", FAP: "refused", DIGRIN: "missing" });
  });

  it("reads a database another process is reading too, not one it is writing", async () => {
    const reader = await holdDatabase(db, { readOnly: true });
    try {
      expect((await pa1325("2026-08-10T12:00:00Z", "status", "--period", "2026-S1", "--db", db)).code).toBe(0);
      expect((await pa1325("2026-08-10T12:00:00Z", "check", "--db", db)).code).toBe(0);
    } finally {
      await reader.release();
    }
    const writer = await holdDatabase(db);
    try {
      const r = await pa1325("2026-08-10T12:00:00Z", "status", "--period", "2026-S1", "--db", db);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`is in use by another process (PID ${writer.pid})`);
    } finally {
      await writer.release();
    }
  });

  it("refuses a wrong semester, one before the plan, and a database that is not there", async () => {
    expect((await pa1325("2026-08-10T12:00:00Z", "status", "--period", "2026-1", "--db", db)).stderr).toContain("--period must be a semester such as 2026-S1");
    expect((await pa1325("2026-08-10T12:00:00Z", "status", "--period", "2026-S1", "--db", path.join(dir, "none.duckdb"))).code).toBe(2);
    const before = await pa1325("2026-08-10T12:00:00Z", "status", "--period", "2020-S1", "--db", db);
    expect(before.code).toBe(2);
    expect(before.stderr).toMatch(/^Error: no catalog of the plan is in force in 2020-S1: the first is in force from \d{4}-S[12]\./);
  });

  it("does not list a refused file that an accepted version came after (that version answered it)", () => {
    const submission = currentVersion("EP", "EP-fixed.xlsx");
    const refusedAt = (at: string, name: string): RefusedFact => ({ institution: "EP", period: "2026-S1", file_name: name, sha256: name.padEnd(64, "x"), reason_code: "NOT_A_NUMBER", recorded_at: at, message_es: null, message_en: null });
    const status = buildSemesterStatus(builtInCatalogs(), "2026-S1", 30, [submission], [refusedAt("2026-07-14T10:00:00Z", "EP-before.xlsx"), refusedAt("2026-07-16T10:00:00Z", "EP-after.xlsx")], []);
    expect(status.institutions.find((i) => i.institution === "EP")!.refused.map((r) => r.fileName)).toEqual(["EP-after.xlsx"]);
  });

  it("names each indicator an accepted report leaves unanswered, in the reader's language", () => {
    const submission = currentVersion("DIGEDOC", "DIGEDOC.xlsx");
    const expected = indicatorsForInstitution(currentCatalog(), "DIGEDOC").map((x) => x.indicator.code);
    const [first, ...answered] = expected;
    const reported = answered.map((code) => ({ institution: "DIGEDOC", period: "2026-S1", indicator_code: code }));
    const status = buildSemesterStatus(builtInCatalogs(), "2026-S1", 30, [submission], [], reported);
    const text = (lang: "es" | "en") => {
      const labels = new CatalogLabels(currentCatalog(), builtInCatalogs(), lang);
      return describeStatus(status, "2026-08-01", lang, (code) => labels.indicatorText(code));
    };
    const wording = indicatorsForInstitution(currentCatalog(), "DIGEDOC")[0]!.indicator.text;
    expect(text("en")).toContain(`DIGEDOC  accepted    version 1, DIGEDOC.xlsx, received 2026-07-15; ${answered.length} of ${expected.length} indicators answered`);
    expect(text("en")).toContain(`                     unanswered ${first}: ${wording.en}`);
    expect(text("es")).toContain(`                     sin respuesta ${first}: ${wording.es}`);
    expect(text("en").filter((l) => l.includes("unanswered"))).toHaveLength(1);
  });

  it("with --institution, lists what to write to it: warnings to confirm, and every error of each refused file", async () => {
    const one = path.join(dir, "one-institution.duckdb");
    expect((await pa1325("2026-07-10T09:00:00Z", "ingest", file("pa1325-DIGRIN-2026-S1-en.xlsx"), file("pa1325-FAP-2026-S1-with-mistakes.xlsx"), "--db", one)).code).toBe(1);
    const digrin = (await pa1325("2026-07-20T12:00:00Z", "status", "--period", "2026-S1", "--db", one, "--institution", "digrin")).stdout.split("\n");
    expect(digrin.filter((l) => /^[A-Z]+ +(accepted|REFUSED|MISSING)/.test(l)).map((l) => l.slice(0, 8).trim())).toEqual(["DIGRIN"]);
    const at = digrin.indexOf("Version 1 (pa1325-DIGRIN-2026-S1-en.xlsx): 2 warning(s), accepted values worth confirming with the institution:");
    expect(at).toBeGreaterThan(0);
    expect(digrin[at + 1]).toMatch(/^ {4}Indicators!G12 warning NOT_REPORTED: PROT-2\.2 has no values yet\./);
    expect(digrin[at + 2]).toMatch(/^ {4}Indicators!G16 warning NUMBER_AS_TEXT: /);

    const fap = (await pa1325("2026-07-20T12:00:00Z", "status", "--period", "2026-S1", "--db", one, "--institution", "FAP")).stdout.split("\n");
    const from = fap.indexOf("pa1325-FAP-2026-S1-with-mistakes.xlsx, refused 2026-07-10: 3 error(s) to fix before sending it again:");
    // Row by row, as the institution reads its sheet, whatever order the checks found them in.
    expect(fap.slice(from + 1, from + 4).map((l) => l.trim().split(":")[0])).toEqual(["Indicadores!E16 EXCEEDS_RELATED_VALUE", "Indicadores!E19 NOT_A_NUMBER", "Indicadores!F20 NEGATIVE_NUMBER"]);

    const json = JSON.parse((await pa1325("2026-07-20T12:00:00Z", "status", "--period", "2026-S1", "--db", one, "--institution", "FAP", "--json")).stdout) as {
      institutions: Array<{ institution: string; warnings: unknown[]; refused: Array<{ issues: Array<{ severity: string; cell: string }> }> }>;
    };
    expect(json.institutions.map((i) => i.institution)).toEqual(["FAP"]);
    expect(json.institutions[0]!.warnings).toEqual([]);
    expect(json.institutions[0]!.refused[0]!.issues.map((i) => `${i.severity} ${i.cell}`)).toEqual(["error E16", "error E19", "error F20"]);

    const wrong = await pa1325("2026-07-20T12:00:00Z", "status", "--period", "2026-S1", "--db", one, "--institution", "NAVY");
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("--institution NAVY is not an institution that reports in 2026-S1. Use one of: DIGEPE, DIGEDOC, DIGRIN, CCFFAA, EP, MGP, FAP, CECOPAZ.");
  });
});
