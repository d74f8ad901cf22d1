import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { Random } from "../../../src/common/random.js";
import { RatingMatrix } from "../../../src/models/data/rating-matrix.js";
import { BiasedMf } from "../../../src/models/mf/biased-mf.js";
import { likedAndRatedScores, normalCdf } from "../../../src/models/mf/rank-scores.js";
import { FitError, type EpochReport, type ModelState } from "../../../src/models/model.js";
import { recommenderSuite, structuredRatings } from "./shared-suite.js";

recommenderSuite("biased MF", {
  create: (seed) => new BiasedMf({ seed, factors: 8 }),
  restore: (state) => BiasedMf.fromState(state),
  reportsLoss: true,
});

function matrixOf(nUsers: number, nItems: number, cells: [number, number, number][]): RatingMatrix {
  return new RatingMatrix(nUsers, nItems, {
    users: Int32Array.from(cells, (c) => c[0]),
    items: Int32Array.from(cells, (c) => c[1]),
    ratings: Float32Array.from(cells, (c) => c[2]),
    timestamps: new Float64Array(cells.length),
  });
}

/** Ratings 3 + a_u·b_i with two hidden factors, 70% of the cells observed, kept inside 0.5…5. */
function lowRank(): { matrix: RatingMatrix; cells: [number, number, number][] } {
  const random = new Random(5);
  const a = Array.from({ length: 40 }, () => [random.normal() * 0.8, random.normal() * 0.8]);
  const b = Array.from({ length: 30 }, () => [random.normal() * 0.8, random.normal() * 0.8]);
  const cells: [number, number, number][] = [];
  for (let u = 0; u < 40; u++) {
    for (let i = 0; i < 30; i++) {
      if (random.float() > 0.7) continue;
      cells.push([u, i, Math.min(5, Math.max(0.5, 3 + a[u][0] * b[i][0] + a[u][1] * b[i][1]))]);
    }
  }
  return { matrix: matrixOf(40, 30, cells), cells };
}

/**
 * A fitted-looking state with one factor and one user: μ = 3, item biases 0,
 * q = (1, −1, 0), b_u = p_u = 0 and item rating counts (4, 9, 1) unless given.
 */
function handMadeState(
  params: Record<string, unknown>,
  globalMean = 3,
  itemBias = [0, 0, 0],
  user: { bias: number; factor: number } = { bias: 0, factor: 0 },
  counts = [4, 9, 1],
): ModelState {
  return {
    kind: "mf",
    params: { factors: 1, ...params },
    scalars: { globalMean },
    userVectors: {
      bias: { rows: 1, dim: 1, data: Float32Array.from([user.bias]) },
      factors: { rows: 1, dim: 1, data: Float32Array.from([user.factor]) },
    },
    itemVectors: {
      bias: { rows: 3, dim: 1, data: Float32Array.from(itemBias) },
      factors: { rows: 3, dim: 1, data: Float32Array.from([1, -1, 0]) },
      count: { rows: 3, dim: 1, data: Float32Array.from(counts) },
    },
  };
}

describe("biased MF: training", () => {
  it("fits a synthetic rank-2 matrix to a training RMSE below 0.3", async () => {
    const { matrix, cells } = lowRank();
    const reports: EpochReport[] = [];
    const model = new BiasedMf({ factors: 4, epochs: 150, learningRate: 0.02, regBias: 0, regFactors: 0.001 });
    await model.fit(matrix, { onEpoch: (r) => reports.push(r) });
    expect(reports).toHaveLength(150);
    expect(reports.at(-1)!.loss).toBeLessThan(0.3);
    // The reported loss is what the model predicts: recompute it from the scores.
    let sum = 0;
    for (const [u, i, r] of cells) sum += (model.scoreUser(u)[i] - r) ** 2;
    expect(Math.sqrt(sum / cells.length)).toBeLessThan(0.3);
  });

  it("learns exact biases when the factors start at zero", async () => {
    // r = μ + b_u + b_i exactly: rows differ by 1, columns by 2. With p = q = 0 the
    // factor gradients e·q and e·p vanish, so this is plain SGD on the biases.
    const model = new BiasedMf({ factors: 3, initStd: 0, regBias: 0, regFactors: 0, learningRate: 0.05, biasLearningRate: 0.05, epochs: 300 });
    await model.fit(
      matrixOf(2, 2, [
        [0, 0, 4],
        [0, 1, 2],
        [1, 0, 5],
        [1, 1, 3],
      ]),
    );
    const state = model.toState();
    expect(state.scalars.globalMean).toBe(3.5);
    expect(Array.from(state.userVectors.factors.data)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(model.scoreUser(0)[0]).toBeCloseTo(4, 3);
    expect(model.scoreUser(0)[1]).toBeCloseTo(2, 3);
    expect(model.scoreUser(1)[0]).toBeCloseTo(5, 3);
    expect(model.scoreUser(1)[1]).toBeCloseTo(3, 3);
  });

  it("depends on the seed", async () => {
    const { matrix } = structuredRatings();
    const a = new BiasedMf({ seed: 1, factors: 4, epochs: 2 });
    const b = new BiasedMf({ seed: 2, factors: 4, epochs: 2 });
    await a.fit(matrix);
    await b.fit(matrix);
    expect(Array.from(a.scoreUser(0))).not.toEqual(Array.from(b.scoreUser(0)));
  });

  it("reports divergence and empty data as FitErrors", async () => {
    await expect(new BiasedMf().fit(matrixOf(2, 2, []))).rejects.toThrow(FitError);
    await expect(new BiasedMf({ learningRate: 50, epochs: 5 }).fit(structuredRatings().matrix)).rejects.toThrow(/diverged/);
  });
});

describe("biased MF: scoring", () => {
  it("folds a profile in by ridge regression, computed by hand", () => {
    // One factor, λ_b = λ_f = 1/4, so the penalty is |P|/4 = 1/2 on b_u and on p_u.
    const model = BiasedMf.fromState(handMadeState({ regBias: 0.25, regFactors: 0.25 }));
    // Items 0 and 1 rated 4 and 2: targets t = (1, −1), rows φ = (1, 1) and (1, −1);
    // (ΦᵀΦ + I/2) = diag(2.5, 2.5), Φᵀt = (0, 2), so b_u = 0 and p_u = 0.8.
    const first = model.foldIn({ items: Int32Array.from([0, 1]), ratings: Float32Array.from([4, 2]) });
    expect(first.bias).toBeCloseTo(0, 10);
    expect(first.factors[0]).toBeCloseTo(0.8, 10);
    // Items 0 and 2 rated 5 and 4: t = (2, 1), rows (1, 1) and (1, 0);
    // [[2.5, 1], [1, 1.5]] z = (3, 2) gives b_u = 10/11 and p_u = 8/11.
    const profile = { items: Int32Array.from([0, 2]), ratings: Float32Array.from([5, 4]) };
    const second = model.foldIn(profile);
    expect(second.bias).toBeCloseTo(10 / 11, 10);
    expect(second.factors[0]).toBeCloseTo(8 / 11, 10);
    const scores = model.scoreProfile(profile);
    expect(scores[0]).toBeCloseTo(3 + 18 / 11, 5);
    expect(scores[1]).toBeCloseTo(3 + 2 / 11, 5);
    expect(scores[2]).toBeCloseTo(3 + 10 / 11, 5);
  });

  it("scores an empty profile with μ + b_i", () => {
    const model = BiasedMf.fromState(handMadeState({}, 3, [0.5, -0.25, 0]));
    expect(Array.from(model.scoreProfile({ items: new Int32Array(0), ratings: new Float32Array(0) }))).toEqual([3.5, 2.75, 3]);
  });

  it("clips predictions to the rating scale", () => {
    const high = BiasedMf.fromState(handMadeState({}, 4.5, [1, 0, -5]));
    expect(Array.from(high.scoreUser(0))).toEqual([5, 4.5, 0.5]);
    const custom = BiasedMf.fromState(handMadeState({ minRating: 1, maxRating: 10 }, 4.5, [6, 0, -6]));
    expect(Array.from(custom.scoreUser(0))).toEqual([10, 4.5, 1]);
  });

  it("folds a training user back in close to their fitted scores", async () => {
    const { matrix } = structuredRatings();
    // Fold-in solves for the optimum of the user's objective; the default small γ_b stops the
    // biases short of theirs (mean gap up to 0.1 here), so fit them with γ_b = γ to compare.
    const model = new BiasedMf({ factors: 8, biasLearningRate: 0.015 });
    await model.fit(matrix);
    for (const u of [0, 1, 17, 42]) {
      const { items, ratings } = matrix.userRow(u);
      const folded = model.scoreProfile({ items: items.slice(), ratings: ratings.slice() });
      const fitted = model.scoreUser(u);
      let gap = 0;
      for (let i = 0; i < matrix.nItems; i++) gap += Math.abs(folded[i] - fitted[i]) / matrix.nItems;
      expect(gap).toBeLessThan(0.1);
      expect(pearson(folded, fitted)).toBeGreaterThan(0.9);
    }
  });

  it("rejects profiles with unknown or repeated items", () => {
    const model = BiasedMf.fromState(handMadeState({}));
    expect(() => model.scoreProfile({ items: Int32Array.from([3]), ratings: Float32Array.from([4]) })).toThrow(RangeError);
    expect(() => model.scoreProfile({ items: Int32Array.from([1, 1]), ratings: Float32Array.from([4, 3]) })).toThrow(/twice/);
  });
});

describe("biased MF: configuration and state", () => {
  it("rejects invalid settings with a ZodError naming the field", () => {
    expect(() => new BiasedMf({ factors: 0 })).toThrow(ZodError);
    expect(() => new BiasedMf({ factors: 0 })).toThrow(/factors/);
    expect(() => new BiasedMf({ regFactors: -0.1 })).toThrow(/regFactors/);
    expect(() => new BiasedMf({ learningRate: 0 })).toThrow(/learningRate/);
    expect(() => new BiasedMf({ minRating: 5, maxRating: 1 })).toThrow(/minRating must be below maxRating/);
  });

  it("documents its defaults", () => {
    expect(new BiasedMf().config).toEqual({
      factors: 64,
      epochs: 30,
      learningRate: 0.015,
      biasLearningRate: 0.001,
      regBias: 0.02,
      regFactors: 0.07,
      initStd: 0.02,
      minRating: 0.5,
      maxRating: 5,
      rankThreshold: 3.75,
      rankNoise: 1,
      rankPopularityExponent: 0.5,
      seed: 42,
    });
  });

  it("stores μ, biases and factors under the names the bias model uses", async () => {
    const model = new BiasedMf({ factors: 3, epochs: 1 });
    const { matrix } = structuredRatings();
    await model.fit(matrix);
    const state = model.toState();
    expect(state.kind).toBe("mf");
    expect(state.scalars.globalMean).toBeCloseTo(matrix.globalMean, 10);
    expect(state.userVectors.bias).toMatchObject({ rows: matrix.nUsers, dim: 1 });
    expect(state.userVectors.factors).toMatchObject({ rows: matrix.nUsers, dim: 3 });
    expect(state.itemVectors.bias).toMatchObject({ rows: matrix.nItems, dim: 1 });
    expect(state.itemVectors.factors).toMatchObject({ rows: matrix.nItems, dim: 3 });
    expect(state.itemVectors.count).toMatchObject({ rows: matrix.nItems, dim: 1 });
    expect(Array.from(state.itemVectors.count.data)).toEqual(Array.from({ length: matrix.nItems }, (_, i) => matrix.itemDegree(i)));
    expect(() => BiasedMf.fromState({ ...state, params: { factors: 4 } })).toThrow(/factors = 4/);
    expect(() => BiasedMf.fromState({ ...state, kind: "nmf" })).toThrow(/"mf"/);
  });
});

describe("biased MF: ranking", () => {
  it("computes Φ to within 1.5e-7", () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1)).toBeCloseTo(0.8413447461, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.1586552539, 6);
    expect(normalCdf(-1.959963985)).toBeCloseTo(0.025, 6);
    expect(normalCdf(3)).toBeCloseTo(0.9986501020, 6);
    expect(normalCdf(-8)).toBeGreaterThanOrEqual(0);
    expect(normalCdf(8)).toBeLessThanOrEqual(1);
  });

  it("scores Φ((r̂ − τ)/σ)·n^β, computed by hand", () => {
    const settings = { rankThreshold: 3.75, rankNoise: 1, rankPopularityExponent: 0.5 };
    // r̂ − τ = 0, 1, −1, 1.25 and √n = 2, 3, 4, 0: ½·2, Φ(1)·3, Φ(−1)·4, and 0 for an item nobody rated.
    const scores = likedAndRatedScores([3.75, 4.75, 2.75, 5], [4, 9, 16, 0], settings);
    expect(scores[0]).toBeCloseTo(1, 6);
    expect(scores[1]).toBeCloseTo(0.8413447461 * 3, 5);
    expect(scores[2]).toBeCloseTo(0.1586552539 * 4, 5);
    expect(scores[3]).toBe(0);
    // β = 0 leaves P(r ≥ τ) alone; σ = 2 halves the distance to τ.
    const flat = likedAndRatedScores([4.75, 2.75], [9, 16], { ...settings, rankNoise: 2, rankPopularityExponent: 0 });
    expect(flat[0]).toBeCloseTo(normalCdf(0.5), 6);
    expect(flat[1]).toBeCloseTo(normalCdf(-0.5), 6);
  });

  it("ranks a known user by the unclipped prediction and the item's rating count, computed by hand", () => {
    // b_u = 0.25, p_u = 0.5, item biases (0.5, 0, 0), q = (1, −1, 0):
    // r̂ = 3 + 0.25 + (1, −0.5, 0) = (4.25, 2.75, 3.25); with τ = 3.75, σ = 0.5, β = 0.5 and
    // counts (4, 9, 1) the scores are Φ(1)·2, Φ(−2)·3 and Φ(−1)·1.
    const model = BiasedMf.fromState(handMadeState({ rankNoise: 0.5 }, 3, [0.5, 0, 0], { bias: 0.25, factor: 0.5 }));
    const ranked = model.rankUser(0);
    expect(ranked[0]).toBeCloseTo(0.8413447461 * 2, 5);
    expect(ranked[1]).toBeCloseTo(0.0227501319 * 3, 5);
    expect(ranked[2]).toBeCloseTo(0.1586552539, 5);
    // scoreUser stays the predicted rating.
    expect(Array.from(model.scoreUser(0))).toEqual([4.25, 2.75, 3.25]);
    expect(() => model.rankUser(1)).toThrow(RangeError);
  });

  it("puts a widely rated item above a rarely rated one it predicts a little higher", () => {
    // μ + b_i = 4.4 on 400 ratings against 4.6 on 2: Φ(0.65)·20 ≈ 14.8 beats Φ(0.85)·1.41 ≈ 1.15.
    const model = BiasedMf.fromState(handMadeState({}, 4, [0.4, 0.6, -3], { bias: 0, factor: 0 }, [400, 2, 1000]));
    const ranked = model.rankUser(0);
    expect(ranked[0]).toBeGreaterThan(ranked[1]);
    expect(model.scoreUser(0)[1]).toBeGreaterThan(model.scoreUser(0)[0]);
    // And it tells apart items whose predictions the scale clips: 5.5 and 6 both predict 5.
    const high = BiasedMf.fromState(handMadeState({}, 4, [1.5, 2, 0], { bias: 0, factor: 0 }, [4, 4, 4]));
    expect(Array.from(high.scoreUser(0)).slice(0, 2)).toEqual([5, 5]);
    expect(high.rankUser(0)[1]).toBeGreaterThan(high.rankUser(0)[0]);
  });

  it("ranks a profile with the folded-in user, computed by hand", () => {
    // An empty profile folds in b_u = 0, p_u = 0: r̂ = μ + b_i = (3.75, 4.75, 2.75), τ = 3.75, σ = 1.
    const model = BiasedMf.fromState(handMadeState({}, 3, [0.75, 1.75, -0.25]));
    const empty = model.rankProfile({ items: new Int32Array(0), ratings: new Float32Array(0) });
    expect(empty[0]).toBeCloseTo(0.5 * 2, 6);
    expect(empty[1]).toBeCloseTo(0.8413447461 * 3, 5);
    expect(empty[2]).toBeCloseTo(0.1586552539 * 1, 5);
    // A non-empty profile ranks with the b_u and p_u of foldIn, unclipped (item 1 predicts above 5).
    const profile = { items: Int32Array.from([0, 2]), ratings: Float32Array.from([5, 4]) };
    const { bias, factors } = model.foldIn(profile);
    const ranked = model.rankProfile(profile);
    const itemBias = [0.75, 1.75, -0.25];
    const q = [1, -1, 0];
    const counts = [4, 9, 1];
    for (let i = 0; i < 3; i++) {
      const estimate = 3 + bias + itemBias[i] + factors[0] * q[i];
      expect(ranked[i]).toBeCloseTo(normalCdf(estimate - 3.75) * Math.sqrt(counts[i]), 5);
    }
    expect(3 + bias + itemBias[1] + factors[0] * q[1]).toBeGreaterThan(5);
  });

  it("restores a fitted model that ranks identically", async () => {
    const { matrix } = structuredRatings();
    const model = new BiasedMf({ factors: 4 });
    await model.fit(matrix);
    const restored = BiasedMf.fromState(structuredClone(model.toState()));
    expect(Array.from(restored.rankUser(5))).toEqual(Array.from(model.rankUser(5)));
    const profile = { items: Int32Array.from([0, 2, 4]), ratings: Float32Array.from([5, 4.5, 5]) };
    expect(Array.from(restored.rankProfile(profile))).toEqual(Array.from(model.rankProfile(profile)));
  });

  it("refuses states without valid item counts", () => {
    const state = handMadeState({});
    const { count: _count, ...withoutCount } = state.itemVectors;
    expect(() => BiasedMf.fromState({ ...state, itemVectors: withoutCount })).toThrow(/itemVectors.count/);
    const short = { ...state.itemVectors, count: { rows: 2, dim: 1, data: Float32Array.from([1, 2]) } };
    expect(() => BiasedMf.fromState({ ...state, itemVectors: short })).toThrow(/3 × 1/);
    const negative = { ...state.itemVectors, count: { rows: 3, dim: 1, data: Float32Array.from([1, -2, 0]) } };
    expect(() => BiasedMf.fromState({ ...state, itemVectors: negative })).toThrow(/≥ 0/);
  });
});

function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let j = 0; j < n; j++) {
    ma += a[j] / n;
    mb += b[j] / n;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let j = 0; j < n; j++) {
    sab += (a[j] - ma) * (b[j] - mb);
    saa += (a[j] - ma) ** 2;
    sbb += (b[j] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}
