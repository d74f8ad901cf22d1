import { describe, expect, it } from "vitest";
import { ratingsDigest } from "../../src/recommend/ratings-digest.js";

describe("ratingsDigest", () => {
  const ratings: Array<[number, number]> = [
    [1, 4],
    [50, 3.5],
  ];

  it("is the same for the same ratings", () => {
    expect(ratingsDigest(ratings)).toBe(ratingsDigest(ratings.map(([m, r]) => [m, r] as [number, number])));
  });

  it("changes when a rating is added, removed or changed by half a star", () => {
    const base = ratingsDigest(ratings);
    expect(ratingsDigest([...ratings, [7, 5]])).not.toBe(base);
    expect(ratingsDigest(ratings.slice(1))).not.toBe(base);
    expect(ratingsDigest([[1, 4.5], [50, 3.5]])).not.toBe(base);
    expect(ratingsDigest([[2, 4], [50, 3.5]])).not.toBe(base);
  });
});
