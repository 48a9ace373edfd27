import { currentCatalog } from "../../../core/src/catalog/builtInCatalogs";
import { changeLines } from "../../../pipeline/src/ingest/fileOutput";
import { valueKey } from "../../../pipeline/src/db/submissionStore";
import { describeValueKey } from "../../../pipeline/src/ingest/describeValueKey";
import type { ValueChange } from "../../../pipeline/src/ingest/IngestResult";

// What a resubmission changed, as the analyst reads it: the stored key (stable, for tools) and the same in words.
const catalog = currentCatalog();
const label = (key: string) => describeValueKey(catalog, key);

describe("a stored value's key in words", () => {
  it("names the breakdown in the indicator's order, women and men last, in both languages", () => {
    const key = valueKey("PREV-2.1", { sex: "F", category: "OFICIALES" });
    expect(key).toBe("PREV-2.1|category=OFICIALES;sex=F");
    expect(label(key)).toEqual({ es: "PREV-2.1 · Oficiales · Mujeres", en: "PREV-2.1 · Officers · Women" });
    expect(label("PROT-2.2|partnerScope=NATIONAL")).toEqual({ es: "PROT-2.2 · Instituciones nacionales", en: "PROT-2.2 · National institutions" });
  });

  it("names a UN mission by its acronym", () => {
    expect(label("RR-2.1|mission=MINUSCA")).toEqual({ es: "RR-2.1 · MINUSCA", en: "RR-2.1 · MINUSCA" });
  });

  it("names a deliverable's status", () => {
    expect(label("PREV-3.1|*status=APPROVED")).toEqual({ es: "PREV-3.1 · estado «Aprobado»", en: 'PREV-3.1 · status "Approved"' });
  });

  it("shows codes it does not know as they are (a value stored under an older catalog)", () => {
    expect(label("OLD-9|category=RETIRED_CODE;sex=M")).toEqual({ es: "OLD-9 · RETIRED_CODE · Hombres", en: "OLD-9 · RETIRED_CODE · Men" });
    expect(label("PREV-3.1|*status=constructor")).toEqual({ es: "PREV-3.1 · estado «constructor»", en: 'PREV-3.1 · status "constructor"' });
    expect(label("PREV-1.1|")).toEqual({ es: "PREV-1.1", en: "PREV-1.1" });
  });
});

describe("the lines printed for a resubmission's changes", () => {
  const change = (key: string, before: number | null, after: number | null, cell: string): ValueChange => ({ key, label: label(key), cell, before, after });

  it("prints a value's change with its cell, a value added or gone with a dash", () => {
    const lines = changeLines([change("PREV-2.1|category=OFICIALES;sex=F", 5, 7, "E19"), change("PREV-2.2|outputType=ARTICLE", null, 3, "G28"), change("RR-2.1|mission=MINUSCA", 1, null, "G64")], "en");
    expect(lines).toEqual(["E19 PREV-2.1 · Officers · Women: 5 → 7", "G28 PREV-2.2 · Articles: — → 3", "G64 RR-2.1 · MINUSCA: 1 → —"]);
  });

  it("joins a deliverable's old and new status into one line, in the order the changes come", () => {
    const changes = [
      change("PREV-2.1|category=OFICIALES;sex=F", 5, 7, "E19"),
      change("PREV-3.1|*status=APPROVED", null, 1, "C5"),
      change("PREV-3.1|*status=UNDER_REVIEW", 1, null, "C5"),
      change("PREV-3.2|*status=IN_FORCE", null, 1, "C6"),
    ];
    expect(changeLines(changes, "es")).toEqual([
      "E19 PREV-2.1 · Oficiales · Mujeres: 5 → 7",
      "C5 PREV-3.1 · estado: En revisión → Aprobado",
      "C6 PREV-3.2 · estado: — → Vigente",
    ]);
  });
});
