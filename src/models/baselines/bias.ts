import { z } from "zod";
import type { RatingMatrix } from "../data/rating-matrix.js";
import { FitError, type FitContext, type Matrix32, type ModelState, type Profile, type Recommender } from "../model.js";

/**
 * Configuration of the baseline predictor. The defaults are those of Surprise's
 * BaselineOnly with ALS (reg_i = 10, reg_u = 15, n_epochs = 10), which Koren's
 * neighbourhood models use as their baseline.
 */
export const BiasConfig = z.object({
  /** λ_i: pulls the bias of an item with few ratings toward 0, as if it had λ_i extra ratings at the global mean. */
  regItem: z.number().min(0).default(10),
  /** λ_u: the same for users; larger than λ_i because users have fewer ratings than popular items. */
  regUser: z.number().min(0).default(15),
  /** Alternating passes (all items, then all users); on MovieLens the biases stop moving after about ten. */
  epochs: z.number().int().min(1).default(10),
  /** Nothing in this model is random: the field is accepted so every model takes the same options. */
  seed: z.number().int().default(42),
});

export type BiasConfig = z.infer<typeof BiasConfig>;
export type BiasConfigInput = z.input<typeof BiasConfig>;

/** What scoring needs: b_ui = μ + b_u + b_i. */
export interface Baseline {
  globalMean: number;
  userBias: Float32Array;
  itemBias: Float32Array;
}

/**
 * Baseline estimates b_ui = μ + b_u + b_i (Koren, "Factor in the neighbors:
 * scalable and accurate collaborative filtering", TKDD 4(1), 2010, §2.1),
 * minimising
 *
 *   Σ_(u,i) (r_ui − μ − b_u − b_i)² + λ_i Σ_i b_i² + λ_u Σ_u b_u²
 *
 * by alternating exact minimisation, as Surprise's baseline_als does: each
 * epoch sets b_i = Σ_{u∈R(i)} (r_ui − μ − b_u) / (λ_i + |R(i)|) for every item,
 * then b_u = Σ_{i∈R(u)} (r_ui − μ − b_i) / (λ_u + |R(u)|) for every user.
 * Each step is the exact minimiser in its block, so the objective never rises.
 */
export class Bias implements Recommender {
  readonly kind = "bias" as const;
  readonly predictsRatings = true;
  readonly config: BiasConfig;
  private baseline: Baseline | undefined;

  constructor(config: Partial<BiasConfigInput> = {}) {
    this.config = BiasConfig.parse(config);
  }

  /** Rebuilds a fitted model from `toState()` output (for example, read back from the graph). */
  static fromState(state: ModelState): Bias {
    if (state.kind !== "bias") throw new Error(`expected a "bias" model state, got "${state.kind}"`);
    const model = new Bias(state.params as Partial<BiasConfigInput>);
    model.baseline = baselineFromState(state);
    return model;
  }

  async fit(train: RatingMatrix, context: FitContext = {}): Promise<void> {
    if (train.nnz === 0) throw new FitError("biases need at least one rating");
    const { regItem, regUser, epochs } = this.config;
    const mu = train.globalMean;
    const bu = new Float64Array(train.nUsers);
    const bi = new Float64Array(train.nItems);
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const started = performance.now();
      for (let i = 0; i < train.nItems; i++) {
        let sum = 0;
        for (let p = train.itemPtr[i]; p < train.itemPtr[i + 1]; p++) sum += train.itemRatings[p] - mu - bu[train.itemUsers[p]];
        bi[i] = shrunkMean(sum, train.itemDegree(i), regItem);
      }
      for (let u = 0; u < train.nUsers; u++) {
        let sum = 0;
        for (let p = train.userPtr[u]; p < train.userPtr[u + 1]; p++) sum += train.userRatings[p] - mu - bi[train.userItems[p]];
        bu[u] = shrunkMean(sum, train.userDegree(u), regUser);
      }
      const loss = biasObjective(train, mu, bu, bi, regUser, regItem) / train.nnz;
      context.onEpoch?.({ epoch, loss, seconds: (performance.now() - started) / 1000 });
    }
    this.baseline = { globalMean: mu, userBias: Float32Array.from(bu), itemBias: Float32Array.from(bi) };
  }

  /** μ + b_u + b_i for every item. */
  scoreUser(user: number): Float32Array {
    const { userBias } = this.fitted("scoreUser");
    checkUser(user, userBias.length);
    return this.scoreWithUserBias(userBias[user]);
  }

  /** μ + b_u + b_i with b_u folded in from the profile (see `foldIn`). */
  scoreProfile(profile: Profile): Float32Array {
    return this.scoreWithUserBias(this.foldIn(profile));
  }

  /**
   * The user step of the fit for a user known only by a profile, item biases
   * fixed: b_u = Σ_{i∈P} (r_ui − μ − b_i) / (λ_u + |P|); 0 for an empty profile.
   */
  foldIn(profile: Profile): number {
    const { globalMean, itemBias } = this.fitted("foldIn");
    checkProfile(profile, itemBias.length);
    let sum = 0;
    for (let j = 0; j < profile.items.length; j++) sum += profile.ratings[j] - globalMean - itemBias[profile.items[j]];
    return shrunkMean(sum, profile.items.length, this.config.regUser);
  }

  /** The fitted μ, b_u and b_i, for models that correct for the baseline. */
  fitted(operation: string): Baseline {
    if (!this.baseline) throw new Error(`the bias model must be fit before ${operation}`);
    return this.baseline;
  }

  /** The state shares the model's bias arrays; copy them before mutating. */
  toState(): ModelState {
    const { globalMean, userBias, itemBias } = this.fitted("toState");
    return {
      kind: this.kind,
      params: { ...this.config },
      scalars: { globalMean },
      userVectors: { bias: column(userBias) },
      itemVectors: { bias: column(itemBias) },
    };
  }

  private scoreWithUserBias(bu: number): Float32Array {
    const { globalMean, itemBias } = this.fitted("score");
    const out = new Float32Array(itemBias.length);
    for (let i = 0; i < itemBias.length; i++) out[i] = globalMean + bu + itemBias[i];
    return out;
  }
}

/**
 * μ, b_u and b_i from a state written by Bias or by a model that embeds one
 * (scalars.globalMean, userVectors.bias, itemVectors.bias).
 */
export function baselineFromState(state: ModelState): Baseline {
  const globalMean = state.scalars.globalMean;
  if (!Number.isFinite(globalMean)) throw new Error(`a ${state.kind} state needs a finite scalars.globalMean`);
  return {
    globalMean,
    userBias: biasVector(state.userVectors.bias, `${state.kind} userVectors.bias`),
    itemBias: biasVector(state.itemVectors.bias, `${state.kind} itemVectors.bias`),
  };
}

/**
 * Rejects a profile the models cannot score: mismatched lengths, items outside
 * 0…nItems-1, an item listed twice (the models index by item, so the second
 * rating would silently replace the first) or a non-finite rating.
 */
export function checkProfile(profile: Profile, nItems: number): void {
  const { items, ratings } = profile;
  if (items.length !== ratings.length) throw new RangeError(`a profile has ${items.length} items but ${ratings.length} ratings`);
  const seen = new Uint8Array(nItems);
  for (let j = 0; j < items.length; j++) {
    const item = items[j];
    if (!Number.isInteger(item) || item < 0 || item >= nItems) throw new RangeError(`profile item ${item} is outside the ${nItems} items the model was fit on`);
    if (seen[item]) throw new RangeError(`profile item ${item} is listed twice`);
    seen[item] = 1;
    if (!Number.isFinite(ratings[j])) throw new RangeError(`profile rating ${ratings[j]} for item ${item} is not a finite number`);
  }
}

/** Rejects a user index outside the users a model was fit on. */
export function checkUser(user: number, nUsers: number): void {
  if (!Number.isInteger(user) || user < 0 || user >= nUsers) throw new RangeError(`user ${user} is outside the ${nUsers} users the model was fit on`);
}

/** sum / (λ + n): a mean of n residuals shrunk toward 0 by λ pseudo-observations. */
function shrunkMean(sum: number, n: number, lambda: number): number {
  return n + lambda > 0 ? sum / (n + lambda) : 0;
}

/** The objective in the class docstring, in double precision. */
function biasObjective(train: RatingMatrix, mu: number, bu: Float64Array, bi: Float64Array, regUser: number, regItem: number): number {
  let loss = 0;
  for (let u = 0; u < train.nUsers; u++) {
    for (let p = train.userPtr[u]; p < train.userPtr[u + 1]; p++) {
      const e = train.userRatings[p] - mu - bu[u] - bi[train.userItems[p]];
      loss += e * e;
    }
    loss += regUser * bu[u] * bu[u];
  }
  for (let i = 0; i < bi.length; i++) loss += regItem * bi[i] * bi[i];
  return loss;
}

function column(data: Float32Array): Matrix32 {
  return { rows: data.length, dim: 1, data };
}

function biasVector(m: Matrix32 | undefined, name: string): Float32Array {
  if (!m) throw new Error(`missing ${name}`);
  if (m.dim !== 1 || m.data.length !== m.rows) throw new Error(`${name} must be ${m.rows} × 1, got ${m.rows} × ${m.dim} with ${m.data.length} values`);
  return m.data;
}
