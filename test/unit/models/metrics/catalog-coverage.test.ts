import { describe, expect, it } from "vitest";
import { catalogCoverage } from "../../../../src/models/eval/metrics/catalog-coverage.js";

describe("catalogCoverage", () => {
  it("counts distinct recommended items over the catalogue", () => {
    // {0, 1, 2} ∪ {1, 2, 3} ∪ {} = {0, 1, 2, 3} → 4/10
    expect(catalogCoverage([[0, 1, 2], [1, 2, 3], []], 10)).toBe(0.4);
  });

  it("is 1 when every item is recommended to someone, and 1/n for one item everywhere", () => {
    expect(catalogCoverage([Int32Array.from([0, 1]), Int32Array.from([2, 3])], 4)).toBe(1);
    // every user gets item 2 → 1/5
    expect(catalogCoverage([[2], [2], [2]], 5)).toBe(0.2);
  });

  it("is 0 without lists, with only empty lists, or with an empty catalogue", () => {
    expect(catalogCoverage([], 10)).toBe(0);
    expect(catalogCoverage([[], []], 10)).toBe(0);
    expect(catalogCoverage([], 0)).toBe(0);
  });

  it("rejects items outside the catalogue", () => {
    expect(() => catalogCoverage([[0, 10]], 10)).toThrow(RangeError);
    expect(() => catalogCoverage([[-1]], 10)).toThrow(RangeError);
  });
});
