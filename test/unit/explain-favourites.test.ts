import { describe, expect, it } from "vitest";
import { FAVOURITES, favourites } from "../../src/recommend/explain.service.js";

describe("a visitor's favourites", () => {
  it("are the highest ratings, the lower movie id first among equals, without the movie explained", () => {
    expect(favourites([[7, 3], [2, 5], [9, 5], [4, 4.5], [1, 5]], 9)).toEqual([[1, 5], [2, 5], [4, 4.5], [7, 3]]);
  });

  it("stop at 100", () => {
    expect(FAVOURITES).toBe(100);
    const many: Array<[number, number]> = Array.from({ length: FAVOURITES + 20 }, (_, i) => [i + 1, i % 2 ? 5 : 3]);
    const picked = favourites(many, 0);
    expect(picked).toHaveLength(FAVOURITES);
    // Even ids are rated 5: all 60 of them come first, then the lowest odd ids rated 3, up to 79.
    expect(picked.filter(([, r]) => r === 5)).toHaveLength(60);
    expect(picked.at(-1)).toEqual([79, 3]);
  });
});
