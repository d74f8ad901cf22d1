import { describe, expect, it } from "vitest";
import { hitRateAtK } from "../../../../src/models/eval/metrics/hit-rate-at-k.js";

const ranked = [5, 3, 9, 1, 7];
const relevant = new Set([3, 7, 8]);

describe("hitRateAtK", () => {
  it("is 1 as soon as one of the first K is relevant", () => {
    // top 1 = 5: miss → 0; top 2 = 5, 3: hit → 1
    expect(hitRateAtK(ranked, relevant, 1)).toBe(0);
    expect(hitRateAtK(ranked, relevant, 2)).toBe(1);
    // two hits still count once
    expect(hitRateAtK(ranked, relevant, 5)).toBe(1);
  });

  it("handles K larger than the list", () => {
    expect(hitRateAtK([9, 7], relevant, 10)).toBe(1);
    expect(hitRateAtK([9, 1], relevant, 10)).toBe(0);
  });

  it("is 0 for an empty list and for a user with nothing relevant", () => {
    expect(hitRateAtK([], relevant, 3)).toBe(0);
    expect(hitRateAtK(ranked, new Set(), 3)).toBe(0);
  });

  it("rejects a K that is not a positive integer", () => {
    expect(() => hitRateAtK(ranked, relevant, 0)).toThrow(RangeError);
  });
});
