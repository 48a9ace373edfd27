import { currentCatalog } from "../../core/src/catalog/builtInCatalogs";
import { buildTemplateLayout } from "../../core/src/layout/buildTemplateLayout";
import { buildContentDigestText } from "../../core/src/validation/contentDigestText";
import { parseEntries } from "../../core/src/validation/parseEntries";
import { validateEntries } from "../../core/src/validation/validateEntries";
import type { ValidationIssue } from "../../core/src/validation/ValidationIssue";
import { zeroFilledGrid } from "../helpers/fillTemplate";
import { type GridBuilder } from "../helpers/GridBuilder";

const catalog = currentCatalog();
const ep = buildTemplateLayout(catalog, "EP", "2026-S1", "es");
const IND = "Indicadores";
const DEL = "Entregables";
const ROS = "Registro";

const issuesOf = (g: GridBuilder, layout = ep, withFormulas = true) => validateEntries(catalog, layout, g.grid({ withFormulas }));
const brief = (issues: ValidationIssue[]) => issues.map((i) => `${i.severity} ${i.code} ${i.location.sheet}!${i.location.cell}`);

describe("validateEntries on a complete template", () => {
  it("finds nothing wrong with every value reported (0 where there was nothing)", () => {
    expect(issuesOf(zeroFilledGrid(ep))).toEqual([]);
    const en = buildTemplateLayout(catalog, "EP", "2026-S1", "en");
    expect(validateEntries(catalog, en, zeroFilledGrid(en).grid())).toEqual([]);
  });

  it("returns each problem as data with a code, a severity, both languages and the cell", () => {
    const issues = issuesOf(zeroFilledGrid(ep).set(IND, "E6", "doce"));
    expect(issues).toEqual([
      {
        code: "NOT_A_NUMBER",
        severity: "error",
        message: {
          es: "«doce» en E6 no es un número. Escriba solo cifras (use punto para los decimales).",
          en: "\"doce\" in E6 is not a number. Type digits only (use a point for decimals).",
        },
        location: { sheet: "Indicadores", cell: "E6" },
        indicator: "PREV-1.1",
      },
    ]);
  });
});

describe("validateEntries: types and ranges", () => {
  it.each([
    ["E6", "doce", "NOT_A_NUMBER"],
    ["E6", "12,5", "NOT_A_NUMBER"],
    ["F7", 2.5, "NOT_WHOLE_NUMBER"],
    ["F7", -1, "NEGATIVE_NUMBER"],
    ["G29", 2_000_000, "OUT_OF_RANGE"],
    ["E6", true, "NOT_A_NUMBER"],
    ["E6", "#N/A", "NOT_A_NUMBER"],
    ["E6", "=2+3", "FORMULA_IN_INPUT"],
  ])("flags %s = %p as %s", (cell, value, code) => {
    expect(brief(issuesOf(zeroFilledGrid(ep).set(IND, cell, value)))).toEqual([`error ${code} ${IND}!${cell}`]);
  });

  it("accepts whole numbers for counts and decimals for hours", () => {
    expect(issuesOf(zeroFilledGrid(ep).set(IND, "E19", 12).set(IND, "G29", 3))).toEqual([]);
    const cecopaz = buildTemplateLayout(catalog, "CECOPAZ", "2026-S1", "es");
    expect(issuesOf(zeroFilledGrid(cecopaz).set(IND, "G16", 12.5).set(IND, "G15", 2.5), cecopaz)).toEqual([]);
  });

  it("takes a number typed as text, with a warning", () => {
    const g = zeroFilledGrid(ep).set(IND, "E19", " 12 ");
    expect(brief(issuesOf(g))).toEqual([`warning NUMBER_AS_TEXT ${IND}!E19`]);
    const parsed = parseEntries(catalog, ep, g.grid());
    expect(parsed.values.find((v) => v.cell === "E19")).toMatchObject({ value: 12, dims: { category: "OFICIALES", sex: "F" } });
  });

  it("flags a note longer than 500 characters", () => {
    expect(brief(issuesOf(zeroFilledGrid(ep).set(IND, "I6", "x".repeat(501))))).toEqual([`error TEXT_TOO_LONG ${IND}!I6`]);
    expect(issuesOf(zeroFilledGrid(ep).set(IND, "I6", "x".repeat(500)))).toEqual([]);
  });
});

describe("validateEntries: required cells", () => {
  it("requires every cell of an indicator once any of it is reported", () => {
    const g = zeroFilledGrid(ep).set(IND, "F6", null);
    const issues = issuesOf(g);
    expect(brief(issues)).toEqual([`error MISSING_VALUE ${IND}!F6`]);
    expect(issues[0]!.message.es).toBe("PREV-1.1 tiene 1 celda(s) vacía(s), desde F6 (el número de hombres). Escriba 0 donde no hubo: un indicador que se reporta no puede tener celdas vacías.");
  });

  it("makes a half-typed indicator one problem at its first blank cell, not one per cell", () => {
    const g = zeroFilledGrid(ep);
    for (let r = 6; r <= 12; r++) g.set(IND, `E${r}`, null).set(IND, `F${r}`, null);
    g.set(IND, "E8", 3);
    const issues = issuesOf(g);
    expect(brief(issues).filter((b) => !b.includes("ROSTER_MISMATCH"))).toEqual([`error MISSING_VALUE ${IND}!E6`]);
    expect(issues.find((i) => i.code === "MISSING_VALUE")!.message.en).toBe(
      "PREV-1.1 has 13 empty cell(s), from E6 (the number of women). Enter 0 where there were none: a reported indicator cannot have blank cells.",
    );
  });

  it("warns once about an indicator with nothing reported yet, at its first cell", () => {
    const g = zeroFilledGrid(ep);
    for (let r = 6; r <= 12; r++) g.set(IND, `E${r}`, null).set(IND, `F${r}`, "  ");
    expect(brief(issuesOf(g))).toEqual([`warning NOT_REPORTED ${IND}!E6`]);
  });

  it("flags a template with a sheet removed and one with rows inserted or deleted", () => {
    expect(brief(issuesOf(zeroFilledGrid(ep).deleteSheet(ROS)))).toEqual([`error SHEET_MISSING ${ROS}!A1`]);
    const moved = issuesOf(zeroFilledGrid(ep).deleteRow(IND, 8));
    expect(brief(moved)).toEqual([`error ROW_MOVED ${IND}!J8`]);
    expect(moved[0]!.message.en).toMatch(/^Row 8 should be PREV-1.1\|category=TECNICOS_SUBOFICIALES but holds "PREV-1.1\|category=ALUMNOS"/);
  });
});

describe("validateEntries: totals", () => {
  it("checks a total typed over its formula against women + men", () => {
    const g = zeroFilledGrid(ep).set(IND, "E19", 3).set(IND, "F19", 4).set(IND, "G19", 9);
    expect(brief(issuesOf(g))).toEqual([`warning COMPUTED_CELL_CHANGED ${IND}!G19`, `error TOTAL_MISMATCH ${IND}!G19`]);
    const agrees = zeroFilledGrid(ep).set(IND, "E19", 3).set(IND, "F19", 4).set(IND, "G19", 7);
    expect(brief(issuesOf(agrees))).toEqual([`warning COMPUTED_CELL_CHANGED ${IND}!G19`]);
  });

  it("checks the indicator's total row against the sum of its rows", () => {
    const g = zeroFilledGrid(ep).set(IND, "E19", 3).set(IND, "E26", 1);
    expect(brief(issuesOf(g))).toEqual([`warning COMPUTED_CELL_CHANGED ${IND}!E26`, `error TOTAL_MISMATCH ${IND}!E26`]);
  });

  it("never trusts a formula's cached value: an intact formula is recomputed, whatever it shows", () => {
    const grid = zeroFilledGrid(ep).set(IND, "E19", 3).grid();
    (grid.get(IND)!.values[18] as unknown[])[6] = 999;
    expect(validateEntries(catalog, ep, grid)).toEqual([]);
  });
});

describe("validateEntries: values that cannot exceed others", () => {
  it("flags more women trained than selected as gender focal points, and passes the opposite", () => {
    expect(brief(issuesOf(zeroFilledGrid(ep).set(IND, "E15", 3).set(IND, "E16", 5)))).toEqual([`error EXCEEDS_RELATED_VALUE ${IND}!E16`]);
    expect(issuesOf(zeroFilledGrid(ep).set(IND, "E15", 5).set(IND, "E16", 3))).toEqual([]);
  });

  it("flags more reports sent than prepared", () => {
    const issues = issuesOf(zeroFilledGrid(ep).set(IND, "G43", 2).set(IND, "G44", 4));
    expect(brief(issues)).toEqual([`error EXCEEDS_RELATED_VALUE ${IND}!G44`]);
    expect(issues[0]!.message.en).toBe("4 in G44 is more than 2 in G43. More reports cannot be sent than were prepared.");
  });

  it("flags more hours on gender than the course's total hours", () => {
    const cecopaz = buildTemplateLayout(catalog, "CECOPAZ", "2026-S1", "es");
    expect(brief(issuesOf(zeroFilledGrid(cecopaz).set(IND, "G15", 50).set(IND, "G16", 40), cecopaz))).toEqual([`error EXCEEDS_RELATED_VALUE ${IND}!G15`]);
    expect(issuesOf(zeroFilledGrid(cecopaz).set(IND, "G15", 40).set(IND, "G16", 40), cecopaz)).toEqual([]);
  });
});

describe("validateEntries: large jumps against the previous semester", () => {
  const withPrevious = buildTemplateLayout(catalog, "EP", "2026-S1", "es", { previous: { "PREV-2.1|category=OFICIALES": 10, "PREV-2.2|outputType=ACADEMIC_EVENT": 1 } });
  it("warns when a value doubles or halves", () => {
    const issues = issuesOf(zeroFilledGrid(withPrevious).set(IND, "E19", 20).set(IND, "F19", 10), withPrevious);
    expect(brief(issues)).toEqual([`warning LARGE_CHANGE ${IND}!G19`]);
    expect(issues[0]!.message.es).toBe("G19: 30 frente a 10 el semestre anterior. Confirme el valor o explique el cambio en Observaciones.");
    expect(brief(issuesOf(zeroFilledGrid(withPrevious), withPrevious))).toEqual([`warning LARGE_CHANGE ${IND}!G19`]);
  });
  it("stays quiet for ordinary changes and for small numbers", () => {
    expect(issuesOf(zeroFilledGrid(withPrevious).set(IND, "E19", 6).set(IND, "F19", 7).set(IND, "G29", 4), withPrevious)).toEqual([]);
  });
});

describe("validateEntries: deliverables", () => {
  const digepe = buildTemplateLayout(catalog, "DIGEPE", "2026-S1", "es");
  const base = () => zeroFilledGrid(digepe);
  it.each([
    ["C5", "Terminado", "error INVALID_CHOICE"],
    ["D5", 150, "error OUT_OF_RANGE"],
    ["E5", "31/02/2026", "error INVALID_DATE"],
  ])("flags %s = %p", (cell, value, expected) => {
    expect(brief(issuesOf(base().set(DEL, cell, value), digepe))).toEqual([`${expected} ${DEL}!${cell}`]);
  });

  it("requires the approval date of an approved deliverable, within the semester", () => {
    const approved = base().set(DEL, "C5", "Aprobado").set(DEL, "D5", 100);
    expect(brief(issuesOf(approved, digepe))).toEqual([`error APPROVAL_DATE_REQUIRED ${DEL}!E5`]);
    expect(issuesOf(approved.set(DEL, "E5", 46113), digepe)).toEqual([]); // 2026-04-01 as Excel stores it
    expect(brief(issuesOf(approved.set(DEL, "E5", "2026-08-01"), digepe))).toEqual([`error DATE_AFTER_PERIOD ${DEL}!E5`]);
  });

  it("warns when progress and status disagree", () => {
    expect(brief(issuesOf(base().set(DEL, "C5", "Vigente").set(DEL, "D5", 50).set(DEL, "E5", "15/01/2026"), digepe))).toEqual([
      `warning STATUS_PROGRESS_MISMATCH ${DEL}!D5`,
    ]);
  });

  it("requires the status once anything else is filled, and accepts the other language's label", () => {
    expect(brief(issuesOf(base().set(DEL, "C5", null).set(DEL, "D5", 30), digepe))).toEqual([`error MISSING_VALUE ${DEL}!C5`]);
    const parsed = parseEntries(catalog, digepe, base().set(DEL, "C5", "in preparation").set(DEL, "D5", 30).grid());
    expect(parsed.issues).toEqual([]);
    expect(parsed.deliverables[0]).toMatchObject({ indicator: "PREV-3.1", status: "IN_PREPARATION", progress: 30, cell: "C5" });
  });
});

describe("validateEntries: roster", () => {
  const person = (g: GridBuilder, row: number, values: Partial<Record<"B" | "C" | "D" | "E" | "F" | "G" | "H" | "I" | "J", unknown>>) => {
    for (const [col, v] of Object.entries(values)) g.set(ROS, `${col}${row}`, v);
    return g;
  };
  const trained = { B: "40123456", C: "Capacitación", D: "Curso de género 2026-I", E: "Género y empoderamiento de la mujer", G: "2026-03-02", H: "2026-03-06", I: 20 };

  it("accepts a well-formed person and counts them against the reported number", () => {
    const g = person(zeroFilledGrid(ep).set(IND, "E6", 1), 5, trained);
    const parsed = parseEntries(catalog, ep, g.grid());
    expect(parsed.issues).toEqual([]);
    expect(parsed.roster).toEqual([
      expect.objectContaining({ cell: "B5", serviceNumber: "40123456", activity: "training", courseType: "GENDER", start: "2026-03-02", end: "2026-03-06", hours: 20 }),
    ]);
  });

  it("warns when the people listed differ from the number reported", () => {
    const g = person(zeroFilledGrid(ep).set(IND, "E6", 2), 5, trained);
    const issues = issuesOf(g);
    expect(brief(issues)).toEqual([`warning ROSTER_MISMATCH ${IND}!G6`]);
    expect(issues[0]!.message.en).toBe("2 was reported in G6, but the Roster lists 1 people for PREV-1.1. List every person or correct the number.");
  });

  it("counts a designated gender focal point against the designated row only", () => {
    const g = person(zeroFilledGrid(ep).set(IND, "E15", 1).set(IND, "E16", 1).set(IND, "E17", 1), 5, {
      B: "40123456", C: "Despliegue", D: "minusca", F: "Punto focal de género", G: "2026-02-01",
    });
    const parsed = parseEntries(catalog, ep, g.grid());
    expect(parsed.issues).toEqual([]);
    expect(parsed.roster[0]).toMatchObject({ mission: "MINUSCA", role: "GENDER_FOCAL_POINT", courseType: null, hours: null });
  });

  it.each([
    [{ ...trained, B: "4012-3456" }, "error SERVICE_NUMBER_FORMAT Registro!B5"],
    [{ ...trained, B: 4012345 }, "error SERVICE_NUMBER_FORMAT Registro!B5"],
    [{ ...trained, B: null }, "error REQUIRED Registro!B5"],
    [{ ...trained, C: "Curso" }, "error INVALID_CHOICE Registro!C5"],
    [{ ...trained, E: null }, "error REQUIRED Registro!E5"],
    [{ ...trained, G: null }, "error REQUIRED Registro!G5"],
    [{ ...trained, H: "2026-03-01" }, "error DATE_ORDER Registro!H5"],
    [{ ...trained, G: "2025-03-02", H: "2025-03-06" }, "warning OUTSIDE_PERIOD Registro!G5"],
    [{ ...trained, F: "Observador militar" }, "warning FIELD_NOT_APPLICABLE Registro!F5"],
    [{ ...trained, I: -3 }, "error NEGATIVE_NUMBER Registro!I5"],
    [{ ...trained, C: "Despliegue", D: "MINUSMA", E: null, I: null, F: "Observador militar" }, "error UNKNOWN_MISSION Registro!D5"],
  ])("checks each field of a roster row: %p", (values, expected) => {
    const g = person(zeroFilledGrid(ep).set(IND, "E6", 1), 5, values);
    expect(brief(issuesOf(g)).filter((b) => !b.includes("ROSTER_MISMATCH"))).toEqual([expected]);
  });

  it("takes a service number stored as a number when it is well formed", () => {
    const g = person(zeroFilledGrid(ep).set(IND, "E6", 1), 5, { ...trained, B: 40123456 });
    expect(issuesOf(g)).toEqual([]);
  });

  it("flags the same person, activity, course and start listed twice, pointing at the first", () => {
    const g = person(person(zeroFilledGrid(ep).set(IND, "E6", 1), 5, trained), 9, trained);
    const issues = issuesOf(g);
    expect(brief(issues)).toEqual([`error DUPLICATE_ROSTER_ENTRY ${ROS}!B9`]);
    expect(issues[0]!.message.en).toMatch(/of B5\. Delete one of them\.$/);
    // The same person on another course is not a repeat.
    expect(issuesOf(person(person(zeroFilledGrid(ep).set(IND, "E6", 1), 5, trained), 6, { ...trained, D: "Otro curso", E: "Otro curso" }))).toEqual([]);
  });

  it("checks each row on its own, so one bad row hides no other", () => {
    const g = person(person(zeroFilledGrid(ep), 5, { ...trained, B: "x" }), 6, { ...trained, B: "40000001", G: "no" });
    expect(brief(issuesOf(g))).toEqual([`error SERVICE_NUMBER_FORMAT ${ROS}!B5`, `error INVALID_DATE ${ROS}!G6`]);
  });
});

describe("parseEntries", () => {
  it("returns every reported value with its dimensions, sheet and cell", () => {
    const g = zeroFilledGrid(ep).set(IND, "E19", 4).set(IND, "F19", 9).set(IND, "I19", "Conferencia en Arequipa").set(IND, "G29", 2);
    const parsed = parseEntries(catalog, ep, g.grid());
    expect(parsed.values.filter((v) => v.value !== 0)).toEqual([
      { indicator: "PREV-2.1", dims: { category: "OFICIALES", sex: "F" }, value: 4, note: "Conferencia en Arequipa", sheet: IND, cell: "E19" },
      { indicator: "PREV-2.1", dims: { category: "OFICIALES", sex: "M" }, value: 9, note: "Conferencia en Arequipa", sheet: IND, cell: "F19" },
      { indicator: "PREV-2.2", dims: { outputType: "ACADEMIC_EVENT" }, value: 2, note: null, sheet: IND, cell: "G29" },
    ]);
    expect(parsed.values).toHaveLength(ep.indicatorRows.reduce((n, r) => n + (r.people ? 2 : 1), 0));
  });

  it("tracks which indicators are complete", () => {
    const g = zeroFilledGrid(ep).set(IND, "F6", null);
    for (const code of ["PREV-2.2"]) for (const r of ep.indicatorRows.filter((x) => x.indicator === code)) g.set(IND, r.total, null);
    const progress = parseEntries(catalog, ep, g.grid()).progress;
    expect(progress.find((p) => p.indicator === "PREV-1.1")).toEqual({ indicator: "PREV-1.1", state: "incomplete", errors: 1, warnings: 0 });
    expect(progress.find((p) => p.indicator === "PREV-2.2")).toMatchObject({ state: "empty" });
    expect(progress.find((p) => p.indicator === "RR-2.2a")).toMatchObject({ state: "complete" });
    expect(progress).toHaveLength(13);
  });

  it("reads the preparer's name from the cover", () => {
    expect(parseEntries(catalog, ep, zeroFilledGrid(ep).set("Portada", "B8", " Mayor EP Ana Pérez ").grid()).preparedBy).toBe("Mayor EP Ana Pérez");
  });
});

describe("buildContentDigestText", () => {
  it("lists every input cell in layout order, so any change to a value changes the text", () => {
    const a = buildContentDigestText(ep, zeroFilledGrid(ep).grid());
    expect(a.split("\n")[0]).toBe('Portada!B8=null');
    expect(a).toContain('Indicadores!E6=0');
    expect(a).toContain('Entregables!C5="No iniciado"');
    expect(buildContentDigestText(ep, zeroFilledGrid(ep).set(IND, "E6", 1).grid())).not.toBe(a);
    expect(buildContentDigestText(ep, zeroFilledGrid(ep).grid())).toBe(a);
  });
});

describe("messages never echo a service number", () => {
  it("masks a malformed service number and any long run of digits", () => {
    const g = zeroFilledGrid(ep).set(IND, "E6", 1);
    for (const [col, v] of Object.entries({ B: "4012-3456", C: "Capacitación", D: "Curso 40123456", E: "Género y empoderamiento de la mujer", G: "2026-03-02" })) g.set(ROS, `${col}5`, v);
    g.set(IND, "E19", "40123456x");
    const issues = issuesOf(g);
    const text = JSON.stringify(issues);
    expect(text).not.toContain("4012-3456");
    expect(text).not.toContain("40123456");
    expect(issues.find((i) => i.code === "SERVICE_NUMBER_FORMAT")!.message.en).toMatch(/^"4012••••" in B5 is not a valid service number\./);
    expect(issues.find((i) => i.location.cell === "E19")!.message.en).toMatch(/^"4012••••x" in E19 is not a number/);
  });
});
