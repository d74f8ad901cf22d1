import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { RatingMatrix } from "../../../src/models/data/rating-matrix.js";
import { normalCdf } from "../../../src/models/mf/rank-scores.js";
import { coordinateDescentNnls, Nmf } from "../../../src/models/mf/nmf.js";
import { FitError, type EpochReport, type ModelState } from "../../../src/models/model.js";
import { recommenderSuite, structuredRatings } from "./shared-suite.js";

recommenderSuite("NMF", {
  create: (seed) => new Nmf({ seed, biased: false }),
  restore: (state) => Nmf.fromState(state),
  reportsLoss: true,
});

recommenderSuite("NMF with biases", {
  create: (seed) => new Nmf({ seed, biased: true }),
  restore: (state) => Nmf.fromState(state),
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

/**
 * Unbiased, two factors, one user with p_u = (0, 0) unless given, item rows
 * q = (1, 0), (0, 1), (1, 1), and item rating counts (16, 1, 4) unless given.
 */
function twoFactorState(params: Record<string, unknown>, userFactors = [0, 0], counts = [16, 1, 4]): ModelState {
  return {
    kind: "nmf",
    params: { factors: 2, biased: false, ...params },
    scalars: {},
    userVectors: { factors: { rows: 1, dim: 2, data: Float32Array.from(userFactors) } },
    itemVectors: {
      factors: { rows: 3, dim: 2, data: Float32Array.from([1, 0, 0, 1, 1, 1]) },
      count: { rows: 3, dim: 1, data: Float32Array.from(counts) },
    },
  };
}

describe("NMF: training", () => {
  it("fits a fully observed rank-1 matrix exactly in one epoch", async () => {
    // With one factor and no regularisation, p_u ← p_u·Σq r / (p_u·Σq²) is the exact least-squares
    // p_u for the current q, so one user half-epoch makes p ∝ a and the item half then gives
    // q_i = b_i·(p·a)/|p|²: p_u·q_i = a_u·b_i for R = a bᵀ, a = (1, 2, 3), b = (1, 0.5, 2).
    const a = [1, 2, 3];
    const b = [1, 0.5, 2];
    const cells: [number, number, number][] = [];
    for (let u = 0; u < 3; u++) for (let i = 0; i < 3; i++) cells.push([u, i, a[u] * b[i]]);
    const reports: EpochReport[] = [];
    const model = new Nmf({ factors: 1, epochs: 1, regUserFactors: 0, regItemFactors: 0, maxRating: 10, biased: false });
    await model.fit(matrixOf(3, 3, cells), { onEpoch: (r) => reports.push(r) });
    for (let u = 0; u < 3; u++) {
      const scores = model.scoreUser(u);
      for (let i = 0; i < 3; i++) expect(scores[i]).toBeCloseTo(a[u] * b[i], 5);
    }
    expect(reports[0].loss).toBeCloseTo(0, 9);
  });

  it("keeps every factor non-negative, biased or not", async () => {
    const { matrix } = structuredRatings();
    for (const biased of [false, true]) {
      const model = new Nmf({ biased });
      await model.fit(matrix);
      const state = model.toState();
      expect(state.userVectors.factors.data.every((v) => v >= 0)).toBe(true);
      expect(state.itemVectors.factors.data.every((v) => v >= 0)).toBe(true);
      expect(state.itemVectors.factors.data.some((v) => v > 0)).toBe(true);
      const { factors } = model.foldIn({ items: Int32Array.from([1, 3, 8]), ratings: Float32Array.from([0.5, 1, 5]) });
      expect(factors.every((v) => v >= 0)).toBe(true);
    }
  });

  it("never lets the objective rise between epochs", async () => {
    const reports: EpochReport[] = [];
    await new Nmf({ epochs: 30 }).fit(structuredRatings().matrix, { onEpoch: (r) => reports.push(r) });
    expect(reports).toHaveLength(30);
    for (let e = 1; e < reports.length; e++) expect(reports[e].loss).toBeLessThanOrEqual(reports[e - 1].loss);
  });

  it("stores biases only when it has them", async () => {
    const { matrix } = structuredRatings();
    const plain = new Nmf({ factors: 3, epochs: 2, biased: false });
    await plain.fit(matrix);
    expect(plain.toState().scalars).toEqual({});
    expect(Object.keys(plain.toState().userVectors)).toEqual(["factors"]);
    const biased = new Nmf({ factors: 3, epochs: 2, biased: true });
    await biased.fit(matrix);
    const state = biased.toState();
    expect(state.scalars.globalMean).toBeCloseTo(matrix.globalMean, 10);
    expect(state.userVectors.bias).toMatchObject({ rows: matrix.nUsers, dim: 1 });
    expect(state.itemVectors.bias).toMatchObject({ rows: matrix.nItems, dim: 1 });
    expect(() => Nmf.fromState({ ...plain.toState(), params: { ...plain.toState().params, biased: true } })).toThrow(/globalMean/);
  });

  it("refuses negative ratings and empty data", async () => {
    await expect(new Nmf().fit(matrixOf(2, 2, []))).rejects.toThrow(FitError);
    await expect(new Nmf().fit(matrixOf(2, 2, [[0, 0, -1]]))).rejects.toThrow(/≥ 0/);
  });
});

describe("NMF: fold-in", () => {
  it("solves non-negative least squares exactly", () => {
    // H = [[2, 1], [1, 2]], g = (1, −1): the unconstrained minimiser is (1, −1); with z ≥ 0
    // the second coordinate sits at 0 and the first is g₁/H₁₁ = 1/2 (its gradient 1.5 ≥ 0).
    const h = Float64Array.from([2, 1, 1, 2]);
    const g = Float64Array.from([1, -1]);
    expect(Array.from(coordinateDescentNnls(h, g, 2))).toEqual([0.5, 0]);
    const free = coordinateDescentNnls(h, g, 2, 2);
    expect(free[0]).toBeCloseTo(1, 10);
    expect(free[1]).toBeCloseTo(-1, 10);
  });

  it("clamps a factor that least squares would make negative", () => {
    // Item 0 = (1, 0) rated 4 and item 2 = (1, 1) rated 2, no regularisation: least squares
    // wants p = (4, −2); with p ≥ 0 it is p = (3, 0), which misses both ratings by 1.
    const model = Nmf.fromState(twoFactorState({ regUserFactors: 0 }));
    const { factors } = model.foldIn({ items: Int32Array.from([0, 2]), ratings: Float32Array.from([4, 2]) });
    expect(factors[0]).toBeCloseTo(3, 9);
    expect(factors[1]).toBe(0);
    expect(Array.from(model.scoreProfile({ items: Int32Array.from([0, 2]), ratings: Float32Array.from([4, 2]) }))).toEqual([3, 0.5, 3]);
  });

  it("shrinks by |P|·λ_p", () => {
    // Item 0 = (1, 0) rated 4 alone with λ_p = 1: (1 + 1)·p₁ = 4, and p₂ has nothing to fit.
    const model = Nmf.fromState(twoFactorState({ regUserFactors: 1 }));
    const { factors } = model.foldIn({ items: Int32Array.from([0]), ratings: Float32Array.from([4]) });
    expect(Array.from(factors)).toEqual([2, 0]);
  });

  it("gives a training user scores close to the fitted ones", async () => {
    const { matrix } = structuredRatings();
    const model = new Nmf();
    await model.fit(matrix);
    for (const u of [0, 1, 17, 42]) {
      const { items, ratings } = matrix.userRow(u);
      const folded = model.scoreProfile({ items: items.slice(), ratings: ratings.slice() });
      const fitted = model.scoreUser(u);
      let gap = 0;
      for (let i = 0; i < matrix.nItems; i++) gap += Math.abs(folded[i] - fitted[i]) / matrix.nItems;
      expect(gap).toBeLessThan(0.15);
    }
  });
});

describe("NMF: configuration", () => {
  it("rejects invalid settings with a ZodError naming the field", () => {
    expect(() => new Nmf({ factors: 0 })).toThrow(ZodError);
    expect(() => new Nmf({ factors: 0 })).toThrow(/factors/);
    expect(() => new Nmf({ regUserFactors: -1 })).toThrow(/regUserFactors/);
    expect(() => new Nmf({ initLow: -0.5 })).toThrow(/initLow/);
    expect(() => new Nmf({ initLow: 2, initHigh: 1 })).toThrow(/initLow must be below initHigh/);
  });

  it("documents its defaults: Surprise's for the model but with biases, measured ones for the ranking", () => {
    expect(new Nmf().config).toEqual({
      factors: 15,
      epochs: 50,
      regUserFactors: 0.06,
      regItemFactors: 0.06,
      biased: true,
      regUserBias: 0.02,
      regItemBias: 0.02,
      lrUserBias: 0.005,
      lrItemBias: 0.005,
      initLow: 0,
      initHigh: 1,
      minRating: 0.5,
      maxRating: 5,
      rankThreshold: 3.75,
      rankNoise: 1,
      rankPopularityExponent: 0.75,
      seed: 42,
    });
  });
});

describe("NMF: ranking", () => {
  it("ranks a known user by Φ((r̂ − τ)/σ)·n^β, computed by hand", () => {
    // p_u = (4, 0.5): r̂ = (4, 0.5, 4.5). τ = 3.75, σ = 1, β = 0.75 and counts (16, 1, 4) give
    // Φ(0.25)·8, Φ(−3.25)·1 and Φ(0.75)·2^1.5.
    const model = Nmf.fromState(twoFactorState({}, [4, 0.5]));
    const ranked = model.rankUser(0);
    expect(ranked[0]).toBeCloseTo(0.5987063257 * 8, 5);
    expect(ranked[1]).toBeCloseTo(0.0005770250, 6);
    expect(ranked[2]).toBeCloseTo(0.7733726476 * 2 ** 1.5, 5);
    // The more often rated item 0 ranks above item 2, which scoreUser predicts higher.
    expect(ranked[0]).toBeGreaterThan(ranked[2]);
    expect(Array.from(model.scoreUser(0))).toEqual([4, 0.5, 4.5]);
    expect(() => model.rankUser(1)).toThrow(RangeError);
  });

  it("adds the biases to the estimate it ranks by, unclipped", () => {
    // μ = 3, b_u = 0.5, b_i = (1, 0, −1), p_u = (1, 0): r̂ = (5.5, 3.5, 3.5); β = 0.5.
    const state = twoFactorState({ biased: true, rankPopularityExponent: 0.5 }, [1, 0]);
    const model = Nmf.fromState({
      ...state,
      scalars: { globalMean: 3 },
      userVectors: { ...state.userVectors, bias: { rows: 1, dim: 1, data: Float32Array.from([0.5]) } },
      itemVectors: { ...state.itemVectors, bias: { rows: 3, dim: 1, data: Float32Array.from([1, 0, -1]) } },
    });
    const ranked = model.rankUser(0);
    expect(ranked[0]).toBeCloseTo(normalCdf(1.75) * 4, 5);
    expect(ranked[1]).toBeCloseTo(normalCdf(-0.25) * 1, 5);
    expect(ranked[2]).toBeCloseTo(normalCdf(-0.25) * 2, 5);
    expect(model.scoreUser(0)[0]).toBe(5);
  });

  it("ranks a profile with the folded-in user", () => {
    // Item 0 = (1, 0) rated 4 alone with λ_p = 1 folds in p = (2, 0): r̂ = (2, 0, 2).
    const model = Nmf.fromState(twoFactorState({ regUserFactors: 1 }));
    const ranked = model.rankProfile({ items: Int32Array.from([0]), ratings: Float32Array.from([4]) });
    expect(ranked[0]).toBeCloseTo(normalCdf(-1.75) * 8, 5);
    expect(ranked[1]).toBeCloseTo(normalCdf(-3.75) * 1, 6);
    expect(ranked[2]).toBeCloseTo(normalCdf(-1.75) * 2 ** 1.5, 5);
    // An empty profile has p = 0: every item is equally unlikely to be liked, so counts decide.
    const empty = model.rankProfile({ items: new Int32Array(0), ratings: new Float32Array(0) });
    expect(empty[0]).toBeGreaterThan(empty[2]);
    expect(empty[2]).toBeGreaterThan(empty[1]);
  });

  it("stores item counts and restores a model that ranks identically, biased or not", async () => {
    const { matrix } = structuredRatings();
    for (const biased of [false, true]) {
      const model = new Nmf({ biased, epochs: 5 });
      await model.fit(matrix);
      const state = model.toState();
      expect(Array.from(state.itemVectors.count.data)).toEqual(Array.from({ length: matrix.nItems }, (_, i) => matrix.itemDegree(i)));
      const restored = Nmf.fromState(structuredClone(state));
      expect(Array.from(restored.rankUser(5))).toEqual(Array.from(model.rankUser(5)));
      const profile = { items: Int32Array.from([0, 2, 4]), ratings: Float32Array.from([5, 4.5, 5]) };
      expect(Array.from(restored.rankProfile(profile))).toEqual(Array.from(model.rankProfile(profile)));
    }
  });

  it("refuses a state without item counts", () => {
    const state = twoFactorState({});
    expect(() => Nmf.fromState({ ...state, itemVectors: { factors: state.itemVectors.factors } })).toThrow(/itemVectors.count/);
  });
});
