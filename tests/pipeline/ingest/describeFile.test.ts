import { describeFile } from "../../../pipeline/src/cli/commands/ingestCommand";
import type { FileResult } from "../../../pipeline/src/ingest/IngestResult";

function accepted(values: number): FileResult {
  return {
    file: "/inbox/pa1325-DIGEPE-2025-S2.xlsx",
    sha256: "a".repeat(64),
    status: "accepted",
    submissionId: 7,
    institution: "DIGEPE",
    period: "2025-S2",
    version: 1,
    replacedVersion: null,
    values,
    roster: 0,
    changes: [],
    issues: [],
  };
}

describe("the line printed for an accepted file", () => {
  it("puts the count of values in the right number, in both languages", () => {
    expect(describeFile(accepted(1), "es")[0]).toBe("aceptado     pa1325-DIGEPE-2025-S2.xlsx: DIGEPE 2025-S2 versión 1; 1 valor, 0 en el registro, 0 aviso(s)");
    expect(describeFile(accepted(14), "es")[0]).toContain("; 14 valores, ");
    expect(describeFile(accepted(1), "en")[0]).toBe("accepted     pa1325-DIGEPE-2025-S2.xlsx: DIGEPE 2025-S2 version 1; 1 value, 0 on the roster, 0 warning(s)");
    expect(describeFile(accepted(0), "en")[0]).toContain("; 0 values, ");
  });
});
