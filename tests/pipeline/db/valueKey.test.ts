import { valueKey } from "../../../pipeline/src/db/submissionStore";

// The key a resubmission's values are compared by: the same breakdown must give the same key however its object
// was built (a value read back from the database lists every dimension column; a parsed one only its own).

/** What the key is defined as: the dimensions sorted by name, `name=value`, joined by ";". */
function reference(indicator: string, dims: Record<string, string>): string {
  return `${indicator}|${Object.keys(dims)
    .sort()
    .map((k) => `${k}=${dims[k]}`)
    .join(";")}`;
}

describe("valueKey", () => {
  it("lists the dimensions in name order whatever order the object has them in", () => {
    expect(valueKey("PART-1.2", { sex: "F", category: "OFICIALES" })).toBe("PART-1.2|category=OFICIALES;sex=F");
    expect(valueKey("PART-1.2", { category: "OFICIALES", sex: "F" })).toBe("PART-1.2|category=OFICIALES;sex=F");
    expect(valueKey("PREV-1.1", {})).toBe("PREV-1.1|");
  });

  it("is the reference key for every dimension column, and for a dimension that has no column", () => {
    const all = {
      role: "r",
      sex: "M",
      category: "c",
      mission: "m",
      unPersonnelType: "u",
      courseType: "t",
      hourKind: "h",
      stage: "s",
      outputType: "o",
      eventType: "e",
      reportStage: "rs",
      modality: "mo",
      programType: "p",
      partnerScope: "ps",
      materialType: "mt",
      disseminationScope: "d",
    };
    expect(valueKey("X", all)).toBe(reference("X", all));
    const unknown = { sex: "F", zone: "LIMA" };
    expect(valueKey("X", unknown)).toBe("X|sex=F;zone=LIMA");
    expect(valueKey("X", unknown)).toBe(reference("X", unknown));
  });
});
