import { describe, expect, it } from "vitest";
import { maximalMarginalRelevance } from "../../src/recommend/diversify.js";

// Items 0 and 1 are near-duplicates; 2 and 3 are different from everything.
const SIM = [
  [1, 0.9, 0.1, 0.0],
  [0.9, 1, 0.2, 0.0],
  [0.1, 0.2, 1, 0.3],
  [0.0, 0.0, 0.3, 1],
];
const similarity = (a: number, b: number) => SIM[a][b];
const scores = [1.0, 0.9, 0.5, 0.0];

describe("maximal marginal relevance", () => {
  it("keeps the score order at λ = 0", () => {
    expect(maximalMarginalRelevance([0, 1, 2, 3], scores, 4, 0, similarity)).toEqual([0, 1, 2, 3]);
  });

  it("skips a near-duplicate at a middle λ (hand-computed)", () => {
    // Relevance scaled: [1, 0.9, 0.5, 0]. Second pick at λ = 0.5:
    // item 1: 0.5·0.9 − 0.5·0.9 = 0; item 2: 0.5·0.5 − 0.5·0.1 = 0.2; item 3: 0 − 0 = 0 → item 2.
    // Third pick: item 1: 0.45 − 0.5·0.9 = 0; item 3: 0 − 0.5·0.3 = −0.15 → item 1.
    expect(maximalMarginalRelevance([0, 1, 2, 3], scores, 3, 0.5, similarity)).toEqual([0, 2, 1]);
  });

  it("at λ = 1 starts from the best and then takes the least redundant", () => {
    expect(maximalMarginalRelevance([0, 1, 2, 3], scores, 2, 1, similarity)).toEqual([0, 3]);
  });

  it("scales relevance, so multiplying the scores changes nothing", () => {
    const scaled = scores.map((s) => s * 1000 - 7);
    expect(maximalMarginalRelevance([0, 1, 2, 3], scaled, 3, 0.5, similarity)).toEqual([0, 2, 1]);
  });

  it("returns candidate ids, not positions, and at most the candidates there are", () => {
    const ids = [10, 11];
    const sim = (a: number, b: number) => (a === b ? 1 : 0.5);
    const s = new Float32Array(12);
    s[10] = 2;
    s[11] = 1;
    expect(maximalMarginalRelevance(ids, s, 5, 0.3, sim)).toEqual([10, 11]);
  });

  it("breaks ties towards the earlier candidate", () => {
    const flat = [1, 1, 1];
    expect(maximalMarginalRelevance([2, 0, 1], flat, 3, 0.5, () => 0)).toEqual([2, 0, 1]);
  });
});
