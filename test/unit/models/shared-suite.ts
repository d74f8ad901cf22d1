import { describe, expect, it } from "vitest";
import { Random } from "../../../src/common/random.js";
import type { Interactions } from "../../../src/models/data/interactions.js";
import { RatingMatrix } from "../../../src/models/data/rating-matrix.js";
import type { EpochReport, ModelState, Recommender } from "../../../src/models/model.js";

export interface SuiteOptions {
  /** A fresh, unfitted model with a fixed seed. */
  create: (seed: number) => Recommender;
  /** Rebuilds a model from its state (what loading from the graph does). */
  restore: (state: ModelState) => Recommender;
  /** Whether fit reports a loss per epoch that should go down. */
  reportsLoss?: boolean;
  /**
   * False for models that rank items the same way for everyone (popularity,
   * bias): the two taste tests cannot hold for them, everything else must.
   */
  personalized?: boolean;
}

/**
 * A small data set with real structure: two groups of users who like two
 * different groups of items, plus noise, so every model has something to learn.
 */
export function structuredRatings(seed = 7, nUsers = 60, nItems = 40): { matrix: RatingMatrix; data: Interactions } {
  const random = new Random(seed);
  const users: number[] = [];
  const items: number[] = [];
  const ratings: number[] = [];
  for (let u = 0; u < nUsers; u++) {
    const group = u % 2;
    for (let i = 0; i < nItems; i++) {
      if (random.float() > 0.45) continue;
      const liked = i % 2 === group;
      const base = liked ? 4.2 : 2.2;
      const r = Math.min(5, Math.max(0.5, Math.round((base + random.normal() * 0.6) * 2) / 2));
      users.push(u);
      items.push(i);
      ratings.push(r);
    }
  }
  const data: Interactions = {
    users: Int32Array.from(users),
    items: Int32Array.from(items),
    ratings: Float32Array.from(ratings),
    timestamps: Float64Array.from(users.map((_, k) => 1_000_000 + k)),
  };
  return { matrix: new RatingMatrix(nUsers, nItems, data), data };
}

/** The contract every model must meet; each model's test file calls this once. */
export function recommenderSuite(name: string, options: SuiteOptions): void {
  describe(`${name}: shared model contract`, () => {
    const { matrix } = structuredRatings();

    it("scores every item for every user, with finite numbers", async () => {
      const model = options.create(42);
      await model.fit(matrix);
      for (const u of [0, 1, matrix.nUsers - 1]) {
        const scores = model.scoreUser(u);
        expect(scores).toHaveLength(matrix.nItems);
        expect(scores.every(Number.isFinite)).toBe(true);
      }
    });

    it("gives the same result for the same seed", async () => {
      const a = options.create(42);
      const b = options.create(42);
      await a.fit(matrix);
      await b.fit(matrix);
      expect(Array.from(b.scoreUser(3))).toEqual(Array.from(a.scoreUser(3)));
      expect(b.toState()).toEqual(a.toState());
    });

    const personalized = options.personalized ?? true;

    it.runIf(personalized)("learns the structure: a user's own group of items scores higher", async () => {
      const model = options.create(42);
      await model.fit(matrix);
      let wins = 0;
      for (let u = 0; u < matrix.nUsers; u++) {
        const scores = model.scoreUser(u);
        let liked = 0;
        let other = 0;
        for (let i = 0; i < matrix.nItems; i++) (i % 2 === u % 2 ? (liked += scores[i]) : (other += scores[i]));
        if (liked > other) wins += 1;
      }
      expect(wins / matrix.nUsers).toBeGreaterThan(0.8);
    });

    it("restores from its state to a model that scores identically", async () => {
      const model = options.create(42);
      await model.fit(matrix);
      const state = structuredClone(model.toState());
      const restored = options.restore(state);
      expect(Array.from(restored.scoreUser(5))).toEqual(Array.from(model.scoreUser(5)));
      const profile = { items: Int32Array.from([0, 2, 4]), ratings: Float32Array.from([5, 4.5, 5]) };
      expect(Array.from(restored.scoreProfile(profile))).toEqual(Array.from(model.scoreProfile(profile)));
    });

    it.runIf(personalized)("scores an unknown user from a profile alone, following the profile's taste", async () => {
      const model = options.create(42);
      await model.fit(matrix);
      const likesEven = model.scoreProfile({ items: Int32Array.from([0, 2, 4, 6]), ratings: Float32Array.from([5, 5, 4.5, 5]) });
      expect(likesEven).toHaveLength(matrix.nItems);
      const even = [8, 10, 12, 14].reduce((s, i) => s + likesEven[i], 0);
      const odd = [9, 11, 13, 15].reduce((s, i) => s + likesEven[i], 0);
      expect(even).toBeGreaterThan(odd);
    });

    it("scores a profile with no ratings with finite numbers", async () => {
      const model = options.create(42);
      await model.fit(matrix);
      const empty = model.scoreProfile({ items: new Int32Array(0), ratings: new Float32Array(0) });
      expect(empty).toHaveLength(matrix.nItems);
      expect(empty.every(Number.isFinite)).toBe(true);
    });

    it("refuses to score before it is fit", () => {
      expect(() => options.create(42).scoreUser(0)).toThrow();
    });

    if (options.reportsLoss) {
      it("reports a loss per epoch that goes down", async () => {
        const reports: EpochReport[] = [];
        await options.create(42).fit(matrix, { onEpoch: (r) => reports.push(r) });
        expect(reports.length).toBeGreaterThan(1);
        expect(reports.at(-1)!.loss).toBeLessThan(reports[0].loss);
        expect(reports.every((r) => Number.isFinite(r.loss))).toBe(true);
      });
    }
  });
}
