import { parityStatus } from "../../../core/src/stats/parityStatus";
import { trendStatus } from "../../../core/src/stats/trendStatus";

describe("parityStatus and trendStatus", () => {
  it("colours a share against the UN target as the UN does", () => {
    expect(parityStatus(9, 8)).toBe("green");
    expect(parityStatus(8, 8)).toBe("green");
    expect(parityStatus(7.9, 8)).toBe("yellow");
    expect(parityStatus(0.1, 8)).toBe("yellow");
    expect(parityStatus(0, 8)).toBe("red");
    expect(parityStatus(30, null)).toBe("no-target");
  });

  it("says on track when at or beyond the straight line from baseline to target", () => {
    const goal = { baseline: 10, baselineIndex: 0, target: 30, targetIndex: 10, direction: "increase" as const };
    expect(trendStatus(20, 5, goal)).toBe("on-track");
    expect(trendStatus(19, 5, goal)).toBe("behind");
    expect(trendStatus(31, 12, goal)).toBe("on-track");
    expect(trendStatus(5, 2, { ...goal, direction: "decrease", baseline: 10, target: 0 })).toBe("on-track");
    expect(trendStatus(12, 3, { ...goal, target: null, targetIndex: null })).toBe("no-target");
    expect(trendStatus(null, 3, goal)).toBe("no-data");
  });
});
