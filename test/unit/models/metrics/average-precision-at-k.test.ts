import { describe, expect, it } from "vitest";
import { averagePrecisionAtK } from "../../../../src/models/eval/metrics/average-precision-at-k.js";

const ranked = [5, 3, 9, 1, 7];
const relevant = new Set([3, 7, 8]);

describe("averagePrecisionAtK", () => {
  it("matches a hand-computed example", () => {
    // hits at rank 2 (P@2 = 1/2) and rank 5 (P@5 = 2/5): sum 0.9, / min(5, 3) = 3 → 0.3
    expect(averagePrecisionAtK(ranked, relevant, 5)).toBeCloseTo(0.3, 12);
    // K = 3: one hit at rank 2 → 0.5 / min(3, 3) = 3 → 1/6
    expect(averagePrecisionAtK(ranked, relevant, 3)).toBeCloseTo(1 / 6, 12);
  });

  it("divides by min(K, |relevant|), as Recommenders' map_at_k does", () => {
    // K = 2: 0.5 / min(2, 3) = 2 → 0.25 (Recommenders' map, dividing by |relevant| = 3, would give 1/6)
    expect(averagePrecisionAtK(ranked, relevant, 2)).toBe(0.25);
    // K relevant items in the first K slots is a perfect 1: (1/1 + 2/2) / min(2, 3)
    expect(averagePrecisionAtK([3, 7], relevant, 2)).toBe(1);
  });

  it("handles K larger than the list", () => {
    // ranked [3], relevant {3, 7}, K = 10: 1/1 / min(10, 2) = 2 → 0.5
    expect(averagePrecisionAtK([3], new Set([3, 7]), 10)).toBe(0.5);
  });

  it("tells apart equal precision with hits at different ranks", () => {
    // hits at ranks 1 and 2: (1/1 + 2/2) / 3 = 2/3, against 0.3 for ranks 2 and 5
    expect(averagePrecisionAtK([3, 7, 5, 9, 1], relevant, 5)).toBeCloseTo(2 / 3, 12);
  });

  it("is 0 without hits, for an empty list and for a user with nothing relevant", () => {
    expect(averagePrecisionAtK([1, 2, 4], relevant, 3)).toBe(0);
    expect(averagePrecisionAtK([], relevant, 3)).toBe(0);
    expect(averagePrecisionAtK(ranked, new Set(), 3)).toBe(0);
  });

  it("rejects a K that is not a positive integer", () => {
    expect(() => averagePrecisionAtK(ranked, relevant, 1.5)).toThrow(RangeError);
  });
});
