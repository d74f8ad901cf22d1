import { z } from "zod";
import { Random } from "../../common/random.js";
import type { Interactions } from "../data/interactions.js";
import { RatingMatrix } from "../data/rating-matrix.js";
import { topK } from "../eval/evaluate.js";
import { ndcgAtK } from "../eval/metrics/ndcg-at-k.js";
import { applySplit, stratifiedSplit } from "../eval/splits.js";
import { FitError, type FitContext, type ModelState, type Profile, type Recommender } from "../model.js";

/** Configuration of the hybrid. */
export const HybridConfig = z.object({
  /** Share of each user's training ratings held out, inside `fit`, to choose the weights. */
  validationFraction: z.number().gt(0).lt(1).default(0.2),
  /** Held-out ratings at least this high are the items a user should find in the validation metric. */
  relevantRating: z.number().default(4),
  /** Resolution of the weight grid: every weight is a multiple of 1 / gridSteps and they sum to 1. */
  gridSteps: z.number().int().positive().default(10),
  /** Length of the ranked lists the validation metric (NDCG@cutoff) sees. */
  cutoff: z.number().int().positive().default(10),
  /**
   * At most this many validation users are ranked for every grid point, drawn
   * with the seed: each costs nItems × components per grid point, so on a
   * large data set ranking every user would cost more than the components' fits.
   */
  maxValidationUsers: z.number().int().positive().default(2000),
  /** Seed of the validation split and of the user sample. */
  seed: z.number().int().default(42),
});

export type HybridConfig = z.infer<typeof HybridConfig>;
export type HybridConfigInput = z.input<typeof HybridConfig>;

/** A component model and the name it is persisted under. */
export interface HybridComponent {
  name: string;
  model: Recommender;
}

/** What weights are chosen on: the components are fit on `train` and must find `heldOut`. */
export interface ValidationSplit {
  train: RatingMatrix;
  /** heldOut[u] lists the relevant held-out items of user u; users with none (or beyond the array) are not evaluated. */
  heldOut: ReadonlyArray<ArrayLike<number>>;
}

/** A ranking metric of one user: best-first list, relevant items → higher is better. */
export type RankingMetric = (ranked: Int32Array, relevant: Set<number>) => number;

export interface TuneOptions {
  /** The metric to maximise, averaged over users (default NDCG@cutoff, so the evaluation module can pass its own). */
  metric?: RankingMetric;
  /** Length of the ranked lists (default 10). */
  cutoff?: number;
  /** Rank at most this many users, drawn with `seed` (default: all). */
  maxUsers?: number;
  seed?: number;
}

export interface TuneResult {
  /** The best weights, one per component. */
  weights: number[];
  /** Their mean metric. */
  score: number;
  /** The mean metric of every grid point, in grid order. */
  scores: number[];
  /** Number of users the means are over. */
  users: number;
}

// The sample of validation users draws from its own stream.
const SAMPLE_STREAM = 1;

/**
 * Every weight vector of `count` non-negative multiples of 1/steps that sum
 * to 1, the first weight varying slowest and ascending: for two components,
 * [0, 1], [0.1, 0.9], …, [1, 0]. Weights summing to 1 lose nothing: scaling
 * all weights does not change a ranking.
 */
export function simplexGrid(count: number, steps: number): number[][] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`a weight grid needs at least one component, got ${count}`);
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`grid steps must be a positive integer, got ${steps}`);
  const grid: number[][] = [];
  const walk = (prefix: number[], left: number): void => {
    if (prefix.length === count - 1) {
      grid.push([...prefix, left].map((units) => units / steps));
      return;
    }
    for (let units = 0; units <= left; units++) walk([...prefix, units], left - units);
  };
  walk([], steps);
  return grid;
}

/**
 * Per-user z-scores (x − mean) / standard deviation over all items
 * (population deviation). Chosen over min–max scaling because min–max hangs
 * the whole scale on the two most extreme items, so one outlier score (a
 * blockbuster's count, a single perfect cosine) squeezes every other item
 * toward one end; z-scores use every item. Constant scores (a user the model
 * cannot tell apart from anyone) give zeros, i.e. no say in the sum.
 */
export function zScores(scores: ArrayLike<number>): Float64Array {
  const n = scores.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += scores[i];
  mean /= n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (scores[i] - mean) ** 2;
  const sd = Math.sqrt(variance / n);
  const out = new Float64Array(n);
  if (!(sd > 0)) return out;
  for (let i = 0; i < n; i++) out[i] = (scores[i] - mean) / sd;
  return out;
}

/**
 * Chooses the component weights on a validation split: fits every component
 * on `validation.train` (replacing what it was fit on), then, for every user
 * with held-out items, ranks the items the user has not rated in that train
 * set by Σ_c w_c · z_c (z_c the user's z-scored scores from component c) for
 * every weight vector of the grid, and keeps the vector with the best mean
 * metric. Top-K metrics are flat over wide ranges of weights (any mix that
 * puts the same ten items first scores the same), so among equal scores the
 * weights closest to uniform win, relying least on any one component; then
 * the earliest grid point.
 */
export async function tuneWeights(
  components: readonly HybridComponent[],
  validation: ValidationSplit,
  grid: number[][] = simplexGrid(components.length, 10),
  options: TuneOptions = {},
): Promise<TuneResult> {
  const { cutoff = 10, maxUsers = Number.POSITIVE_INFINITY, seed = 42 } = options;
  const metric = options.metric ?? ((ranked, relevant) => ndcgAtK(ranked, relevant, cutoff));
  checkComponents(components);
  if (grid.length === 0) throw new RangeError("the weight grid is empty");
  for (const weights of grid) {
    if (weights.length !== components.length || weights.some((w) => !(w >= 0))) {
      throw new RangeError(`every grid point needs ${components.length} non-negative weights, got [${weights.join(", ")}]`);
    }
  }
  const { train, heldOut } = validation;
  for (const { model } of components) await model.fit(train);

  const users = sampleUsers(heldOut, train.nUsers, maxUsers, seed);
  const totals = new Float64Array(grid.length);
  const combined = new Float64Array(train.nItems);
  const candidates = new Uint8Array(train.nItems);
  for (const u of users) {
    const normalised = components.map(({ model }) => zScores(model.scoreUser(u)));
    candidates.fill(1);
    for (const item of train.userRow(u).items) candidates[item] = 0;
    const relevant = new Set(Array.from(heldOut[u]));
    grid.forEach((weights, g) => {
      combined.fill(0);
      weights.forEach((w, c) => {
        if (w === 0) return;
        const z = normalised[c];
        for (let i = 0; i < combined.length; i++) combined[i] += w * z[i];
      });
      totals[g] += metric(topK(combined, cutoff, candidates), relevant);
    });
  }
  const scores = Array.from(totals, (total) => (users.length > 0 ? total / users.length : 0));
  const unevenness = grid.map((weights) => weights.reduce((sum, w) => sum + (w - 1 / weights.length) ** 2, 0));
  let best = 0;
  for (let g = 1; g < grid.length; g++) {
    if (scores[g] > scores[best] || (scores[g] === scores[best] && unevenness[g] < unevenness[best])) best = g;
  }
  return { weights: [...grid[best]], score: scores[best], scores, users: users.length };
}

/**
 * A weighted sum of component models' per-user z-scored scores (see
 * `zScores`), with weights chosen on a validation split rather than by hand.
 *
 * `fit(train)` holds out `validationFraction` of each user's ratings (the
 * stratified split of eval/splits), lets `tuneWeights` fit the components on
 * the rest and pick the weights that maximise NDCG@cutoff on the held-out
 * ratings ≥ relevantRating, then refits every component on all of `train`,
 * or takes the one the caller already fit on it (`FitContext.fitted`, as
 * `train` does when it fits the components in the same run). Fitting
 * therefore costs each component up to two fits, and requires that a
 * component can be fit again (each fit replaces the previous one). Components
 * are persisted on their own; the hybrid's state holds only their names and
 * weights, and `fromState` takes the restored components back.
 */
export class HybridModel implements Recommender {
  readonly kind = "hybrid" as const;
  readonly predictsRatings = false;
  readonly config: HybridConfig;
  private parts: HybridComponent[];
  private weights: number[] | undefined;
  private tuned: TuneResult | undefined;

  constructor(components: readonly HybridComponent[], config: Partial<HybridConfigInput> = {}) {
    this.config = HybridConfig.parse(config);
    checkComponents(components);
    this.parts = [...components];
  }

  /**
   * Rebuilds a fitted hybrid from `toState()` output and its components,
   * already restored and fitted, matched by name (their order does not matter).
   */
  static fromState(state: ModelState, components: readonly HybridComponent[]): HybridModel {
    if (state.kind !== "hybrid") throw new Error(`expected a "hybrid" model state, got "${state.kind}"`);
    const { components: names, ...config } = state.params as Partial<HybridConfigInput> & { components?: unknown };
    if (!Array.isArray(names) || !names.every((name) => typeof name === "string")) throw new Error("a hybrid state needs params.components, the component names");
    const byName = new Map(components.map((component) => [component.name, component]));
    const ordered = names.map((name: string) => {
      const component = byName.get(name);
      if (!component) throw new Error(`the hybrid state needs component "${name}", which was not given`);
      return component;
    });
    const model = new HybridModel(ordered, config);
    model.weights = names.map((name: string) => {
      const weight = state.scalars[`weight:${name}`];
      if (!(weight >= 0)) throw new Error(`a hybrid state needs a non-negative scalars["weight:${name}"], got ${weight}`);
      return weight;
    });
    if (!model.weights.some((weight) => weight > 0)) throw new Error("a hybrid state needs at least one positive weight");
    return model;
  }

  /** The components in weight order: after `fit`, the models it ended with. */
  get components(): readonly HybridComponent[] {
    return this.parts;
  }

  /** The weights in component order, once fit. */
  get componentWeights(): readonly number[] {
    return this.fitted("componentWeights");
  }

  /** The validation scores of the last `fit`, for reports (undefined after `fromState`). */
  get tuning(): TuneResult | undefined {
    return this.tuned;
  }

  /** Chooses the weights on a split of `train`, then refits the components on all of it (see the class docstring). */
  async fit(train: RatingMatrix, context: FitContext = {}): Promise<void> {
    if (train.nnz === 0) throw new FitError("the hybrid needs at least one rating");
    const { validationFraction, relevantRating, gridSteps, cutoff, maxValidationUsers, seed } = this.config;
    const validation = validationSplit(train, validationFraction, relevantRating, seed);
    if (validation.heldOut.every((items) => items.length === 0)) {
      throw new FitError(`no user has a held-out rating ≥ ${relevantRating}, so the weights cannot be chosen`);
    }
    const grid = simplexGrid(this.components.length, gridSteps);
    this.tuned = await tuneWeights(this.components, validation, grid, { cutoff, maxUsers: maxValidationUsers, seed });
    const final: HybridComponent[] = [];
    for (const { name, model } of this.parts) {
      const ready = context.fitted?.get(name);
      if (!ready) await model.fit(train);
      final.push({ name, model: ready ?? model });
    }
    this.parts = final;
    this.weights = this.tuned.weights;
  }

  /** Σ_c w_c · zScores(component c's scores for the user). */
  scoreUser(user: number): Float32Array {
    return this.combine((model) => model.scoreUser(user));
  }

  /** The same weighted sum over the components' scores for the profile. */
  scoreProfile(profile: Profile): Float32Array {
    return this.combine((model) => model.scoreProfile(profile));
  }

  /** Holds no vectors: the components keep theirs. */
  toState(): ModelState {
    const weights = this.fitted("toState");
    const names = this.components.map(({ name }) => name);
    return {
      kind: this.kind,
      params: { ...this.config, components: names },
      scalars: Object.fromEntries(names.map((name, c) => [`weight:${name}`, weights[c]])),
      userVectors: {},
      itemVectors: {},
    };
  }

  private combine(score: (model: Recommender) => Float32Array): Float32Array {
    const weights = this.fitted("scoring");
    let combined: Float64Array | undefined;
    this.components.forEach(({ model }, c) => {
      if (weights[c] === 0) return;
      const z = zScores(score(model));
      combined ??= new Float64Array(z.length);
      for (let i = 0; i < z.length; i++) combined[i] += weights[c] * z[i];
    });
    // Some weight is positive (grid points sum to 1; fromState checks), so some component scored.
    return Float32Array.from(combined!);
  }

  private fitted(operation: string): number[] {
    if (!this.weights) throw new Error(`the hybrid must be fit before ${operation}`);
    return this.weights;
  }
}

/** Holds out part of each user's ratings; the held-out ones ≥ relevantRating are what the user should find. */
function validationSplit(train: RatingMatrix, fraction: number, relevantRating: number, seed: number): ValidationSplit {
  const data = interactionsOf(train);
  const { train: kept, test } = applySplit(data, stratifiedSplit(data, { ratio: 1 - fraction, seed }));
  const heldOut: number[][] = Array.from({ length: train.nUsers }, () => []);
  for (let p = 0; p < test.users.length; p++) if (test.ratings[p] >= relevantRating) heldOut[test.users[p]].push(test.items[p]);
  return { train: new RatingMatrix(train.nUsers, train.nItems, kept), heldOut };
}

function interactionsOf(matrix: RatingMatrix): Interactions {
  const users = new Int32Array(matrix.nnz);
  for (let u = 0; u < matrix.nUsers; u++) users.fill(u, matrix.userPtr[u], matrix.userPtr[u + 1]);
  return { users, items: matrix.userItems.slice(), ratings: matrix.userRatings.slice(), timestamps: new Float64Array(matrix.nnz) };
}

/** The users with held-out items, or a seeded sample of maxUsers of them, ascending. */
function sampleUsers(heldOut: ReadonlyArray<ArrayLike<number>>, nUsers: number, maxUsers: number, seed: number): number[] {
  const users: number[] = [];
  for (let u = 0; u < Math.min(nUsers, heldOut.length); u++) if (heldOut[u].length > 0) users.push(u);
  if (users.length <= maxUsers) return users;
  const random = new Random(seed, SAMPLE_STREAM);
  for (let i = 0; i < maxUsers; i++) {
    const j = i + random.int(users.length - i);
    [users[i], users[j]] = [users[j], users[i]];
  }
  return users.slice(0, maxUsers).sort((a, b) => a - b);
}

function checkComponents(components: readonly HybridComponent[]): void {
  if (components.length === 0) throw new RangeError("a hybrid needs at least one component");
  const names = new Set<string>();
  for (const { name } of components) {
    if (name === "") throw new RangeError("component names must not be empty");
    if (names.has(name)) throw new RangeError(`component name "${name}" is used twice`);
    names.add(name);
  }
}
