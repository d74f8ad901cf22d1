import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { RatingMatrix } from "../../../src/models/data/rating-matrix.js";
import { ItemKnn } from "../../../src/models/knn/item-knn.js";
import { itemRows, rankingOptions, Similarities } from "../../../src/models/knn/similarity.js";
import { recommenderSuite, structuredRatings } from "./shared-suite.js";

const { matrix } = structuredRatings();

recommenderSuite("item-knn", {
  create: (seed) => new ItemKnn({ seed }),
  restore: (state) => ItemKnn.fromState(state, matrix),
});

/**
 * The cosine example of similarity.test.ts:   i0  i1  i2
 *                                        u0    3   4   2
 *                                        u1    4   .   4
 *                                        u2    .   3   4
 * with s(i0,i1) = 12/25, s(i0,i2) = 11/15, s(i1,i2) = 2/3 (no shrinkage), μ = 24/7,
 * and regularisation so large that every b_u, b_i is 0 to within 1e-11, so b_ui = μ.
 */
const tiny = new RatingMatrix(3, 3, {
  users: Int32Array.from([0, 0, 0, 1, 1, 2, 2]),
  items: Int32Array.from([0, 1, 2, 0, 2, 1, 2]),
  ratings: Float32Array.from([3, 4, 2, 4, 4, 3, 4]),
  timestamps: new Float64Array(7),
});
const flat = { similarity: "cosine", shrinkage: 0, minSupport: 1, regItem: 1e12, regUser: 1e12 } as const;

describe("item-knn: hand-computed predictions", () => {
  it("weights the residuals of the user's rated neighbours by similarity", async () => {
    const model = new ItemKnn({ ...flat, k: 2, neighbors: 2 });
    await model.fit(tiny);
    // u2 rated i1 = 3 (residual −3/7) and i2 = 4 (+4/7); for i0:
    // r̂ = 24/7 + (11/15 · 4/7 + 12/25 · (−3/7)) / (11/15 + 12/25) = 24/7 + (16/75) / (91/75) = 24/7 + 16/91 = 328/91
    expect(model.scoreUser(2)[0]).toBeCloseTo(328 / 91, 5);
    // u1 rated i0 = 4 and i2 = 4, both +4/7, so i1 gets 24/7 + 4/7 = 4.
    expect(model.scoreUser(1)[1]).toBeCloseTo(4, 5);
  });

  it("uses only the k nearest of the user's rated neighbours", async () => {
    const model = new ItemKnn({ ...flat, k: 1, neighbors: 2 });
    await model.fit(tiny);
    // i0's nearest rated by u2 is i2 alone: 24/7 + 4/7.
    expect(model.scoreUser(2)[0]).toBeCloseTo(4, 5);
  });

  it("falls back to the baseline without a rated neighbour", async () => {
    const model = new ItemKnn({ ...flat, k: 1, neighbors: 1 });
    await model.fit(tiny);
    // Kept lists: i0 → i2, i1 → i2, i2 → i0. u2 did not rate i0, i2's only neighbour, so i2 gets μ.
    expect(model.scoreUser(2)[2]).toBeCloseTo(24 / 7, 5);
  });

  it("scores a profile like the user with the same ratings", async () => {
    const model = new ItemKnn({ ...flat, k: 2, neighbors: 2 });
    await model.fit(tiny);
    const scores = model.scoreProfile({ items: Int32Array.from([2, 1]), ratings: Float32Array.from([4, 3]) });
    expect(scores[0]).toBeCloseTo(328 / 91, 5);
    const empty = model.scoreProfile({ items: new Int32Array(0), ratings: new Float32Array(0) });
    expect(Array.from(empty)).toEqual(Array.from({ length: 3 }, () => expect.closeTo(24 / 7, 5)));
  });
});

describe("item-knn: scoring through inverted lists", () => {
  it("equals the direct formula over each item's stored neighbours", async () => {
    // k < the neighbours a user has rated for most items, so the recomputation path runs too.
    const model = new ItemKnn({ k: 3, neighbors: 6, minSupport: 1 });
    await model.fit(matrix);
    const state = model.toState();
    const { globalMean } = state.scalars;
    const bu = state.userVectors.bias.data;
    const bi = state.itemVectors.bias.data;
    const { k, count, indices, scores } = state.itemNeighbors!;
    for (const u of [0, 1, 17, 58]) {
      const rated = new Map<number, number>();
      const row = matrix.userRow(u);
      row.items.forEach((i, j) => rated.set(i, row.ratings[j]));
      const actual = model.scoreUser(u);
      for (let i = 0; i < matrix.nItems; i++) {
        let numerator = 0;
        let denominator = 0;
        let taken = 0;
        for (let p = i * k; p < i * k + count[i] && taken < 3; p++) {
          const j = indices[p];
          if (!rated.has(j)) continue;
          numerator += scores[p] * (rated.get(j)! - globalMean - bu[u] - bi[j]);
          denominator += Math.abs(scores[p]);
          taken++;
        }
        const expected = globalMean + bu[u] + bi[i] + (denominator > 0 ? numerator / denominator : 0);
        expect(actual[i]).toBeCloseTo(expected, 5);
      }
    }
  });
});

describe("item-knn: hand-computed ranking scores", () => {
  // The prediction measure and shrinkage do not matter: ranking always uses unshrunk cosine.
  const ranking = { ...flat, similarity: "adjusted-cosine", shrinkage: 100 } as const;

  it("sums the cosines of the item's neighbours the user rated, weighted by the ratings", async () => {
    const model = new ItemKnn({ ...ranking, k: 2, neighbors: 2 });
    await model.fit(tiny);
    // u2 rated i1 = 3 and i2 = 4. i0 lists both: 11/15 · 4 + 12/25 · 3 = 328/75.
    // i1 lists i2 (rated) and i0 (not): 2/3 · 4. i2 lists i0 (not) and i1: 2/3 · 3.
    expect(Array.from(model.rankUser(2))).toEqual([expect.closeTo(328 / 75, 5), expect.closeTo(8 / 3, 5), expect.closeTo(2, 5)]);
    // u1 rated i0 = 4 and i2 = 4: i1 gets (2/3 + 12/25) · 4 = 344/75.
    expect(model.rankUser(1)[1]).toBeCloseTo(344 / 75, 5);
  });

  it("reads only each item's K ranking neighbours, with at least minSupport common users", async () => {
    const one = new ItemKnn({ ...ranking, k: 1, neighbors: 1 });
    await one.fit(tiny);
    // Lists i0 → i2, i1 → i2, i2 → i0; u2 did not rate i0.
    expect(Array.from(one.rankUser(2))).toEqual([expect.closeTo(44 / 15, 5), expect.closeTo(8 / 3, 5), 0]);
    const supported = new ItemKnn({ ...ranking, minSupport: 2, k: 2, neighbors: 2 });
    await supported.fit(tiny);
    // (i0, i1) share only u0, so i0 keeps only i2: 11/15 · 4.
    expect(supported.rankUser(2)[0]).toBeCloseTo(44 / 15, 5);
  });

  it("ranks a profile like the user with the same ratings, and checks it", async () => {
    const model = new ItemKnn({ ...ranking, k: 2, neighbors: 2 });
    await model.fit(tiny);
    const scores = model.rankProfile({ items: Int32Array.from([2, 1]), ratings: Float32Array.from([4, 3]) });
    expect(Array.from(scores)).toEqual(Array.from(model.rankUser(2)));
    expect(Array.from(model.rankProfile({ items: new Int32Array(0), ratings: new Float32Array(0) }))).toEqual([0, 0, 0]);
    expect(() => model.rankProfile({ items: Int32Array.from([3]), ratings: Float32Array.from([4]) })).toThrow(RangeError);
    expect(() => model.rankUser(3)).toThrow(RangeError);
  });

  it("leaves the predicted ratings alone", async () => {
    const model = new ItemKnn({ ...flat, k: 2, neighbors: 2 });
    await model.fit(tiny);
    expect(model.scoreUser(2)[0]).toBeCloseTo(328 / 91, 5);
  });
});

describe("item-knn: ranking", () => {
  it("equals the sum over each item's unshrunk-cosine neighbours the user rated", async () => {
    const model = new ItemKnn({ neighbors: 6, k: 3 });
    await model.fit(matrix);
    const { k, count, indices, scores } = new Similarities(itemRows(matrix), rankingOptions(model.config)).allPairs();
    for (const u of [0, 1, 17, 58]) {
      const rated = new Map<number, number>();
      const row = matrix.userRow(u);
      row.items.forEach((i, j) => rated.set(i, row.ratings[j]));
      const actual = model.rankUser(u);
      for (let i = 0; i < matrix.nItems; i++) {
        let expected = 0;
        for (let p = i * k; p < i * k + count[i]; p++) expected += scores[p] * (rated.get(indices[p]) ?? 0);
        expect(actual[i]).toBeCloseTo(expected, 4);
      }
    }
  });

  it("restores from its state to a model that ranks identically", async () => {
    const model = new ItemKnn();
    await model.fit(matrix);
    const restored = ItemKnn.fromState(structuredClone(model.toState()), matrix);
    expect(Array.from(restored.rankUser(5))).toEqual(Array.from(model.rankUser(5)));
    const profile = { items: Int32Array.from([0, 2, 4]), ratings: Float32Array.from([5, 4.5, 5]) };
    expect(Array.from(restored.rankProfile(profile))).toEqual(Array.from(model.rankProfile(profile)));
  });
});

describe("item-knn: configuration and state", () => {
  it("rejects invalid configurations", () => {
    expect(() => new ItemKnn({ k: 60, neighbors: 50 })).toThrow(ZodError);
    expect(() => new ItemKnn({ similarity: "jaccard" as never })).toThrow(ZodError);
    expect(() => new ItemKnn({ shrinkage: -1 })).toThrow(ZodError);
  });

  it("keeps its neighbours in the state and refuses a different matrix", async () => {
    const model = new ItemKnn({ neighbors: 5, k: 5 });
    await model.fit(matrix);
    const state = model.toState();
    expect(state.kind).toBe("item-knn");
    expect(state.itemNeighbors!.k).toBe(5);
    expect(state.itemNeighbors!.count.length).toBe(matrix.nItems);
    expect(state.userVectors.bias.rows).toBe(matrix.nUsers);
    expect(() => ItemKnn.fromState(state, structuredRatings(8).matrix)).toThrow(/not on this/);
    expect(() => ItemKnn.fromState({ ...state, itemNeighbors: undefined }, matrix)).toThrow(/missing item-knn itemNeighbors/);
  });
});
