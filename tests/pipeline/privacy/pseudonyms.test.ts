import { loadPseudonymKey, pseudonymise, rememberingPseudonyms } from "../../../pipeline/src/privacy/pseudonymKey";

describe("rememberingPseudonyms", () => {
  const key = loadPseudonymKey({ PA1325_KEY: "k".repeat(40) }, () => {});
  const other = loadPseudonymKey({ PA1325_KEY: "o".repeat(40) }, () => {});

  it("gives exactly pseudonymise's result, the first time and every time after, past its memory's bound", () => {
    const remembered = rememberingPseudonyms(key, 3);
    const numbers = ["12345678", " 12345678 ", "O-2231", "99", "12345678", "C-1", "O-2231", "X-7", "99"];
    for (let round = 0; round < 2; round++) {
      for (const n of numbers) expect(remembered(n)).toBe(pseudonymise(key, n));
    }
  });

  it("remembers under one key only", () => {
    const a = rememberingPseudonyms(key);
    const b = rememberingPseudonyms(other);
    expect(a("12345678")).not.toBe(b("12345678"));
    expect(b("12345678")).toBe(pseudonymise(other, "12345678"));
  });
});
