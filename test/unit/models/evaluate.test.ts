import { describe, expect, it } from "vitest";
import { Random } from "../../../src/common/random.js";
import type { Interactions } from "../../../src/models/data/interactions.js";
import type { RatingMatrix } from "../../../src/models/data/rating-matrix.js";
import type { FitContext, ModelKind, ModelState, Recommender } from "../../../src/models/model.js";
import { crossValidate, evaluateModels, summaryOf, topK, type EvaluateOptions } from "../../../src/models/eval/evaluate.js";

type Rating = [user: number, item: number, rating: number];

function interactions(rows: Rating[]): Interactions {
  return {
    users: Int32Array.from(rows, (r) => r[0]),
    items: Int32Array.from(rows, (r) => r[1]),
    ratings: Float32Array.from(rows, (r) => r[2]),
    timestamps: Float64Array.from(rows, (_, i) => i),
  };
}

// 4 users × 10 items. Item 9 has no training rating (cold); user 3 has no test rating.
// Training degrees: items 0–4 → 2 users each, items 5–8 → 1 user each, item 9 → 0.
const TRAIN: Rating[] = [
  [0, 0, 5], [0, 1, 4], [0, 2, 2],
  [1, 3, 5], [1, 4, 4], [1, 5, 3], [1, 0, 3],
  [2, 6, 4], [2, 7, 3], [2, 1, 5], [2, 3, 2],
  [3, 8, 5], [3, 2, 4], [3, 4, 1],
];
// With relevance ≥ 4: user 0 → {3, 6}, user 1 → {1, 9}, user 2 → none.
const TEST: Rating[] = [
  [0, 3, 5], [0, 4, 2], [0, 6, 4],
  [1, 1, 4.5], [1, 9, 5],
  [2, 0, 3],
];
const N_USERS = 4;
const N_ITEMS = 10;

/** Base for the toy models: everything a Recommender needs apart from scoreUser. */
abstract class ToyModel implements Recommender {
  abstract readonly kind: ModelKind;
  abstract readonly predictsRatings: boolean;
  protected fitted = false;

  async fit(_train: RatingMatrix, context?: FitContext): Promise<void> {
    [3, 2, 1].forEach((loss, epoch) => context?.onEpoch?.({ epoch, loss, seconds: 0 }));
    this.fitted = true;
  }

  abstract scoreUser(user: number): Float32Array;

  scoreProfile(): Float32Array {
    return new Float32Array(N_ITEMS);
  }

  toState(): ModelState {
    return { kind: this.kind, params: {}, scalars: {}, userVectors: {}, itemVectors: {} };
  }
}

/**
 * Knows the test set: predicts each test rating + 0.5 (so clipping at 5 shows), scores 0 elsewhere and
 * puts the user's own training items at the very top, which the harness must remove.
 */
class Oracle extends ToyModel {
  readonly kind = "bias";
  readonly predictsRatings = true;
  private train: RatingMatrix | null = null;

  override async fit(train: RatingMatrix, context?: FitContext): Promise<void> {
    this.train = train;
    await super.fit(train, context);
  }

  scoreUser(user: number): Float32Array {
    if (!this.train) throw new Error("not fit");
    const scores = new Float32Array(N_ITEMS);
    for (const [u, i, r] of TEST) if (u === user) scores[i] = r + 0.5;
    for (const i of this.train.userRow(user).items) scores[i] = 10;
    return scores;
  }
}

/** The oracle upside down: the test items score lowest. */
class ReversedOracle extends ToyModel {
  readonly kind = "popularity";
  readonly predictsRatings = false;
  private readonly oracle = new Oracle();

  override async fit(train: RatingMatrix, context?: FitContext): Promise<void> {
    await this.oracle.fit(train);
    await super.fit(train, context);
  }

  scoreUser(user: number): Float32Array {
    return this.oracle.scoreUser(user).map((s) => -s);
  }
}

/** Scores items by their number of training ratings: a fixed, unpersonalised ranking. */
class Popularity extends ToyModel {
  readonly kind = "popularity";
  readonly predictsRatings = false;
  private degrees = new Float32Array(0);

  override async fit(train: RatingMatrix): Promise<void> {
    this.degrees = Float32Array.from({ length: train.nItems }, (_, i) => train.itemDegree(i));
    this.fitted = true;
  }

  scoreUser(): Float32Array {
    return this.degrees.slice();
  }
}

function options(overrides: Partial<EvaluateOptions> = {}): EvaluateOptions {
  return {
    nUsers: N_USERS,
    nItems: N_ITEMS,
    train: interactions(TRAIN),
    test: interactions(TEST),
    models: [
      { name: "oracle", create: () => new Oracle() },
      { name: "reversed", create: () => new ReversedOracle() },
    ],
    k: 2,
    relevance: { minRating: 4 },
    ks: [1, 2, 3],
    ...overrides,
  };
}

describe("evaluateModels", () => {
  it("scores an oracle with hand-computed ranking metrics, excluding training items", async () => {
    const result = await evaluateModels(options());
    const oracle = result.models[0];
    // Candidates: items with a training rating (0–8) minus the user's own, which the oracle scores 10.
    // user 0: {3, 4, 5, 6, 7, 8}, scores 3 → 5.5, 6 → 4.5, 4 → 2.5 → top 2 = [3, 6], relevant {3, 6}:
    //   P = 1, R = 1, NDCG = 1, AP = 1, hit = 1
    // user 1: {1, 2, 6, 7, 8}, scores 1 → 5, rest 0 → top 2 = [1, 2] (tie broken by index), relevant {1, 9}:
    //   P = 1/2, R = 1/2, NDCG = 1 / (1 + 1/log2 3) ≈ 0.6131472, AP = (1/1) / min(2, 2) = 0.5, hit = 1
    // user 2: no rating ≥ 4 → not ranked
    expect(result.rankedUsers).toBe(2);
    expect(oracle.ranking.precision).toBe(0.75);
    expect(oracle.ranking.recall).toBe(0.75);
    expect(oracle.ranking.ndcg).toBeCloseTo((1 + 1 / (1 + 1 / Math.log2(3))) / 2, 12);
    expect(oracle.ranking.map).toBe(0.75);
    // Over all relevant items: user 0 (1/1 + 2/2) / 2 = 1, user 1 (1/1) / 2 = 0.5 (relevant 9 is never a candidate)
    expect(oracle.ranking.mapOverRelevant).toBe(0.75);
    expect(oracle.ranking.hitRate).toBe(1);
    // top-2 lists {3, 6} ∪ {1, 2} → 4 of 10 items
    expect(oracle.ranking.coverage).toBe(0.4);
    // 4 users: [3, 6] → (log2(4/2) + log2(4/1)) / 2 = 1.5; [1, 2] → (1 + 1) / 2 = 1; mean 1.25
    expect(oracle.ranking.novelty).toBe(1.25);
  });

  it("measures RMSE and MAE on every test rating, with predictions clipped to [0.5, 5]", async () => {
    const oracle = (await evaluateModels(options())).models[0];
    // predictions = rating + 0.5: 5 → 5.5 clipped to 5 (error 0), 2 → 2.5, 4 → 4.5, 4.5 → 5, 5 → 5 (clipped), 3 → 3.5
    // errors [0, 0.5, 0.5, 0.5, 0, 0.5]: MAE = 2/6; RMSE = √(4 · 0.25 / 6) = √(1/6) ≈ 0.4082483
    expect(oracle.mae).toBeCloseTo(1 / 3, 6);
    expect(oracle.rmse).toBeCloseTo(Math.sqrt(1 / 6), 6);
  });

  it("gives a reversed oracle zero on every ranking metric and no RMSE", async () => {
    const reversed = (await evaluateModels(options())).models[1];
    // user 0 top 2 = [5, 7] (score 0, lowest indices), user 1 top 2 = [2, 6]: no hits
    expect(reversed.ranking).toMatchObject({ precision: 0, recall: 0, ndcg: 0, map: 0, mapOverRelevant: 0, hitRate: 0 });
    expect(reversed.ranking.coverage).toBe(0.4);
    expect(reversed.curve.map((p) => p.precision)).toEqual([0, 0, 0]);
    expect(reversed.rmse).toBeNull();
    expect(reversed.mae).toBeNull();
    expect(reversed.predictsRatings).toBe(false);
  });

  it("computes the precision–recall curve at each K", async () => {
    const oracle = (await evaluateModels(options())).models[0];
    // K = 1: [3] and [1] → P 1, R (1/2 + 1/2)/2; K = 3: [3, 6, 4] → P 2/3, R 1; [1, 2, 6] → P 1/3, R 1/2
    expect(oracle.curve[0]).toEqual({ k: 1, precision: 1, recall: 0.5 });
    expect(oracle.curve[1]).toEqual({ k: 2, precision: 0.75, recall: 0.75 });
    expect(oracle.curve[2].k).toBe(3);
    expect(oracle.curve[2].precision).toBeCloseTo(0.5, 12);
    expect(oracle.curve[2].recall).toBeCloseTo(0.75, 12);
  });

  it("applies the relevance threshold, or counts every test item with 'any'", async () => {
    const result = await evaluateModels(options({ relevance: "any" }));
    // user 0 relevant {3, 4, 6}: top 2 [3, 6] → P 1, R 2/3; user 1 as before → P 1/2, R 1/2;
    // user 2 now counts, relevant {0}: candidates {0, 2, 4, 5, 8}, item 0 → 3.5 → top 2 [0, 2] → P 1/2, R 1
    expect(result.rankedUsers).toBe(3);
    expect(result.models[0].ranking.precision).toBeCloseTo(2 / 3, 12);
    expect(result.models[0].ranking.recall).toBeCloseTo((2 / 3 + 1 / 2 + 1) / 3, 12);
    // a threshold above every test rating leaves nobody to rank
    const none = await evaluateModels(options({ relevance: { minRating: 5.5 } }));
    expect(none.rankedUsers).toBe(0);
    expect(none.models[0].ranking.precision).toBeNaN();
    expect(summaryOf(none.models[0]).precision).toBeNull();
    expect(none.models[0].rmse).toBeCloseTo(Math.sqrt(1 / 6), 6);
  });

  it("can rank items without training ratings when asked", async () => {
    const result = await evaluateModels(options({ candidates: "all" }));
    // user 1 can now be recommended cold item 9 (score 5.5): top 2 [9, 1] → P 1, R 1; user 0 unchanged
    expect(result.models[0].ranking.precision).toBe(1);
    expect(result.models[0].ranking.recall).toBe(1);
  });

  it("records the training curve, timings and the rating distribution", async () => {
    const result = await evaluateModels(options());
    expect(result.models[0].epochs.map((e) => e.loss)).toEqual([3, 2, 1]);
    expect(result.models[0].fitSeconds).toBeGreaterThanOrEqual(0);
    expect(result.trainSize).toBe(14);
    expect(result.testSize).toBe(6);
    // train: 1 → 1, 2 → 2, 3 → 3, 4 → 4, 5 → 4; test: 2 → 1, 3 → 1, 4 → 1, 4.5 → 1, 5 → 2
    expect(result.ratingDistribution).toEqual([
      { rating: 1, train: 1, test: 0 },
      { rating: 2, train: 2, test: 1 },
      { rating: 3, train: 3, test: 1 },
      { rating: 4, train: 4, test: 1 },
      { rating: 4.5, train: 0, test: 1 },
      { rating: 5, train: 4, test: 2 },
    ]);
  });

  it("names the model that failed to fit and rejects bad cut-offs", async () => {
    class Broken extends Oracle {
      override async fit(): Promise<void> {
        throw new Error("diverged");
      }
    }
    await expect(evaluateModels(options({ models: [{ name: "broken", create: () => new Broken() }] }))).rejects.toThrow(
      'model "broken" failed to fit: diverged',
    );
    await expect(evaluateModels(options({ k: 0 }))).rejects.toThrow(RangeError);
    await expect(evaluateModels(options({ ks: [1, 2.5] }))).rejects.toThrow(RangeError);
  });
});

describe("crossValidate", () => {
  it("evaluates every fold and summarises each metric by mean and sample std", async () => {
    const data = interactions([...TRAIN, ...TEST]);
    const result = await crossValidate({
      ...options({ models: [{ name: "popularity", create: () => new Popularity() }] }),
      relevance: "any",
      data,
      folds: 4,
      seed: 3,
    });
    expect(result.folds).toHaveLength(4);
    expect(result.folds.reduce((n, fold) => n + fold.testSize, 0)).toBe(20);
    const precisions = result.folds.map((fold) => summaryOf(fold.models[0]).precision).filter((p): p is number => p !== null);
    const mean = precisions.reduce((s, p) => s + p, 0) / precisions.length;
    const std = Math.sqrt(precisions.reduce((s, p) => s + (p - mean) ** 2, 0) / (precisions.length - 1));
    expect(result.models[0].name).toBe("popularity");
    expect(result.models[0].metrics.precision.mean).toBeCloseTo(mean, 12);
    expect(result.models[0].metrics.precision.std).toBeCloseTo(std, 12);
    // popularity predicts no ratings: RMSE has neither mean nor spread
    expect(result.models[0].metrics.rmse).toEqual({ mean: null, std: null });
  });
});

describe("topK", () => {
  it("returns the best K, ties in ascending item order", () => {
    // scores 3 at items 1, 2, 4: K = 2 keeps the two lowest indices
    expect(Array.from(topK(Float32Array.from([1, 3, 3, 2, 3]), 2))).toEqual([1, 2]);
    expect(Array.from(topK(Float32Array.from([1, 3, 3, 2, 3]), 4))).toEqual([1, 2, 4, 3]);
  });

  it("skips masked items, ranks NaN last and returns fewer than K when candidates run out", () => {
    const mask = Uint8Array.from([1, 0, 1, 1]);
    expect(Array.from(topK(Float32Array.from([Number.NaN, 9, 0, -1]), 10, mask))).toEqual([2, 3, 0]);
    expect(topK(Float32Array.from([1, 2]), 0)).toHaveLength(0);
  });

  it("agrees with a full sort on random scores with many ties", () => {
    const random = new Random(11);
    for (let trial = 0; trial < 50; trial++) {
      const n = 1 + random.int(200);
      const k = 1 + random.int(30);
      const scores = Float32Array.from({ length: n }, () => random.int(8));
      const mask = Uint8Array.from({ length: n }, () => (random.float() < 0.8 ? 1 : 0));
      const expected = Array.from({ length: n }, (_, i) => i)
        .filter((i) => mask[i] === 1)
        .sort((a, b) => scores[b] - scores[a] || a - b)
        .slice(0, k);
      expect(Array.from(topK(scores, k, mask))).toEqual(expected);
    }
  });
});
