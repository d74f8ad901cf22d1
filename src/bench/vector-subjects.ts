import { Random } from "../common/random.js";
import { BiasedMf } from "../models/mf/biased-mf.js";
import { ImplicitAls } from "../models/mf/implicit-als.js";
import type { Matrix32, ModelState } from "../models/model.js";
import { foldItems, foldQuery, innerProducts, sampleDistinct } from "./vector-math.js";
import type { CaseLabel } from "./vector-results.js";

/**
 * A factor model seen two ways: the inner product an index can hold (item
 * vectors with any bias folded in, and the matching user query), and the
 * scores the API ranks by, from the model's own code.
 */
export interface FactorSubject extends CaseLabel {
  kind: "als" | "mf";
  /** Queries are users 0 … users − 1. */
  users: number;
  /** Vectors whose inner product with `query(user)` ranks items as far as a linear score can. */
  items: Matrix32;
  query(user: number): Float32Array;
  /** What the API ranks this model's recommendations by: rankUser when the model has one, else scoreUser. */
  apiScores(user: number): Float32Array;
  /** The API's method, for the report. */
  apiMethod: string;
  /** Throws unless the folded inner products reproduce the model's own predictions for `user`. */
  verify(user: number, inner: Float64Array): void;
}

/** ALS scores are x_u·y_i: a pure inner product, nothing to fold. */
export function alsSubject(label: string, model: ImplicitAls, synthetic = false): FactorSubject {
  const state = model.toState();
  const users = state.userVectors.factors;
  return {
    label,
    kind: "als",
    synthetic,
    users: users.rows,
    items: state.itemVectors.factors,
    query: (u) => foldQuery(users.data.subarray(u * users.dim, (u + 1) * users.dim), false),
    apiScores: (u) => model.scoreUser(u),
    apiMethod: "scoreUser",
    verify(u, inner) {
      assertClose(label, u, inner, model.scoreUser(u), 0, () => true);
    },
  };
}

/**
 * MF predicts μ + b_u + b_i + p_u·q_i. Per user μ + b_u is a constant, so the
 * order is that of [p_u, 1]·[q_i, b_i]. The API ranks MF by rankUser, which
 * multiplies a function of the prediction by n_i^β: no inner product can
 * express that, so the index can at best find the top predicted ratings.
 */
export function mfSubject(label: string, model: BiasedMf, synthetic = false): FactorSubject {
  const state = model.toState();
  const users = state.userVectors.factors;
  const userBias = state.userVectors.bias.data;
  const mu = state.scalars.globalMean;
  const { minRating, maxRating } = model.config;
  return {
    label,
    kind: "mf",
    synthetic,
    users: users.rows,
    items: foldItems(state.itemVectors.factors, state.itemVectors.bias.data),
    query: (u) => foldQuery(users.data.subarray(u * users.dim, (u + 1) * users.dim), true),
    apiScores: (u) => model.rankUser(u),
    apiMethod: "rankUser",
    verify(u, inner) {
      // scoreUser clips to the rating scale, so only unclipped predictions can be compared.
      const unclipped = (i: number) => mu + userBias[u] + inner[i] > minRating && mu + userBias[u] + inner[i] < maxRating;
      assertClose(label, u, inner, model.scoreUser(u), mu + userBias[u], unclipped);
    },
  };
}

/**
 * Models of `items` items (the 25M data set has 62,423 movies) with seeded
 * random parameters: the cost of exact scoring depends only on the shape.
 * The factors are independent normals, with none of the structure trained
 * factors have, so an index's recall on them does not predict its recall on
 * trained ones.
 */
export function syntheticModels(items: number, users: number, factors: number, seed: number): { als: ImplicitAls; mf: BiasedMf } {
  const random = new Random(seed, items, factors);
  const normal = (rows: number, dim: number, std: number): Matrix32 => {
    const data = new Float32Array(rows * dim);
    for (let j = 0; j < data.length; j++) data[j] = random.normal() * std;
    return { rows, dim, data };
  };
  const std = 1 / Math.sqrt(factors);
  const als: ModelState = {
    kind: "als",
    params: { factors },
    scalars: {},
    userVectors: { factors: normal(users, factors, std) },
    itemVectors: { factors: normal(items, factors, std) },
  };
  const counts = new Float32Array(items);
  for (let i = 0; i < items; i++) counts[i] = Math.floor(random.exponential() * 10);
  const mf: ModelState = {
    kind: "mf",
    params: { factors },
    scalars: { globalMean: 3.5 },
    userVectors: { bias: normal(users, 1, 0.3), factors: normal(users, factors, std) },
    itemVectors: { bias: normal(items, 1, 0.3), factors: normal(items, factors, std), count: { rows: items, dim: 1, data: counts } },
  };
  return { als: ImplicitAls.fromState(als), mf: BiasedMf.fromState(mf) };
}

function assertClose(
  label: string,
  user: number,
  inner: Float64Array,
  predicted: Float32Array,
  offset: number,
  comparable: (item: number) => boolean,
): void {
  let worst = 0;
  for (let i = 0; i < inner.length; i++) {
    if (comparable(i)) worst = Math.max(worst, Math.abs(offset + inner[i] - predicted[i]));
  }
  if (worst > 1e-3) throw new Error(`${label}: the folded vectors miss the model's predictions for user ${user} by up to ${worst}`);
}

/** Inner products of a subject's user with all its items: the exact order an index on `items` approximates. */
export function subjectInnerProducts(subject: FactorSubject, user: number): Float64Array {
  return innerProducts(subject.items, subject.query(user));
}

/** The subject restricted to `count` seeded random users, renumbered 0 … count − 1. */
export function sampleUsers(subject: FactorSubject, count: number, random: Random): FactorSubject {
  const users = sampleDistinct(Array.from({ length: subject.users }, (_, u) => u), count, random);
  return {
    ...subject,
    users: users.length,
    query: (u) => subject.query(users[u]),
    apiScores: (u) => subject.apiScores(users[u]),
    verify: (u, inner) => subject.verify(users[u], inner),
  };
}
