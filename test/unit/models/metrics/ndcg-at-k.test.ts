import { describe, expect, it } from "vitest";
import { ndcgAtK } from "../../../../src/models/eval/metrics/ndcg-at-k.js";

const ranked = [5, 3, 9, 1, 7];
const relevant = new Set([3, 7, 8]);
// 1/log2(3) ≈ 0.6309298, 1/log2(4) = 0.5, 1/log2(6) ≈ 0.3868528
const d2 = 1 / Math.log2(3);
const d3 = 0.5;
const d5 = 1 / Math.log2(6);

describe("ndcgAtK", () => {
  it("matches a hand-computed example", () => {
    // DCG@5 = 1/log2(3) + 1/log2(6) ≈ 0.6309298 + 0.3868528 = 1.0177826
    // IDCG over min(5, 3) = 3 slots = 1 + 0.6309298 + 0.5 = 2.1309298
    // NDCG = 1.0177826 / 2.1309298 ≈ 0.4776237
    expect(ndcgAtK(ranked, relevant, 5)).toBeCloseTo(0.4776237035, 9);
    expect(ndcgAtK(ranked, relevant, 5)).toBeCloseTo((d2 + d5) / (1 + d2 + d3), 12);
  });

  it("caps the ideal ranking at K", () => {
    // K = 2: DCG = 1/log2(3); IDCG over min(2, 3) = 2 slots = 1 + 1/log2(3) → ≈ 0.3868528
    expect(ndcgAtK(ranked, relevant, 2)).toBeCloseTo(0.3868528072, 9);
    // K hits in K slots is perfect even with a third relevant item left out
    expect(ndcgAtK([7, 3], relevant, 2)).toBe(1);
  });

  it("uses the full ideal ranking when K is larger than the list", () => {
    // ranked [3], relevant {3, 7}, K = 5: DCG = 1; IDCG over min(5, 2) = 2 slots = 1 + 0.6309298 → ≈ 0.6131472
    expect(ndcgAtK([3], new Set([3, 7]), 5)).toBeCloseTo(0.6131471928, 9);
  });

  it("rewards hits nearer the top (ties in precision are told apart)", () => {
    // same two hits, at ranks 1 and 2 instead of 2 and 5 → DCG = 1 + 0.6309298 = 1.6309298 → / 2.1309298 ≈ 0.7653598
    expect(ndcgAtK([3, 7, 5, 9, 1], relevant, 5)).toBeCloseTo((1 + d2) / (1 + d2 + d3), 12);
    expect(ndcgAtK([3, 7, 5, 9, 1], relevant, 5)).toBeGreaterThan(ndcgAtK(ranked, relevant, 5));
  });

  it("is 1 for a perfect ranking and 0 without hits, an empty list or nothing relevant", () => {
    expect(ndcgAtK([8, 3, 7], relevant, 3)).toBe(1);
    expect(ndcgAtK([1, 2], relevant, 2)).toBe(0);
    expect(ndcgAtK([], relevant, 5)).toBe(0);
    expect(ndcgAtK(ranked, new Set(), 5)).toBe(0);
  });

  it("rejects a K that is not a positive integer", () => {
    expect(() => ndcgAtK(ranked, relevant, 0)).toThrow(RangeError);
  });
});
