import { describe, expect, it } from "vitest";
import { mae } from "../../../../src/models/eval/metrics/mae.js";

describe("mae", () => {
  it("matches a hand-computed example", () => {
    // |3−2| + |4−4| + |5−3| = 1 + 0 + 2 = 3 → 3/3 = 1
    expect(mae([3, 4, 5], [2, 4, 3])).toBe(1);
  });

  it("counts over- and under-prediction alike", () => {
    // |1 − 2| + |3 − 2| = 2 → 2/2 = 1
    expect(mae([1, 3], [2, 2])).toBe(1);
    // |0.5 − 5| = 4.5
    expect(mae([0.5], [5])).toBe(4.5);
  });

  it("is 0 for perfect predictions", () => {
    expect(mae(Float32Array.from([1, 2.5, 4]), Float32Array.from([1, 2.5, 4]))).toBe(0);
  });

  it("is NaN for empty input and refuses unpaired arrays", () => {
    expect(mae([], [])).toBeNaN();
    expect(() => mae([1], [1, 2])).toThrow(RangeError);
  });
});
