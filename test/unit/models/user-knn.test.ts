import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { RatingMatrix } from "../../../src/models/data/rating-matrix.js";
import { UserKnn } from "../../../src/models/knn/user-knn.js";
import { recommenderSuite, structuredRatings } from "./shared-suite.js";

const { matrix } = structuredRatings();

recommenderSuite("user-knn", {
  create: (seed) => new UserKnn({ seed }),
  restore: (state) => UserKnn.fromState(state, matrix),
});

/**
 * Pearson, each user centred on the mean of all their ratings:
 *        i0  i1  i2  i3   mean   centred
 *   u0    5   3   1   .    3     +2  0 −2  .
 *   u1    5   2   .   5    4     +1 −2  . +1
 *   u2    4   4   1   3    3     +1 +1 −2  0
 *   u3    1   .   5   .    3     −2  . +2  .
 *   (u0,u1) over i0,i1:    (2·1 + 0·(−2)) / √((4+0)(1+4)) = 2/√20 = 1/√5
 *   (u0,u2) over i0,i1,i2: (2·1 + 0·1 + (−2)(−2)) / √((4+0+4)(1+1+4)) = 6/√48 = √3/2
 *   (u1,u2) over i0,i1,i3: (1 − 2 + 0) / … < 0;  (u0,u3), (u1,u3), (u2,u3) < 0 too.
 * So u0's neighbours are u2 (√3/2) then u1 (1/√5); u1's and u2's are u0 alone; u3 has none.
 * μ = 39/12 = 13/4, and regularisation so large that every bias is 0 to within 1e-11, so b_ui = μ.
 */
const tiny = new RatingMatrix(4, 4, {
  users: Int32Array.from([0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 3, 3]),
  items: Int32Array.from([0, 1, 2, 0, 1, 3, 0, 1, 2, 3, 0, 2]),
  ratings: Float32Array.from([5, 3, 1, 5, 2, 5, 4, 4, 1, 3, 1, 5]),
  timestamps: new Float64Array(12),
});
const flat = { similarity: "pearson", shrinkage: 0, minSupport: 1, regItem: 1e12, regUser: 1e12 } as const;
const mu = 13 / 4;
const s02 = Math.sqrt(3) / 2;
const s01 = 1 / Math.sqrt(5);

describe("user-knn: hand-computed predictions", () => {
  it("keeps the hand-computed neighbours", async () => {
    const model = new UserKnn({ ...flat, k: 2, neighbors: 3 });
    await model.fit(tiny);
    const { count, indices, scores } = model.toState().userNeighbors!;
    expect(Array.from(count)).toEqual([2, 1, 1, 0]);
    expect([indices[0], indices[1], indices[3], indices[6]]).toEqual([2, 1, 0, 0]);
    expect(scores[0]).toBeCloseTo(s02, 6);
    expect(scores[1]).toBeCloseTo(s01, 6);
  });

  it("weights the neighbours' residuals by similarity", async () => {
    const model = new UserKnn({ ...flat, k: 2, neighbors: 3 });
    await model.fit(tiny);
    // u0 on i3: u2 rated it 3 (residual −1/4), u1 rated it 5 (+7/4).
    const expected = mu + (s02 * (-1 / 4) + s01 * (7 / 4)) / (s02 + s01);
    expect(model.scoreUser(0)[3]).toBeCloseTo(expected, 5);
    expect(expected).toBeCloseTo(3.681086, 5);
    // u1 on i2: only u0, who rated it 1.
    expect(model.scoreUser(1)[2]).toBeCloseTo(1, 5);
    // u3 has no neighbour: the baseline everywhere.
    expect(Array.from(model.scoreUser(3))).toEqual(Array.from({ length: 4 }, () => expect.closeTo(mu, 5)));
  });

  it("uses only the k nearest neighbours who rated the item", async () => {
    const model = new UserKnn({ ...flat, k: 1, neighbors: 3 });
    await model.fit(tiny);
    // u2 alone: 13/4 − 1/4 = 3.
    expect(model.scoreUser(0)[3]).toBeCloseTo(3, 5);
  });

  it("finds a profile's neighbours among the training users", async () => {
    const model = new UserKnn({ ...flat, k: 2, neighbors: 3 });
    await model.fit(tiny);
    // u0's ratings as a visitor: the same neighbours (u0 itself is now one too, but it did not rate i3).
    const scores = model.scoreProfile({ items: Int32Array.from([0, 1, 2]), ratings: Float32Array.from([5, 3, 1]) });
    expect(scores[3]).toBeCloseTo(mu + (s02 * (-1 / 4) + s01 * (7 / 4)) / (s02 + s01), 5);
  });
});

describe("user-knn: configuration and state", () => {
  it("rejects invalid configurations", () => {
    expect(() => new UserKnn({ k: 51 })).toThrow(ZodError);
    expect(() => new UserKnn({ minSupport: 0 })).toThrow(ZodError);
  });

  it("keeps its neighbours in the state and refuses a different matrix", async () => {
    const model = new UserKnn({ neighbors: 5, k: 5 });
    await model.fit(matrix);
    const state = model.toState();
    expect(state.kind).toBe("user-knn");
    expect(state.userNeighbors!.count.length).toBe(matrix.nUsers);
    expect(state.itemNeighbors).toBeUndefined();
    expect(() => UserKnn.fromState(state, structuredRatings(8).matrix)).toThrow(/not on this/);
    const broken = structuredClone(state);
    broken.userNeighbors!.indices[0] = matrix.nUsers;
    expect(() => UserKnn.fromState(broken, matrix)).toThrow(/outside/);
  });
});
