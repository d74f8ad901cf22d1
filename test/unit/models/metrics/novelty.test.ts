import { describe, expect, it } from "vitest";
import { novelty } from "../../../../src/models/eval/metrics/novelty.js";

// 8 users; items rated by 8, 4, 2, 1 and 0 of them.
const degree = Int32Array.from([8, 4, 2, 1, 0]);

describe("novelty", () => {
  it("averages −log2(k_i / N) per list, then over lists", () => {
    // list [0, 1]: −log2(8/8) = 0, −log2(4/8) = 1 → mean 0.5
    // list [2, 3]: −log2(2/8) = 2, −log2(1/8) = 3 → mean 2.5
    // over users: (0.5 + 2.5) / 2 = 1.5
    expect(novelty([[0, 1], [2, 3]], degree, 8)).toBe(1.5);
  });

  it("weighs users equally, not recommended items", () => {
    // [0] → 0; [1, 2, 3] → (1 + 2 + 3)/3 = 2; mean over users 1 (a mean over the 4 items would be 6/4 = 1.5)
    expect(novelty([[0], [1, 2, 3]], degree, 8)).toBe(1);
  });

  it("counts an item with no training rating as rated once", () => {
    // item 4: max(0, 1) = 1 → −log2(1/8) = 3, same as item 3
    expect(novelty([[4]], degree, 8)).toBe(3);
    expect(Number.isFinite(novelty([[4, 0]], degree, 8))).toBe(true);
  });

  it("skips empty lists and is NaN when no list has items", () => {
    // [] skipped; [1] → 1
    expect(novelty([[], [1]], degree, 8)).toBe(1);
    expect(novelty([], degree, 8)).toBeNaN();
    expect(novelty([[]], degree, 8)).toBeNaN();
  });

  it("rejects unknown items and a population of zero users", () => {
    expect(() => novelty([[5]], degree, 8)).toThrow(RangeError);
    expect(() => novelty([[0]], degree, 0)).toThrow(RangeError);
  });
});
