import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { Popularity } from "../../../src/models/baselines/popularity.js";
import { RatingMatrix } from "../../../src/models/data/rating-matrix.js";
import { recommenderSuite } from "./shared-suite.js";

recommenderSuite("popularity", {
  create: (seed) => new Popularity({ seed }),
  restore: (state) => Popularity.fromState(state),
  personalized: false,
});

describe("popularity: before fitting", () => {
  it("refuses to score, saying why", () => {
    expect(() => new Popularity().scoreUser(0)).toThrow(/must be fit/);
  });
});

/** u0: i0 = 5, i1 = 2; u1: i0 = 4, i2 = 3.5; u2: i0 = 1, i1 = 4.5. */
const tiny = new RatingMatrix(3, 4, {
  users: Int32Array.from([0, 0, 1, 1, 2, 2]),
  items: Int32Array.from([0, 1, 0, 2, 0, 1]),
  ratings: Float32Array.from([5, 2, 4, 3.5, 1, 4.5]),
  timestamps: new Float64Array(6),
});

describe("popularity: counts", () => {
  it("counts every rating by default", async () => {
    const model = new Popularity();
    await model.fit(tiny);
    expect(Array.from(model.scoreUser(0))).toEqual([3, 2, 1, 0]);
    expect(Array.from(model.scoreUser(2))).toEqual([3, 2, 1, 0]);
  });

  it("counts only ratings ≥ minRating", async () => {
    const model = new Popularity({ minRating: 4 });
    await model.fit(tiny);
    // i0: 5 and 4 count, 1 does not; i1: 4.5; i2: 3.5 does not.
    expect(Array.from(model.scoreUser(1))).toEqual([2, 1, 0, 0]);
  });

  it("gives a profile the same scores, and a copy the caller may change", async () => {
    const model = new Popularity();
    await model.fit(tiny);
    const scores = model.scoreProfile({ items: Int32Array.from([3]), ratings: Float32Array.from([5]) });
    expect(Array.from(scores)).toEqual([3, 2, 1, 0]);
    scores[0] = 99;
    expect(model.scoreUser(0)[0]).toBe(3);
  });

  it("rejects unknown users, bad profiles and bad configurations", async () => {
    const model = new Popularity();
    await model.fit(tiny);
    expect(() => model.scoreUser(3)).toThrow(RangeError);
    expect(() => model.scoreProfile({ items: Int32Array.from([4]), ratings: Float32Array.from([5]) })).toThrow(RangeError);
    expect(() => new Popularity({ minRating: -1 })).toThrow(ZodError);
    expect(() => Popularity.fromState({ ...model.toState(), scalars: {} })).toThrow(/nUsers/);
  });
});
