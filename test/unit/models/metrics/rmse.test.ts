import { describe, expect, it } from "vitest";
import { rmse } from "../../../../src/models/eval/metrics/rmse.js";

describe("rmse", () => {
  it("matches a hand-computed example", () => {
    // errors 3−2 = 1, 4−4 = 0, 5−3 = 2 → squares 1, 0, 4 → mean 5/3 → √(5/3) ≈ 1.2909944
    expect(rmse([3, 4, 5], [2, 4, 3])).toBeCloseTo(1.2909944487, 9);
  });

  it("is 0 for perfect predictions and the absolute error for one pair", () => {
    expect(rmse([1, 2.5], [1, 2.5])).toBe(0);
    // √((2 − 4.5)²) = 2.5
    expect(rmse([2], [4.5])).toBe(2.5);
  });

  it("weighs one large miss more than several small ones", () => {
    // [0, 0, 2]: √(4/3) ≈ 1.1547; [1, 1, 0]: √(2/3) ≈ 0.8165 — the same MAE of 2/3 would not tell them apart
    expect(rmse([0, 0, 2], [0, 0, 0])).toBeCloseTo(1.1547005, 6);
    expect(rmse([1, 1, 0], [0, 0, 0])).toBeCloseTo(0.8164966, 6);
  });

  it("is NaN for empty input and refuses unpaired arrays", () => {
    expect(rmse([], [])).toBeNaN();
    expect(() => rmse([1, 2], [1])).toThrow(RangeError);
  });

  it("accepts typed arrays", () => {
    // errors 0.5, 0.5 → √(0.25) = 0.5
    expect(rmse(Float32Array.from([3.5, 4.5]), Float32Array.from([4, 4]))).toBe(0.5);
  });
});
