import { describe, expect, it } from "vitest";
import { precisionAtK } from "../../../../src/models/eval/metrics/precision-at-k.js";

// Ranked best first; 3 and 7 are hits at ranks 2 and 5; 8 is relevant but not ranked.
const ranked = [5, 3, 9, 1, 7];
const relevant = new Set([3, 7, 8]);

describe("precisionAtK", () => {
  it("counts hits in the first K over K", () => {
    // top 3 = 5, 3, 9 → 1 hit → 1/3
    expect(precisionAtK(ranked, relevant, 3)).toBeCloseTo(1 / 3, 12);
    // top 5 → hits 3, 7 → 2/5
    expect(precisionAtK(ranked, relevant, 5)).toBe(0.4);
    // top 1 = 5 → 0/1
    expect(precisionAtK(ranked, relevant, 1)).toBe(0);
  });

  it("divides by K when the list is shorter than K", () => {
    // 2 hits in a list of 5, K = 10 → 2/10
    expect(precisionAtK(ranked, relevant, 10)).toBe(0.2);
    // a single hit, K = 4 → 1/4
    expect(precisionAtK([7], relevant, 4)).toBe(0.25);
  });

  it("is 0 for an empty list and for a user with nothing relevant", () => {
    expect(precisionAtK([], relevant, 5)).toBe(0);
    expect(precisionAtK(ranked, new Set(), 5)).toBe(0);
  });

  it("does not depend on the order of the hits inside the top K", () => {
    // 3 and 7 swapped with misses: still 2 hits in 5 → 0.4
    expect(precisionAtK([3, 7, 5, 9, 1], relevant, 5)).toBe(0.4);
  });

  it("reads typed arrays and rejects a K that is not a positive integer", () => {
    expect(precisionAtK(Int32Array.from([3, 7]), relevant, 2)).toBe(1);
    expect(() => precisionAtK(ranked, relevant, 0)).toThrow(RangeError);
    expect(() => precisionAtK(ranked, relevant, 2.5)).toThrow(RangeError);
  });
});
