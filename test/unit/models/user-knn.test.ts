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

/**
 * Unshrunk cosine, users as rows, norms over each user's own ratings:
 *        i0  i1  i2  i3   norm
 *   u0    1   2   2   .    3
 *   u1    2   1   .   2    3
 *   u2    .   4   2   4    6
 *   c(u0,u1) = (1·2 + 2·1) / 9 = 4/9,  c(u0,u2) = (2·4 + 2·2) / 18 = 2/3,  c(u1,u2) = (1·4 + 2·4) / 18 = 2/3,
 * each over two common items. So u0's ranking neighbours are u2 (2/3) then u1 (4/9).
 */
const rankingTiny = new RatingMatrix(3, 4, {
  users: Int32Array.from([0, 0, 0, 1, 1, 1, 2, 2, 2]),
  items: Int32Array.from([0, 1, 2, 0, 1, 3, 1, 2, 3]),
  ratings: Float32Array.from([1, 2, 2, 2, 1, 2, 4, 2, 4]),
  timestamps: new Float64Array(9),
});
// The prediction measure and shrinkage do not matter: ranking always uses unshrunk cosine.
const ranking = { ...flat, shrinkage: 100 } as const;

describe("user-knn: hand-computed ranking scores", () => {
  it("sums the neighbours' cosines weighted by their ratings", async () => {
    const model = new UserKnn({ ...ranking, k: 2, neighbors: 2 });
    await model.fit(rankingTiny);
    // u0: i0 from u1 alone (4/9 · 2); i1 from both (4/9 · 1 + 2/3 · 4); i2 from u2 (2/3 · 2); i3 from both (4/9 · 2 + 2/3 · 4).
    expect(Array.from(model.rankUser(0))).toEqual([8 / 9, 28 / 9, 4 / 3, 32 / 9].map((x) => expect.closeTo(x, 5)));
    // u1's neighbours are u2 (2/3) and u0 (4/9): i2 gets 2/3 · 2 + 4/9 · 2.
    expect(model.rankUser(1)[2]).toBeCloseTo(20 / 9, 5);
  });

  it("uses only the K ranking neighbours, with at least minSupport common items", async () => {
    const one = new UserKnn({ ...ranking, k: 1, neighbors: 1 });
    await one.fit(rankingTiny);
    expect(Array.from(one.rankUser(0))).toEqual([0, 8 / 3, 4 / 3, 8 / 3].map((x) => expect.closeTo(x, 5)));
    const supported = new UserKnn({ ...ranking, minSupport: 3, k: 2, neighbors: 2 });
    await supported.fit(rankingTiny);
    expect(Array.from(supported.rankUser(0))).toEqual([0, 0, 0, 0]);
  });

  it("finds a profile's ranking neighbours among the training users", async () => {
    const model = new UserKnn({ ...ranking, k: 3, neighbors: 3 });
    await model.fit(rankingTiny);
    // u0's ratings as a visitor: u0 itself (cosine 1) joins u2 and u1, and did not rate i3.
    const scores = model.rankProfile({ items: Int32Array.from([0, 1, 2]), ratings: Float32Array.from([1, 2, 2]) });
    expect(scores[3]).toBeCloseTo(32 / 9, 5);
    expect(scores[0]).toBeCloseTo(1 + 8 / 9, 5);
    expect(() => model.rankProfile({ items: Int32Array.from([4]), ratings: Float32Array.from([4]) })).toThrow(RangeError);
    expect(() => model.rankUser(3)).toThrow(RangeError);
  });

  it("caps the support a visitor's neighbours need at the profile's length", async () => {
    const model = new UserKnn({ ...ranking, minSupport: 2, k: 2, neighbors: 2 });
    await model.fit(rankingTiny);
    // One rating, i3 = 4: u1 and u2 rated it, cosine 4·2 / (4·3) = 4·4 / (4·6) = 2/3 each, over one item.
    const scores = model.rankProfile({ items: Int32Array.from([3]), ratings: Float32Array.from([4]) });
    expect(Array.from(scores)).toEqual([4 / 3, 10 / 3, 4 / 3, 4].map((x) => expect.closeTo(x, 5)));
  });

  it("restores from its state to a model that ranks identically", async () => {
    const model = new UserKnn();
    await model.fit(matrix);
    const restored = UserKnn.fromState(structuredClone(model.toState()), matrix);
    expect(Array.from(restored.rankUser(5))).toEqual(Array.from(model.rankUser(5)));
    const profile = { items: Int32Array.from([0, 2, 4]), ratings: Float32Array.from([5, 4.5, 5]) };
    expect(Array.from(restored.rankProfile(profile))).toEqual(Array.from(model.rankProfile(profile)));
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
