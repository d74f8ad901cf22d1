import { describe, expect, it } from "vitest";
import { recallAtK } from "../../../../src/models/eval/metrics/recall-at-k.js";

const ranked = [5, 3, 9, 1, 7];
const relevant = new Set([3, 7, 8]);

describe("recallAtK", () => {
  it("counts hits in the first K over the number of relevant items", () => {
    // top 3 = 5, 3, 9 → 1 hit of 3 relevant → 1/3
    expect(recallAtK(ranked, relevant, 3)).toBeCloseTo(1 / 3, 12);
    // top 5 → hits 3, 7 → 2/3
    expect(recallAtK(ranked, relevant, 5)).toBeCloseTo(2 / 3, 12);
  });

  it("stops growing once K passes the end of the list", () => {
    // the list has 5 items: K = 10 sees the same 2 hits → 2/3
    expect(recallAtK(ranked, relevant, 10)).toBeCloseTo(2 / 3, 12);
  });

  it("cannot reach 1 when there are more relevant items than K", () => {
    // K = 2, both slots hits, 3 relevant → 2/3
    expect(recallAtK([3, 7], relevant, 2)).toBeCloseTo(2 / 3, 12);
    // all three found → 3/3
    expect(recallAtK([8, 7, 3], relevant, 3)).toBe(1);
  });

  it("is 0 for an empty list and for a user with nothing relevant", () => {
    expect(recallAtK([], relevant, 5)).toBe(0);
    expect(recallAtK(ranked, new Set(), 5)).toBe(0);
  });

  it("rejects a K that is not a positive integer", () => {
    expect(() => recallAtK(ranked, relevant, -1)).toThrow(RangeError);
  });
});
