import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { Random } from "../../../src/common/random.js";
import { Popularity } from "../../../src/models/baselines/popularity.js";
import { ContentModel } from "../../../src/models/content/content-model.js";
import type { Interactions } from "../../../src/models/data/interactions.js";
import { RatingMatrix } from "../../../src/models/data/rating-matrix.js";
import { topK } from "../../../src/models/eval/evaluate.js";
import { ndcgAtK } from "../../../src/models/eval/metrics/ndcg-at-k.js";
import { applySplit, stratifiedSplit } from "../../../src/models/eval/splits.js";
import { HybridModel, simplexGrid, tuneWeights, zScores, type HybridComponent } from "../../../src/models/hybrid/hybrid.js";
import { recommenderSuite } from "./shared-suite.js";

/** A content model that knows each item only by one genre per item. */
function genreModel(genreOf: (item: number) => string, nItems: number, seed = 42): ContentModel {
  const model = new ContentModel({ seed });
  model.fitContent({ nItems, genres: Array.from({ length: nItems }, (_, i) => [genreOf(i)]), tags: Array.from({ length: nItems }, () => []) });
  return model;
}

// The suite restores a hybrid with the components of the one it just fit.
let lastComponents: HybridComponent[] = [];
recommenderSuite("hybrid", {
  create: (seed) => {
    lastComponents = [
      { name: "content", model: genreModel((i) => (i % 2 === 0 ? "A" : "B"), 40, seed) },
      { name: "popularity", model: new Popularity({ seed }) },
    ];
    return new HybridModel(lastComponents, { seed });
  },
  restore: (state) => HybridModel.fromState(state, lastComponents),
});

describe("simplexGrid", () => {
  it("lists the weight vectors on the simplex, the first weight ascending", () => {
    expect(simplexGrid(2, 4)).toEqual([
      [0, 1],
      [0.25, 0.75],
      [0.5, 0.5],
      [0.75, 0.25],
      [1, 0],
    ]);
    // C(2 + 2, 2) = 6 points for three components in halves.
    expect(simplexGrid(3, 2)).toEqual([
      [0, 0, 1],
      [0, 0.5, 0.5],
      [0, 1, 0],
      [0.5, 0, 0.5],
      [0.5, 0.5, 0],
      [1, 0, 0],
    ]);
    expect(simplexGrid(2, 10)).toHaveLength(11);
  });
});

describe("zScores", () => {
  it("centres and scales by the population standard deviation", () => {
    // mean 2, sd √(2/3): (x − 2) / 0.816497
    const z = Array.from(zScores([1, 2, 3]));
    expect(z[0]).toBeCloseTo(-1.224745, 6);
    expect(z[1]).toBeCloseTo(0, 12);
    expect(z[2]).toBeCloseTo(1.224745, 6);
  });

  it("gives constant scores no say", () => {
    expect(Array.from(zScores([7, 7, 7]))).toEqual([0, 0, 0]);
  });
});

/**
 * Users like an item when it matches both of their tastes: attribute a (item
 * parity) and attribute b (item pairs). Each component sees one attribute
 * only, so alone it can tell half of the good items from the bad ones.
 */
function halfSignalData(nUsers = 120, nItems = 80): Interactions {
  const random = new Random(11);
  const attrA = (i: number): number => i % 2;
  const attrB = (i: number): number => Math.floor(i / 2) % 2;
  const users: number[] = [];
  const items: number[] = [];
  const values: number[] = [];
  for (let u = 0; u < nUsers; u++) {
    for (let i = 0; i < nItems; i++) {
      if (random.float() > 0.5) continue;
      const score = 1.5 + 1.5 * Number(attrA(i) === u % 2) + 1.5 * Number(attrB(i) === Math.floor(u / 2) % 2) + 0.4 * random.normal();
      users.push(u);
      items.push(i);
      values.push(Math.min(5, Math.max(0.5, Math.round(score * 2) / 2)));
    }
  }
  return {
    users: Int32Array.from(users),
    items: Int32Array.from(items),
    ratings: Float32Array.from(values),
    timestamps: new Float64Array(users.length),
  };
}

/** Mean NDCG@10 over users with a relevant (≥ 4) test item, ranking the items they did not rate in training. */
function meanNdcg(scoreUser: (user: number) => ArrayLike<number>, train: RatingMatrix, test: Interactions): number {
  const relevant = Array.from({ length: train.nUsers }, () => new Set<number>());
  for (let p = 0; p < test.users.length; p++) if (test.ratings[p] >= 4) relevant[test.users[p]].add(test.items[p]);
  let total = 0;
  let users = 0;
  for (let u = 0; u < train.nUsers; u++) {
    if (relevant[u].size === 0) continue;
    const candidates = new Uint8Array(train.nItems).fill(1);
    for (const item of train.userRow(u).items) candidates[item] = 0;
    total += ndcgAtK(topK(scoreUser(u), 10, candidates), relevant[u], 10);
    users += 1;
  }
  return total / users;
}

describe("HybridModel on components that each see half the signal", () => {
  const nUsers = 120;
  const nItems = 80;
  const data = halfSignalData(nUsers, nItems);
  const { train, test } = applySplit(data, stratifiedSplit(data, { ratio: 0.75, seed: 3 }));
  const trainMatrix = new RatingMatrix(nUsers, nItems, train);
  const components = (): HybridComponent[] => [
    { name: "attr-a", model: genreModel((i) => `a${i % 2}`, nItems) },
    { name: "attr-b", model: genreModel((i) => `b${Math.floor(i / 2) % 2}`, nItems) },
  ];

  it("chooses weights on a validation split that beat either component alone", async () => {
    const parts = components();
    const hybrid = new HybridModel(parts);
    await hybrid.fit(trainMatrix);
    const [wA, wB] = hybrid.componentWeights;
    expect(wA + wB).toBeCloseTo(1, 12);
    // Every mix of the two puts the items matching both tastes first, so the tie goes to equal weights.
    expect(wA).toBe(0.5);
    expect(wB).toBe(0.5);
    // fit left the components refit on all of train, so they can be measured alone.
    const alone = parts.map(({ model }) => meanNdcg((u) => model.scoreUser(u), trainMatrix, test));
    const together = meanNdcg((u) => hybrid.scoreUser(u), trainMatrix, test);
    expect(together).toBeGreaterThan(1.5 * Math.max(...alone));
    // It ranks exactly as someone who knows both tastes would: items matching both first, ties by index.
    const oracle = meanNdcg(
      (u) => Array.from({ length: nItems }, (_, i) => Number(i % 2 === u % 2) + Number(Math.floor(i / 2) % 2 === Math.floor(u / 2) % 2)),
      trainMatrix,
      test,
    );
    expect(together).toBe(oracle);
    expect(hybrid.tuning!.scores).toHaveLength(11);
  });

  it("lets the caller's metric decide", async () => {
    const relevant = Array.from({ length: nUsers }, () => [] as number[]);
    for (let p = 0; p < test.users.length; p++) if (test.ratings[p] >= 4) relevant[test.users[p]].push(test.items[p]);
    const validation = { train: trainMatrix, heldOut: relevant };
    const grid = simplexGrid(2, 10);
    const ndcg = await tuneWeights(components(), validation, grid);
    expect(ndcg.users).toBe(relevant.filter((items) => items.length > 0).length);
    expect(ndcg.score).toBe(Math.max(...ndcg.scores));
    // A metric that rewards missing every relevant item prefers the worst lists: one attribute alone.
    const misses = await tuneWeights(components(), validation, grid, { metric: (ranked, rel) => (Array.from(ranked).some((i) => rel.has(i)) ? 0 : 1) });
    expect(misses.weights).not.toEqual(ndcg.weights);
    expect(misses.weights.some((w) => w === 0)).toBe(true);
  });

  it("takes a component the caller already fit on the same ratings instead of fitting it again", async () => {
    const countingFits = (parts: HybridComponent[]) => {
      const counter = { fits: 0 };
      const model = parts[0].model;
      const fit = model.fit.bind(model);
      model.fit = (...args) => {
        counter.fits += 1;
        return fit(...args);
      };
      return counter;
    };
    const own = components();
    const plain = new HybridModel(own);
    const plainFits = countingFits(own);
    await plain.fit(trainMatrix);
    expect(plainFits.fits).toBe(2);

    const [ready] = components();
    await ready.model.fit(trainMatrix);
    const parts = components();
    const reusingFits = countingFits(parts);
    const reusing = new HybridModel(parts);
    await reusing.fit(trainMatrix, { fitted: new Map([["attr-a", ready.model]]) });
    // Only the fit on the validation split, which chose the weights.
    expect(reusingFits.fits).toBe(1);
    expect(reusing.components[0].model).toBe(ready.model);
    expect(reusing.components[1].model).toBe(parts[1].model);
    expect(reusing.componentWeights).toEqual(plain.componentWeights);
    expect(Array.from(reusing.scoreUser(7))).toEqual(Array.from(plain.scoreUser(7)));
  });

  it("restores from its state and its components, matched by name", async () => {
    const parts = components();
    const hybrid = new HybridModel(parts, { gridSteps: 4 });
    await hybrid.fit(trainMatrix);
    const state = structuredClone(hybrid.toState());
    expect(state.params.components).toEqual(["attr-a", "attr-b"]);
    expect(state.scalars["weight:attr-a"] + state.scalars["weight:attr-b"]).toBeCloseTo(1, 12);
    const restored = HybridModel.fromState(state, [...parts].reverse());
    expect(restored.componentWeights).toEqual(hybrid.componentWeights);
    expect(Array.from(restored.scoreUser(7))).toEqual(Array.from(hybrid.scoreUser(7)));
    expect(() => HybridModel.fromState(state, parts.slice(0, 1))).toThrow(/attr-b/);
  });

  it("rejects duplicate names, an empty component list and bad settings", () => {
    const [a] = components();
    expect(() => new HybridModel([a, a])).toThrow(/twice/);
    expect(() => new HybridModel([])).toThrow(/at least one/);
    expect(() => new HybridModel([a], { validationFraction: 1 })).toThrow(ZodError);
  });
});
