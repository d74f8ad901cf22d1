import { describe, expect, it } from "vitest";
import { averagePrecisionAtK } from "../../../../src/models/eval/metrics/average-precision-at-k.js";
import { averagePrecisionOverRelevant } from "../../../../src/models/eval/metrics/average-precision-over-relevant.js";

const ranked = [5, 3, 9, 1, 7];
const relevant = new Set([3, 7, 8]);

describe("averagePrecisionOverRelevant", () => {
  it("matches a hand-computed example", () => {
    // hits at rank 2 (P@2 = 1/2) and rank 5 (P@5 = 2/5): sum 0.9, / |relevant| = 3 → 0.3
    expect(averagePrecisionOverRelevant(ranked, relevant, 5)).toBeCloseTo(0.3, 12);
    // K = 2: one hit at rank 2 → 0.5 / 3 = 1/6, where AP@K divides by min(2, 3) = 2
    expect(averagePrecisionOverRelevant(ranked, relevant, 2)).toBeCloseTo(1 / 6, 12);
    expect(averagePrecisionAtK(ranked, relevant, 2)).toBe(0.25);
  });

  it("keeps a full list of hits below 1 when there are more relevant items than K", () => {
    // (1/1 + 2/2) / 3
    expect(averagePrecisionOverRelevant([3, 7], relevant, 2)).toBeCloseTo(2 / 3, 12);
    expect(averagePrecisionOverRelevant([3, 7, 8], relevant, 3)).toBe(1);
  });

  it("is 0 without hits, for an empty list and for a user with nothing relevant", () => {
    expect(averagePrecisionOverRelevant([1, 2, 4], relevant, 3)).toBe(0);
    expect(averagePrecisionOverRelevant([], relevant, 3)).toBe(0);
    expect(averagePrecisionOverRelevant(ranked, new Set(), 3)).toBe(0);
  });

  it("rejects a K that is not a positive integer", () => {
    expect(() => averagePrecisionOverRelevant(ranked, relevant, 0)).toThrow(RangeError);
  });
});
