import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { Random } from "../../../src/common/random.js";
import { RatingMatrix } from "../../../src/models/data/rating-matrix.js";
import { sweepThreads } from "../../../src/models/mf/als/sweep-pool.js";
import { gramian, ImplicitAls, implicitObjective } from "../../../src/models/mf/implicit-als.js";
import { FitError, type EpochReport } from "../../../src/models/model.js";
import { recommenderSuite, structuredRatings } from "./shared-suite.js";

/**
 * The suite's users rate both groups of items equally often and differ only in
 * the ratings they give, which implicit feedback does not see unless low
 * ratings are dropped: minRating 3.5 turns the dislikes into non-preferences.
 */
recommenderSuite("implicit ALS", {
  create: (seed) => new ImplicitAls({ seed, factors: 4, iterations: 10, regularization: 10, minRating: 3.5 }),
  restore: (state) => ImplicitAls.fromState(state),
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

describe("implicit ALS: known solutions", () => {
  /**
   * Users 0–3 all interacted with items 0–3 (rating 1), nothing else; one factor,
   * α = 1 (so c = 2), λ = 1. By symmetry every x_u = a and y_i = b, and the row
   * equations (4c·b² + λ)·a = 4c·b and (4c·a² + λ)·b = 4c·a give a = b and
   * a·b = 1 − λ/(4c) = 7/8. Users 4–5 and items 4–5 have no data, so their
   * vectors go to 0, and the objective is 16·c·(1 − 7/8)² + λ·8·(7/8) = 7.5.
   */
  const block: [number, number, number][] = [];
  for (let u = 0; u < 4; u++) for (let i = 0; i < 4; i++) block.push([u, i, 1]);

  it("recovers a rank-1 block exactly", async () => {
    const reports: EpochReport[] = [];
    const model = new ImplicitAls({ factors: 1, alpha: 1, regularization: 1, iterations: 60, cgSteps: 1, initStd: 0.1 });
    await model.fit(matrixOf(6, 6, block), { onEpoch: (r) => reports.push(r) });
    for (let u = 0; u < 6; u++) {
      const scores = model.scoreUser(u);
      for (let i = 0; i < 6; i++) expect(scores[i]).toBeCloseTo(u < 4 && i < 4 ? 7 / 8 : 0, 4);
    }
    expect(reports.at(-1)!.loss).toBeCloseTo(7.5, 3);
  });

  it("never lets the objective rise between iterations", async () => {
    const { matrix } = structuredRatings();
    const reports: EpochReport[] = [];
    await new ImplicitAls({ factors: 8, iterations: 12, regularization: 5 }).fit(matrix, { onEpoch: (r) => reports.push(r) });
    expect(reports.map((r) => r.epoch)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (let e = 1; e < reports.length; e++) expect(reports[e].loss).toBeLessThanOrEqual(reports[e - 1].loss);
  });

  it("computes the objective the same way as summing every cell", () => {
    const random = new Random(3);
    const nUsers = 5;
    const nItems = 7;
    const k = 3;
    const cells: [number, number, number][] = [];
    for (let u = 0; u < nUsers; u++) for (let i = 0; i < nItems; i++) if (random.float() < 0.4) cells.push([u, i, 1 + random.int(5)]);
    const m = matrixOf(nUsers, nItems, cells);
    const x = Float64Array.from({ length: nUsers * k }, () => random.normal());
    const y = Float64Array.from({ length: nItems * k }, () => random.normal());
    const alpha = 2;
    const lambda = 0.3;
    const confidence = Float32Array.from(m.userRatings, (r) => 1 + alpha * r);

    let expected = 0;
    const rating = new Map(cells.map(([u, i, r]) => [u * nItems + i, r]));
    for (let u = 0; u < nUsers; u++) {
      for (let i = 0; i < nItems; i++) {
        let s = 0;
        for (let f = 0; f < k; f++) s += x[u * k + f] * y[i * k + f];
        const r = rating.get(u * nItems + i);
        expected += r === undefined ? s * s : (1 + alpha * r) * (1 - s) ** 2;
      }
    }
    for (const v of [...x, ...y]) expected += lambda * v * v;

    const actual = implicitObjective(x, y, nUsers, nItems, k, m.userPtr, m.userItems, confidence, lambda);
    expect(actual).toBeCloseTo(expected, 6);
  });
});

describe("implicit ALS: Gramian", () => {
  it("builds FᵀF + ridge·I", () => {
    // F = [[1, 2], [3, 4], [5, 6]]: FᵀF = [[35, 44], [44, 56]].
    expect(Array.from(gramian(Float64Array.from([1, 2, 3, 4, 5, 6]), 3, 2, 0.5))).toEqual([35.5, 44, 44, 56.5]);
    // Five rows exercise both the four-row pass and the remainder.
    const f = Float64Array.from([1, 0, 0, 1, 1, 1, 2, 0, 0, 3]);
    expect(Array.from(gramian(f, 5, 2, 0))).toEqual([6, 1, 1, 11]);
  });
});

describe("implicit ALS: fold-in", () => {
  it("gives a training user scores that track the fitted ones", async () => {
    const { matrix } = structuredRatings();
    const model = new ImplicitAls({ factors: 4, iterations: 20, cgSteps: 6, regularization: 10, minRating: 3.5 });
    await model.fit(matrix);
    for (const u of [0, 1, 17, 42]) {
      const { items, ratings } = matrix.userRow(u);
      const folded = model.scoreProfile({ items: items.slice(), ratings: ratings.slice() });
      expect(pearson(folded, model.scoreUser(u))).toBeGreaterThan(0.99);
    }
  });

  it("solves for one factor in closed form", () => {
    // One factor, items y = (1, 2, 0), λ = 1, α = 1: YᵀY + λ = 6. A profile of item 1
    // rated 3 has c = 4, so x = c·y₁ / (6 + (c − 1)·y₁²) = 8 / 18, scores x·y.
    const model = ImplicitAls.fromState({
      kind: "als",
      params: { factors: 1, alpha: 1, regularization: 1 },
      scalars: {},
      userVectors: { factors: { rows: 1, dim: 1, data: Float32Array.from([0]) } },
      itemVectors: { factors: { rows: 3, dim: 1, data: Float32Array.from([1, 2, 0]) } },
    });
    const scores = model.scoreProfile({ items: Int32Array.from([1]), ratings: Float32Array.from([3]) });
    expect(scores[0]).toBeCloseTo(8 / 18, 6);
    expect(scores[1]).toBeCloseTo(16 / 18, 6);
    expect(scores[2]).toBe(0);
    expect(Array.from(model.scoreProfile({ items: new Int32Array(0), ratings: new Float32Array(0) }))).toEqual([0, 0, 0]);
  });

  it("rejects items the model does not know and negative ratings", async () => {
    const model = new ImplicitAls({ factors: 2, iterations: 2 });
    await model.fit(structuredRatings().matrix);
    expect(() => model.scoreProfile({ items: Int32Array.from([40]), ratings: Float32Array.from([4]) })).toThrow(RangeError);
    expect(() => model.scoreProfile({ items: Int32Array.from([3]), ratings: Float32Array.from([-1]) })).toThrow(/≥ 0/);
  });
});

describe("implicit ALS: confidence and configuration", () => {
  it("computes linear and log confidences", () => {
    expect(new ImplicitAls({ alpha: 40 }).confidence(4)).toBe(161);
    expect(new ImplicitAls({ alpha: 2, confidence: "log", epsilon: 0.5 }).confidence(4)).toBeCloseTo(1 + 2 * Math.log(9), 12);
  });

  it("treats ratings below minRating exactly as missing cells", async () => {
    const cells: [number, number, number][] = [
      [0, 0, 5],
      [0, 1, 2],
      [1, 1, 4],
      [1, 2, 1],
      [2, 0, 3.5],
      [2, 2, 4.5],
    ];
    const withLow = new ImplicitAls({ factors: 2, iterations: 3, regularization: 0.1, minRating: 3 });
    const withoutLow = new ImplicitAls({ factors: 2, iterations: 3, regularization: 0.1 });
    await withLow.fit(matrixOf(3, 3, cells));
    await withoutLow.fit(matrixOf(3, 3, cells.filter((c) => c[2] >= 3)));
    expect(withLow.toState().userVectors).toEqual(withoutLow.toState().userVectors);
    expect(withLow.toState().itemVectors).toEqual(withoutLow.toState().itemVectors);
    expect(withLow.scoreUser(0)[0]).toBeGreaterThan(0.5);
    const profile = { items: Int32Array.from([0, 1]), ratings: Float32Array.from([5, 2]) };
    const highOnly = { items: Int32Array.from([0]), ratings: Float32Array.from([5]) };
    expect(withLow.scoreProfile(profile)).toEqual(withoutLow.scoreProfile(highOnly));
  });

  it("rejects invalid settings with a ZodError naming the field", () => {
    expect(() => new ImplicitAls({ factors: 0 })).toThrow(ZodError);
    expect(() => new ImplicitAls({ factors: 0 })).toThrow(/factors/);
    expect(() => new ImplicitAls({ regularization: -1 })).toThrow(/regularization/);
    expect(() => new ImplicitAls({ cgSteps: 1.5 })).toThrow(/cgSteps/);
    expect(() => new ImplicitAls({ confidence: "sqrt" as "log" })).toThrow(/confidence/);
  });

  it("documents its defaults", () => {
    expect(new ImplicitAls().config).toEqual({
      factors: 64,
      iterations: 15,
      regularization: 30,
      alpha: 1,
      confidence: "linear",
      epsilon: 1,
      minRating: 0,
      cgSteps: 3,
      initStd: 0.01,
      seed: 42,
      threads: Math.min(2, availableParallelism()),
    });
  });

  it("leaves threads, a property of the machine, out of the saved model", async () => {
    const model = new ImplicitAls({ factors: 2, iterations: 1, threads: 1 });
    await model.fit(matrixOf(2, 2, [[0, 0, 3]]));
    expect(model.toState().params).not.toHaveProperty("threads");
    expect(() => new ImplicitAls({ threads: 0 })).toThrow(/threads/);
  });

  it("refuses data it cannot fit and states of another kind", async () => {
    await expect(new ImplicitAls().fit(matrixOf(2, 2, []))).rejects.toThrow(FitError);
    await expect(new ImplicitAls({ minRating: 4 }).fit(matrixOf(2, 2, [[0, 0, 3]]))).rejects.toThrow(FitError);
    await expect(new ImplicitAls().fit(matrixOf(2, 2, [[0, 0, -2]]))).rejects.toThrow(FitError);
    const model = new ImplicitAls({ factors: 2, iterations: 1 });
    await model.fit(matrixOf(2, 2, [[0, 0, 3]]));
    expect(() => ImplicitAls.fromState({ ...model.toState(), kind: "mf" })).toThrow(/"als"/);
    expect(() => ImplicitAls.fromState({ ...model.toState(), params: { factors: 3 } })).toThrow(/factors = 3/);
  });
});

describe("implicit ALS: threads", () => {
  // 400 × 400 at density 0.45 is about 72k ratings: with 32 factors, enough
  // work that a fit uses worker threads (asserted below, so the test cannot
  // silently pass on one thread).
  const { matrix } = structuredRatings(7, 400, 400);
  const factors = 32;

  async function fitWith(threads: number, iterations: number) {
    const reports: EpochReport[] = [];
    const model = new ImplicitAls({ factors, iterations, threads, regularization: 10, minRating: 3.5 });
    await model.fit(matrix, { onEpoch: (r) => reports.push(r) });
    return { model, losses: reports.map((r) => r.loss) };
  }

  it("gives bit-identical factors and losses with 1, 2 and 3 threads", async () => {
    expect(sweepThreads(2, matrix.nnz, factors)).toBe(2);
    const one = await fitWith(1, 3);
    for (const threads of [2, 3]) {
      const many = await fitWith(threads, 3);
      expect(many.model.toState()).toEqual(one.model.toState());
      expect(many.losses).toEqual(one.losses);
    }
  });

  it("never lets the objective rise on several threads, and reports the objective of its final factors", async () => {
    const { model, losses } = await fitWith(2, 8);
    for (let e = 1; e < losses.length; e++) expect(losses[e]).toBeLessThanOrEqual(losses[e - 1]);
    expect(losses.at(-1)!).toBeLessThan(0.5 * losses[0]);
    // The fit sums the objective from Gramians and its CG passes; recompute it
    // cell by cell from the (single-precision) fitted factors.
    // Ratings below minRating are unobserved cells, so they are left out here.
    const { userVectors, itemVectors } = model.toState();
    const ptr = new Int32Array(matrix.nUsers + 1);
    const items: number[] = [];
    const confidence: number[] = [];
    for (let u = 0; u < matrix.nUsers; u++) {
      const row = matrix.userRow(u);
      row.ratings.forEach((r, j) => {
        if (r < 3.5) return;
        items.push(row.items[j]);
        confidence.push(model.confidence(r));
      });
      ptr[u + 1] = items.length;
    }
    const direct = implicitObjective(userVectors.factors.data, itemVectors.factors.data, matrix.nUsers, matrix.nItems, factors, ptr, Int32Array.from(items), Float32Array.from(confidence), 10);
    expect(Math.abs(direct - losses.at(-1)!) / direct).toBeLessThan(1e-5);
  });
});
