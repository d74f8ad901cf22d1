import { describe, expect, it } from "vitest";
import { Random } from "../../../src/common/random.js";
import type { Interactions } from "../../../src/models/data/interactions.js";
import {
  applySplit,
  kFold,
  randomSplit,
  roundHalfEven,
  stratifiedSplit,
  temporalSplit,
  type Split,
} from "../../../src/models/eval/splits.js";

/** Users 0…5 with 1, 2, 3, 4, 6 and 10 ratings, interleaved in time, with shuffled timestamps. */
const COUNTS = [1, 2, 3, 4, 6, 10];

function fixture(counts = COUNTS): Interactions {
  const random = new Random(3);
  const users: number[] = [];
  const items: number[] = [];
  const stamps: number[] = [];
  counts.forEach((count, u) => {
    for (let r = 0; r < count; r++) {
      users.push(u);
      items.push(r);
      stamps.push(1000 + random.int(10_000));
    }
  });
  // Interleave users so that positions are not grouped by user.
  const order = users.map((_, p) => p).sort((a, b) => stamps[a] - stamps[b] || a - b).reverse();
  return {
    users: Int32Array.from(order.map((p) => users[p])),
    items: Int32Array.from(order.map((p) => items[p])),
    ratings: Float32Array.from(order.map((p) => 1 + (p % 5))),
    timestamps: Float64Array.from(order.map((p) => stamps[p])),
  };
}

function expectPartition(split: Split, n: number): void {
  const all = [...split.train, ...split.test].sort((a, b) => a - b);
  expect(all).toEqual(Array.from({ length: n }, (_, i) => i));
  for (const side of [split.train, split.test]) {
    for (let i = 1; i < side.length; i++) expect(side[i]).toBeGreaterThan(side[i - 1]);
  }
}

function perUser(data: Interactions, positions: Int32Array): number[] {
  const counts = new Array(COUNTS.length).fill(0);
  for (const p of positions) counts[data.users[p]]++;
  return counts;
}

describe("roundHalfEven", () => {
  it("rounds halves to the even neighbour, like NumPy", () => {
    expect([0.5, 1.5, 2.5, 4.5, 7.5].map(roundHalfEven)).toEqual([0, 2, 2, 4, 8]);
    expect([0.75, 2.25, 2.75, 3, 0].map(roundHalfEven)).toEqual([1, 2, 3, 3, 0]);
  });
});

describe("randomSplit", () => {
  const data = fixture();
  const n = data.users.length; // 26

  it("holds out round(testFraction · n) ratings and partitions the rest", () => {
    const split = randomSplit(data, { testFraction: 0.2, seed: 1 });
    // round(0.2 · 26) = round(5.2) = 5
    expect(split.test).toHaveLength(5);
    expect(split.train).toHaveLength(21);
    expectPartition(split, n);
    // round(0.25 · 26) = round(6.5) = 7 (Math.round, not half-even: this split follows no external protocol)
    expect(randomSplit(data, { testFraction: 0.25 }).test).toHaveLength(7);
  });

  it("is deterministic for a seed and changes with it", () => {
    const a = randomSplit(data, { seed: 5 });
    expect(Array.from(randomSplit(data, { seed: 5 }).test)).toEqual(Array.from(a.test));
    expect(Array.from(randomSplit(data, { seed: 6 }).test)).not.toEqual(Array.from(a.test));
  });

  it("draws every rating about equally often", () => {
    const big = fixture([400, 600]);
    const hits = new Array(big.users.length).fill(0);
    for (let seed = 0; seed < 200; seed++) for (const p of randomSplit(big, { testFraction: 0.5, seed }).test) hits[p]++;
    // each position is in test with probability 0.5: over 200 seeds the count is 100 ± 3σ (σ ≈ 7.1)
    expect(Math.min(...hits)).toBeGreaterThan(60);
    expect(Math.max(...hits)).toBeLessThan(140);
  });

  it("handles the extremes and rejects fractions outside [0, 1]", () => {
    expect(randomSplit(data, { testFraction: 0 }).test).toHaveLength(0);
    expect(randomSplit(data, { testFraction: 1 }).train).toHaveLength(0);
    expect(() => randomSplit(data, { testFraction: 1.2 })).toThrow(RangeError);
    expect(() => randomSplit(data, { testFraction: Number.NaN })).toThrow(RangeError);
  });

  it("applies to the rows of the data", () => {
    const split = randomSplit(data, { seed: 2 });
    const { train, test } = applySplit(data, split);
    expect(test.users).toHaveLength(split.test.length);
    expect(train.items[0]).toBe(data.items[split.train[0]]);
    expect(test.timestamps[1]).toBe(data.timestamps[split.test[1]]);
  });
});

describe("temporalSplit", () => {
  it("holds out each user's latest ratings, keeping at least one in training", () => {
    const data = fixture();
    const split = temporalSplit(data, { perUser: 2 });
    expectPartition(split, data.users.length);
    // counts 1, 2, 3, 4, 6, 10 → held out min(2, n − 1) = 0, 1, 2, 2, 2, 2
    expect(perUser(data, split.test)).toEqual([0, 1, 2, 2, 2, 2]);
    for (let u = 0; u < COUNTS.length; u++) {
      const trainTimes = Array.from(split.train).filter((p) => data.users[p] === u).map((p) => data.timestamps[p]);
      const testTimes = Array.from(split.test).filter((p) => data.users[p] === u).map((p) => data.timestamps[p]);
      if (testTimes.length > 0) expect(Math.min(...testTimes)).toBeGreaterThanOrEqual(Math.max(...trainTimes));
    }
  });

  it("picks exactly the last ratings of a hand-made example, ties in data order", () => {
    const data: Interactions = {
      users: Int32Array.from([0, 0, 1, 0, 1, 0]),
      items: Int32Array.from([0, 1, 2, 3, 4, 5]),
      ratings: Float32Array.from([4, 4, 4, 4, 4, 4]),
      // user 0: positions 0 (t=30), 1 (t=10), 3 (t=30), 5 (t=20); user 1: 2 (t=5), 4 (t=1)
      timestamps: Float64Array.from([30, 10, 5, 30, 1, 20]),
    };
    // user 0 by time: 1 (10), 5 (20), 0 (30), 3 (30, after 0 by position) → last one is 3
    // user 1 by time: 4 (1), 2 (5) → last one is 2
    expect(Array.from(temporalSplit(data).test)).toEqual([2, 3]);
    // perUser 2 → user 0 gives 0 and 3, user 1 keeps 4 and gives 2
    expect(Array.from(temporalSplit(data, { perUser: 2 }).test)).toEqual([0, 2, 3]);
  });

  it("rejects a count that is not a positive integer", () => {
    expect(() => temporalSplit(fixture(), { perUser: 0 })).toThrow(RangeError);
  });
});

describe("kFold", () => {
  const data = fixture();
  const n = data.users.length; // 26

  it("puts every rating in exactly one test fold, with sizes within one", () => {
    const folds = kFold(data, { k: 5, seed: 4 });
    expect(folds).toHaveLength(5);
    // 26 = 6 + 5 + 5 + 5 + 5: fold 0 gets shuffled positions 0, 5, 10, 15, 20, 25
    expect(folds.map((f) => f.test.length)).toEqual([6, 5, 5, 5, 5]);
    const seen = new Array(n).fill(0);
    for (const fold of folds) {
      expectPartition(fold, n);
      for (const p of fold.test) seen[p]++;
    }
    expect(seen.every((c) => c === 1)).toBe(true);
  });

  it("is deterministic for a seed and changes with it", () => {
    const a = kFold(data, { k: 3, seed: 9 }).map((f) => Array.from(f.test));
    expect(kFold(data, { k: 3, seed: 9 }).map((f) => Array.from(f.test))).toEqual(a);
    expect(kFold(data, { k: 3, seed: 10 }).map((f) => Array.from(f.test))).not.toEqual(a);
  });

  it("rejects fewer than two folds or more folds than ratings", () => {
    expect(() => kFold(data, { k: 1 })).toThrow(RangeError);
    expect(() => kFold(data, { k: n + 1 })).toThrow(RangeError);
  });
});

describe("stratifiedSplit", () => {
  const data = fixture();

  it("keeps round-half-even(ratio · n) of each user's ratings for training", () => {
    const split = stratifiedSplit(data, { ratio: 0.75, seed: 42 });
    expectPartition(split, data.users.length);
    // 0.75 · [1, 2, 3, 4, 6, 10] = [0.75, 1.5, 2.25, 3, 4.5, 7.5] → [1, 2, 2, 3, 4, 8]
    expect(perUser(data, split.train)).toEqual([1, 2, 2, 3, 4, 8]);
    expect(perUser(data, split.test)).toEqual([0, 0, 1, 1, 2, 2]);
    // 0.5 · [1, 2, 3, 4, 6, 10] = [0.5, 1, 1.5, 2, 3, 5] → [0, 1, 2, 2, 3, 5]
    expect(perUser(data, stratifiedSplit(data, { ratio: 0.5 }).train)).toEqual([0, 1, 2, 2, 3, 5]);
  });

  it("keeps every test user in training at the default ratio", () => {
    const split = stratifiedSplit(data);
    const trainUsers = new Set(Array.from(split.train, (p) => data.users[p]));
    for (const p of split.test) expect(trainUsers.has(data.users[p])).toBe(true);
  });

  it("is deterministic for a seed, changes with it, and shuffles each user independently", () => {
    const a = Array.from(stratifiedSplit(data, { seed: 1 }).test);
    expect(Array.from(stratifiedSplit(data, { seed: 1 }).test)).toEqual(a);
    const seeds = [2, 3, 4, 5].map((seed) => Array.from(stratifiedSplit(data, { seed }).test));
    expect(seeds.some((s) => s.join() !== a.join())).toBe(true);
    // user 5's held-out items do not depend on the other users' ratings
    const heldItems = (d: Interactions, split: Split) =>
      Array.from(split.test)
        .filter((p) => d.users[p] === 5)
        .map((p) => d.items[p])
        .sort((x, y) => x - y);
    const ownRows = Int32Array.from(Array.from(data.users).flatMap((u, p) => (u === 5 ? [p] : [])));
    const alone = applySplit(data, { train: ownRows, test: new Int32Array(0) }).train;
    expect(heldItems(alone, stratifiedSplit(alone, { seed: 1 }))).toEqual(heldItems(data, stratifiedSplit(data, { seed: 1 })));
  });

  it("rejects ratios outside [0, 1]", () => {
    expect(() => stratifiedSplit(data, { ratio: -0.1 })).toThrow(RangeError);
  });

  it("splits each item's ratings instead with by: item", () => {
    // The fixture's item r is rated by every user with more than r ratings: items 0…9 have 6, 5, 4, 3, 2, 2, 1, 1, 1, 1 ratings.
    const split = stratifiedSplit(data, { ratio: 0.75, seed: 42, by: "item" });
    expectPartition(split, data.users.length);
    const perItem = (positions: Int32Array) => {
      const counts = new Array(10).fill(0);
      for (const p of positions) counts[data.items[p]]++;
      return counts;
    };
    // 0.75 · [6, 5, 4, 3, 2, 2, 1, 1, 1, 1] = [4.5, 3.75, 3, 2.25, 1.5, 1.5, 0.75, …] → [4, 4, 3, 2, 2, 2, 1, 1, 1, 1]
    expect(perItem(split.train)).toEqual([4, 4, 3, 2, 2, 2, 1, 1, 1, 1]);
    expect(Array.from(stratifiedSplit(data, { seed: 42, by: "item" }).test)).toEqual(Array.from(split.test));
    expect(Array.from(split.test)).not.toEqual(Array.from(stratifiedSplit(data, { seed: 42 }).test));
  });
});
