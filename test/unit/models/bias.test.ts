import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { Bias } from "../../../src/models/baselines/bias.js";
import { RatingMatrix } from "../../../src/models/data/rating-matrix.js";
import type { EpochReport } from "../../../src/models/model.js";
import { recommenderSuite, structuredRatings } from "./shared-suite.js";

recommenderSuite("bias", {
  create: (seed) => new Bias({ seed }),
  restore: (state) => Bias.fromState(state),
  reportsLoss: true,
  personalized: false,
});

describe("bias: one ranking for everyone, and its training", () => {
  const { matrix } = structuredRatings();

  it("ranks items by item bias alone, whoever the user", async () => {
    const model = new Bias();
    await model.fit(matrix);
    const itemBias = model.toState().itemVectors.bias.data;
    for (const u of [0, 1, 7]) {
      const scores = model.scoreUser(u);
      for (let i = 1; i < matrix.nItems; i++) expect(Math.sign(scores[i] - scores[0])).toBe(Math.sign(itemBias[i] - itemBias[0]));
    }
  });

  it("refuses to score before it is fit, and reports a falling loss", async () => {
    expect(() => new Bias().scoreUser(0)).toThrow(/must be fit/);
    const reports: EpochReport[] = [];
    await new Bias().fit(matrix, { onEpoch: (r) => reports.push(r) });
    expect(reports).toHaveLength(10);
    expect(reports.at(-1)!.loss).toBeLessThan(reports[0].loss);
    for (let e = 1; e < reports.length; e++) expect(reports[e].loss).toBeLessThanOrEqual(reports[e - 1].loss);
  });
});

/**
 * u0 rated i0 = 4 and i1 = 2, u1 rated i0 = 5; μ = 11/3. One epoch with λ_i = λ_u = 1:
 *   b_i0 = ((4 − 11/3) + (5 − 11/3)) / (1 + 2) = 5/9
 *   b_i1 = (2 − 11/3) / (1 + 1) = −5/6
 *   b_u0 = ((4 − 11/3 − 5/9) + (2 − 11/3 + 5/6)) / (1 + 2) = (−2/9 − 5/6) / 3 = −19/54
 *   b_u1 = (5 − 11/3 − 5/9) / (1 + 1) = 7/18
 */
function twoByTwo(): RatingMatrix {
  return new RatingMatrix(2, 2, {
    users: Int32Array.from([0, 0, 1]),
    items: Int32Array.from([0, 1, 0]),
    ratings: Float32Array.from([4, 2, 5]),
    timestamps: new Float64Array(3),
  });
}

describe("bias: hand-computed baseline", () => {
  it("matches one alternating epoch computed by hand", async () => {
    const model = new Bias({ regItem: 1, regUser: 1, epochs: 1 });
    await model.fit(twoByTwo());
    const state = model.toState();
    expect(state.scalars.globalMean).toBeCloseTo(11 / 3, 6);
    expect(state.itemVectors.bias.data[0]).toBeCloseTo(5 / 9, 6);
    expect(state.itemVectors.bias.data[1]).toBeCloseTo(-5 / 6, 6);
    expect(state.userVectors.bias.data[0]).toBeCloseTo(-19 / 54, 6);
    expect(state.userVectors.bias.data[1]).toBeCloseTo(7 / 18, 6);
    // r̂(u1, i1) = 11/3 + 7/18 − 5/6 = 29/9
    expect(model.scoreUser(1)[1]).toBeCloseTo(29 / 9, 5);
  });

  it("reports the regularised objective per rating", async () => {
    const reports: EpochReport[] = [];
    await new Bias({ regItem: 1, regUser: 1, epochs: 1 }).fit(twoByTwo(), { onEpoch: (r) => reports.push(r) });
    // Residuals 7/54, −26/54, 21/54 → Σe² = 1166/2916; λ_u Σb_u² = 802/2916; λ_i Σb_i² = 2925/2916.
    expect(reports).toHaveLength(1);
    expect(reports[0].epoch).toBe(1);
    expect(reports[0].loss).toBeCloseTo((1166 + 802 + 2925) / 2916 / 3, 10);
  });

  it("fits the ratings exactly without regularisation when it can", async () => {
    // Three ratings, four biases: an exact fit exists, and alternating minimisation reaches it.
    const model = new Bias({ regItem: 0, regUser: 0, epochs: 200 });
    await model.fit(twoByTwo());
    expect(model.scoreUser(0)[0]).toBeCloseTo(4, 4);
    expect(model.scoreUser(0)[1]).toBeCloseTo(2, 4);
    expect(model.scoreUser(1)[0]).toBeCloseTo(5, 4);
  });

  it("folds a profile in with the item biases fixed", async () => {
    const model = new Bias({ regItem: 1, regUser: 1, epochs: 1 });
    await model.fit(twoByTwo());
    // b_u = ((5 − 11/3 − 5/9) + (3 − 11/3 + 5/6)) / (1 + 2) = (7/9 + 1/6) / 3 = 17/54
    const profile = { items: Int32Array.from([0, 1]), ratings: Float32Array.from([5, 3]) };
    expect(model.foldIn(profile)).toBeCloseTo(17 / 54, 6);
    // r̂(i0) = 11/3 + 17/54 + 5/9 = 245/54
    expect(model.scoreProfile(profile)[0]).toBeCloseTo(245 / 54, 5);
    expect(model.foldIn({ items: new Int32Array(0), ratings: new Float32Array(0) })).toBe(0);
  });

  it("rejects bad profiles, users and configurations", async () => {
    const model = new Bias();
    await model.fit(twoByTwo());
    expect(() => model.scoreProfile({ items: Int32Array.from([2]), ratings: Float32Array.from([4]) })).toThrow(/outside the 2 items/);
    expect(() => model.scoreProfile({ items: Int32Array.from([1, 1]), ratings: Float32Array.from([4, 3]) })).toThrow(/listed twice/);
    expect(() => model.scoreProfile({ items: Int32Array.from([1]), ratings: Float32Array.from([Number.NaN]) })).toThrow(/finite/);
    expect(() => model.scoreUser(2)).toThrow(RangeError);
    expect(() => new Bias({ regItem: -1 })).toThrow(ZodError);
    expect(() => new Bias({ epochs: 0 })).toThrow(ZodError);
    await expect(new Bias().fit(new RatingMatrix(2, 2, { users: new Int32Array(0), items: new Int32Array(0), ratings: new Float32Array(0), timestamps: new Float64Array(0) }))).rejects.toThrow(/at least one rating/);
    expect(() => Bias.fromState({ ...model.toState(), kind: "popularity" })).toThrow(/expected a "bias"/);
  });
});
