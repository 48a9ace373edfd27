import {
  addSemesters,
  compareSemesters,
  formatSemester,
  nextSemester,
  parseSemester,
  previousSemester,
  requireSemester,
  semesterBounds,
  semesterLabel,
  semesterOfDate,
  semesterRange,
  semestersBetween,
  sortSemesterCodes,
} from "../../core/src/period/Semester";

describe("semesters", () => {
  it("parses and formats YYYY-S1 / YYYY-S2", () => {
    expect(parseSemester("2026-S1")).toEqual({ year: 2026, half: 1 });
    expect(parseSemester(" 2025-S2 ")).toEqual({ year: 2025, half: 2 });
    expect(formatSemester({ year: 2026, half: 2 })).toBe("2026-S2");
  });

  it("rejects anything else", () => {
    for (const bad of ["2026-S3", "2026S1", "26-S1", "2026-s1", "", null, 20261, "1999-S1"]) expect(parseSemester(bad)).toBeUndefined();
    expect(() => requireSemester("2026-H1")).toThrow(/expected YYYY-S1 or YYYY-S2/);
  });

  it("orders and steps across years", () => {
    const s = requireSemester("2026-S2");
    expect(formatSemester(nextSemester(s))).toBe("2027-S1");
    expect(formatSemester(previousSemester(requireSemester("2026-S1")))).toBe("2025-S2");
    expect(formatSemester(addSemesters(s, -5))).toBe("2024-S1");
    expect(compareSemesters(requireSemester("2025-S2"), requireSemester("2026-S1"))).toBeLessThan(0);
    expect(semestersBetween(requireSemester("2021-S2"), requireSemester("2026-S1"))).toBe(9);
    expect(semesterRange(requireSemester("2025-S2"), requireSemester("2026-S2")).map(formatSemester)).toEqual(["2025-S2", "2026-S1", "2026-S2"]);
    expect(semesterRange(requireSemester("2026-S2"), requireSemester("2026-S1"))).toEqual([]);
    expect(sortSemesterCodes(["2026-S1", "2024-S2", "2025-S1"])).toEqual(["2024-S2", "2025-S1", "2026-S1"]);
    expect(() => addSemesters(s, 0.5)).toThrow(RangeError);
  });

  it("knows each semester's days and which semester holds a date", () => {
    expect(semesterBounds(requireSemester("2026-S1"))).toEqual({ start: "2026-01-01", end: "2026-06-30" });
    expect(semesterBounds(requireSemester("2026-S2"))).toEqual({ start: "2026-07-01", end: "2026-12-31" });
    expect(formatSemester(semesterOfDate("2026-06-30"))).toBe("2026-S1");
    expect(formatSemester(semesterOfDate("2026-07-01"))).toBe("2026-S2");
  });

  it("labels semesters for people in both languages", () => {
    expect(semesterLabel(requireSemester("2026-S1"), "es")).toBe("1.er semestre 2026");
    expect(semesterLabel(requireSemester("2026-S2"), "en")).toBe("Second half 2026");
  });
});
