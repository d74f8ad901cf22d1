import { CholeskyDecomposition, Matrix, solve } from "ml-matrix";
import { z } from "zod";
import { Random } from "../../common/random.js";
import { baselineFromState, checkProfile } from "../baselines/bias.js";
import type { RatingMatrix } from "../data/rating-matrix.js";
import { FitError, type FitContext, type Matrix32, type ModelState, type Profile, type Recommender } from "../model.js";
import { FactorRatingModel, type FactorParameters } from "./factor-scoring.js";
import { countsFromState, itemCountsOf } from "./rank-scores.js";

/**
 * Configuration of biased matrix factorisation. Defaults were tuned on
 * ml-latest-small with the project's 5-fold cross-validation (`crossValidate`,
 * seed 42): RMSE 0.841 ± 0.006, MAE 0.644 ± 0.003, a fit in about 1.3 s
 * (under 2 s on all 100,836 ratings). The
 * earlier defaults (one step size 0.01, λ_f = 0.1, initStd 0.1, 40 epochs)
 * gave 0.853 ± 0.006; Surprise's SVD defaults (γ = 0.005, λ = 0.02, 20 epochs,
 * 100 factors) gave 0.879 on one 80/20 split. Unless a field says otherwise,
 * the RMSEs quoted below change that field alone from the defaults.
 */
export const BiasedMfConfig = z
  .object({
    /** Length of p_u and q_i. RMSE 0.843 at 32, 0.840 at 100 (in 1.5× the time). */
    factors: z.number().int().min(1).default(64),
    /** Passes over the shuffled ratings; each is one reported epoch. RMSE 0.843 after 25, 0.842 after 40 (it starts to overfit). */
    epochs: z.number().int().min(1).default(30),
    /**
     * γ, the SGD step size of p_u and q_i. RMSE 0.850 at 0.01, 0.843 at 0.02.
     * Decaying it each epoch was worse every time: 0.863 and 0.859 for 0.95
     * and 0.97 an epoch against 0.853 at the earlier defaults; 0.846 for 0.02
     * decayed by 0.97 against 0.844 for a constant 0.015 (40 epochs, initStd
     * 0.05). The fit is short of convergence rather than noisy at the end.
     */
    learningRate: z.number().positive().default(0.015),
    /**
     * γ_b, the SGD step size of b_u and b_i, far below γ. A bias moves by
     * γ_b·e per rating seen, epochs·n times for an item with n ratings, so in
     * the epochs given it gets about 1 − e^(−γ_b·epochs·n) of the way to its
     * fit: 3% for one rating, 26% for ten, 95% for a hundred. That is
     * shrinkage by support, like the n/(n + λ) of the baseline predictor, which
     * the per-rating λ_b cannot give (it penalises every rating alike). RMSE
     * 0.842 at 0.0005 and at 0.002; with 60 epochs, initStd 0.05, λ_b = 0.05 and
     * otherwise the earlier defaults, 0.849 at γ_b = γ = 0.01 and 0.845 at
     * 0.001. Penalising each bias once instead of once per rating (a decay of
     * λ/|R(i)| at each update, λ from 5 to 50, with γ_b = γ) reached 0.844 at best.
     */
    biasLearningRate: z.number().positive().default(0.001),
    /** λ_b, the weight decay of b_u and b_i at every update. RMSE 0.841 at 0, 0.842 at 0.1. */
    regBias: z.number().min(0).default(0.02),
    /**
     * λ_f, the weight decay of p_u and q_i at every update. RMSE 0.842 at 0.08;
     * over 40 epochs 0.849 at 0.05, 0.845 at 0.06, 0.842 at 0.07, 0.841 at
     * 0.08, 0.847 at 0.12: 30 epochs at 0.07 do as well as 40 at 0.08.
     */
    regFactors: z.number().min(0).default(0.07),
    /**
     * Standard deviation of the normal draws p_u and q_i start from (biases
     * start at 0). Small starts help: RMSE over 40 epochs with λ_f = 0.1 was 0.849
     * at 0.1, 0.844 at 0.05, 0.842 at 0.02, 0.843 at 0.01, 0.846 at 0.005.
     */
    initStd: z.number().min(0).default(0.02),
    /** Lowest rating on the scale: predictions are clipped to [minRating, maxRating]. */
    minRating: z.number().default(0.5),
    /** Highest rating on the scale. */
    maxRating: z.number().default(5),
    /**
     * τ of the ranking (see `rankUser`): the predicted rating above which an
     * item counts as liked. 3.75 is where a rating rounds to 4 stars or more on
     * MovieLens' half-star scale. NDCG@10 0.177; 0.178 at 3.5.
     */
    rankThreshold: z.number().default(3.75),
    /**
     * σ of the ranking: the spread of a rating around its prediction, about the
     * held-out RMSE. NDCG@10 0.177 at 0.8 and at 1, 0.178 at 1.5; a larger σ
     * leans on popularity (catalogue coverage 1.4%, 1.3%, 1.0%).
     */
    rankNoise: z.number().positive().default(1),
    /** β of the ranking: the weight of the item's number of ratings. NDCG@10 0.174 at 0.25, 0.177 at 0.5 and 0.75, 0.175 at 1. */
    rankPopularityExponent: z.number().min(0).default(0.5),
    /** Seed of the initialisation and of the order of the ratings in each epoch. */
    seed: z.number().int().default(42),
  })
  .refine((c) => c.minRating < c.maxRating, { message: "minRating must be below maxRating", path: ["maxRating"] });

export type BiasedMfConfig = z.infer<typeof BiasedMfConfig>;
export type BiasedMfConfigInput = z.input<typeof BiasedMfConfig>;

/**
 * Biased matrix factorisation, the "SVD" of Funk's Netflix Prize write-up
 * ("Netflix Update: Try This at Home", 2006) with the biases of Koren, Bell and
 * Volinsky ("Matrix Factorization Techniques for Recommender Systems", IEEE
 * Computer 42(8), 2009, eq. 5):
 *
 *   r̂_ui = μ + b_u + b_i + p_u·q_i,
 *
 * fitted by stochastic gradient descent on
 *
 *   Σ_(u,i) [ (r_ui − r̂_ui)² + λ_b (b_u² + b_i²) + λ_f (|p_u|² + |q_i|²) ]
 *
 * visiting the ratings in a new seeded random order each epoch, with the
 * updates of their eq. 6 (also Surprise's SVD) and a step size of the biases'
 * own, γ_b, as Koren's γ_1 and γ_2 ("Factorization Meets the Neighborhood",
 * KDD 2008, §2.1) and Surprise's lr_bu/lr_bi: e = r − r̂,
 * b_u += γ_b(e − λ_b b_u), b_i += γ_b(e − λ_b b_i), p_u += γ(e q_i − λ_f p_u),
 * q_i += γ(e p_u − λ_f q_i). The regulariser sits inside the sum, so a user
 * with n ratings is penalised n times; fold-in keeps that weighting.
 *
 * The reported loss is the training RMSE after each epoch.
 *
 * Ranking (`rankUser`, see FactorRatingModel): NDCG@10 on ml-latest-small (5-fold `crossValidate`, seed 42, test ratings
 * ≥ 4 relevant; popularity scores 0.160 ± 0.009), each with these defaults:
 * r̂ 0.120; p_u·q_i alone 0.040; r̂ shrunk toward μ by support,
 * (n_i r̂ + λμ)/(n_i + λ), 0.142 at λ = 10, 0.161 at 50, 0.170 at 200;
 * Φ((r̂ − 3.5)/σ)·n_i/(n_i + 50) 0.176; p_u·q_i + ln n_i 0.177;
 * r̂·n_i 0.170; this score 0.177 ± 0.006, above popularity on each of the
 * five folds (by 0.009 to 0.021).
 */
export class BiasedMf extends FactorRatingModel<FittedMf> implements Recommender {
  readonly kind = "mf" as const;
  readonly predictsRatings = true;
  readonly config: BiasedMfConfig;
  private model: FittedMf | undefined;

  constructor(config: Partial<BiasedMfConfigInput> = {}) {
    super();
    this.config = BiasedMfConfig.parse(config);
  }

  /** Rebuilds a fitted model from `toState()` output (for example, read back from the graph). */
  static fromState(state: ModelState): BiasedMf {
    if (state.kind !== "mf") throw new Error(`expected an "mf" model state, got "${state.kind}"`);
    const model = new BiasedMf(state.params as Partial<BiasedMfConfigInput>);
    const baseline = baselineFromState(state);
    const k = model.config.factors;
    model.model = {
      ...baseline,
      userFactors: factorMatrix(state.userVectors.factors, baseline.userBias.length, k, "mf userVectors.factors"),
      itemFactors: factorMatrix(state.itemVectors.factors, baseline.itemBias.length, k, "mf itemVectors.factors"),
      itemCounts: countsFromState(state, baseline.itemBias.length, "mf"),
    };
    return model;
  }

  /** `epochs` passes of SGD from seeded random factors and zero biases; refitting starts afresh. */
  async fit(train: RatingMatrix, context: FitContext = {}): Promise<void> {
    if (train.nnz === 0) throw new FitError("matrix factorisation needs at least one rating");
    const { factors: k, epochs, learningRate: lr, biasLearningRate: lrBias, regBias, regFactors, initStd, seed } = this.config;
    const mu = train.globalMean;
    const random = new Random(seed);
    const bu = new Float64Array(train.nUsers);
    const bi = new Float64Array(train.nItems);
    const p = new Float64Array(train.nUsers * k);
    const q = new Float64Array(train.nItems * k);
    for (let j = 0; j < p.length; j++) p[j] = random.normal() * initStd;
    for (let j = 0; j < q.length; j++) q[j] = random.normal() * initStd;

    const entryUser = new Int32Array(train.nnz);
    for (let u = 0; u < train.nUsers; u++) entryUser.fill(u, train.userPtr[u], train.userPtr[u + 1]);
    const order = new Int32Array(train.nnz);
    for (let j = 0; j < order.length; j++) order[j] = j;

    for (let epoch = 1; epoch <= epochs; epoch++) {
      const started = performance.now();
      shuffle(order, random);
      for (let t = 0; t < order.length; t++) {
        const entry = order[t];
        const u = entryUser[entry];
        const i = train.userItems[entry];
        const po = u * k;
        const qo = i * k;
        let dot = 0;
        for (let f = 0; f < k; f++) dot += p[po + f] * q[qo + f];
        const e = train.userRatings[entry] - (mu + bu[u] + bi[i] + dot);
        bu[u] += lrBias * (e - regBias * bu[u]);
        bi[i] += lrBias * (e - regBias * bi[i]);
        for (let f = 0; f < k; f++) {
          const pf = p[po + f];
          const qf = q[qo + f];
          p[po + f] = pf + lr * (e * qf - regFactors * pf);
          q[qo + f] = qf + lr * (e * pf - regFactors * qf);
        }
      }
      const loss = trainingRmse(train, entryUser, mu, bu, bi, p, q, k);
      if (!Number.isFinite(loss)) throw new FitError(`matrix factorisation diverged at epoch ${epoch}; lower learningRate (now ${lr})`);
      context.onEpoch?.({ epoch, loss, seconds: (performance.now() - started) / 1000 });
    }
    this.model = {
      globalMean: mu,
      userBias: Float32Array.from(bu),
      itemBias: Float32Array.from(bi),
      userFactors: { rows: train.nUsers, dim: k, data: Float32Array.from(p) },
      itemFactors: { rows: train.nItems, dim: k, data: Float32Array.from(q) },
      itemCounts: itemCountsOf(train),
    };
  }

  /**
   * b_u and p_u of a user known only by a profile P, item biases and factors
   * fixed: the ridge regression minimising the user's part of the objective,
   *
   *   Σ_{i∈P} (r_ui − μ − b_i − b_u − p_u·q_i)² + |P| (λ_b b_u² + λ_f |p_u|²),
   *
   * solved in closed form on the (k+1) × (k+1) normal equations
   * (ΦᵀΦ + |P|·diag(λ_b, λ_f, …, λ_f)) z = Φᵀt with rows φ_i = (1, q_i),
   * t_i = r_ui − μ − b_i and z = (b_u, p_u). An empty profile gives b_u = 0, p_u = 0.
   * The fit, with its small γ_b, stops the biases short of their optimum (see
   * `biasLearningRate`), so a training user folded back in gets a b_u a little
   * further from 0 than their fitted one.
   */
  foldIn(profile: Profile): { bias: number; factors: Float64Array } {
    const m = this.fitted("foldIn");
    checkProfile(profile, m.itemBias.length);
    const k = m.itemFactors.dim;
    const n = profile.items.length;
    if (n === 0) return { bias: 0, factors: new Float64Array(k) };
    const d = k + 1;
    const a = new Float64Array(d * d);
    const b = new Float64Array(d);
    const phi = new Float64Array(d);
    phi[0] = 1;
    for (let j = 0; j < n; j++) {
      const item = profile.items[j];
      const qo = item * k;
      for (let f = 0; f < k; f++) phi[f + 1] = m.itemFactors.data[qo + f];
      const t = profile.ratings[j] - m.globalMean - m.itemBias[item];
      for (let r = 0; r < d; r++) {
        b[r] += phi[r] * t;
        for (let c = r; c < d; c++) a[r * d + c] += phi[r] * phi[c];
      }
    }
    a[0] += n * this.config.regBias;
    for (let r = 1; r < d; r++) a[r * d + r] += n * this.config.regFactors;
    for (let r = 0; r < d; r++) for (let c = r + 1; c < d; c++) a[c * d + r] = a[r * d + c];
    const system = Matrix.from1DArray(d, d, a);
    const rhs = Matrix.columnVector(Array.from(b));
    const cholesky = new CholeskyDecomposition(system);
    // Without regularisation and with fewer ratings than unknowns the system is singular: least squares instead.
    const z = (cholesky.isPositiveDefinite() ? cholesky.solve(rhs) : solve(system, rhs, true)).getColumn(0);
    return { bias: z[0], factors: Float64Array.from(z.slice(1)) };
  }

  /** The state shares the model's arrays; copy them before mutating. itemVectors.count holds each item's number of training ratings, for `rankUser`. */
  toState(): ModelState {
    const m = this.fitted("toState");
    return {
      kind: this.kind,
      params: { ...this.config },
      scalars: { globalMean: m.globalMean },
      userVectors: { bias: column(m.userBias), factors: m.userFactors },
      itemVectors: { bias: column(m.itemBias), factors: m.itemFactors, count: column(m.itemCounts) },
    };
  }

  protected fitted(operation: string): FittedMf {
    if (!this.model) throw new Error(`matrix factorisation must be fit before ${operation}`);
    return this.model;
  }
}

type FittedMf = FactorParameters;

/** Fisher–Yates, in place. */
function shuffle(order: Int32Array, random: Random): void {
  for (let j = order.length - 1; j > 0; j--) {
    const other = random.int(j + 1);
    const kept = order[j];
    order[j] = order[other];
    order[other] = kept;
  }
}

/** √(mean (r − r̂)²) over the training ratings, r̂ unclipped. */
function trainingRmse(
  train: RatingMatrix,
  entryUser: Int32Array,
  mu: number,
  bu: Float64Array,
  bi: Float64Array,
  p: Float64Array,
  q: Float64Array,
  k: number,
): number {
  let sum = 0;
  for (let entry = 0; entry < train.nnz; entry++) {
    const u = entryUser[entry];
    const i = train.userItems[entry];
    let s = mu + bu[u] + bi[i];
    for (let f = 0; f < k; f++) s += p[u * k + f] * q[i * k + f];
    const e = train.userRatings[entry] - s;
    sum += e * e;
  }
  return Math.sqrt(sum / train.nnz);
}

function column(data: Float32Array): Matrix32 {
  return { rows: data.length, dim: 1, data };
}

function factorMatrix(m: Matrix32 | undefined, rows: number, k: number, name: string): Matrix32 {
  if (!m) throw new Error(`missing ${name}`);
  if (m.rows !== rows || m.dim !== k || m.data.length !== rows * k) {
    throw new Error(`${name} must be ${rows} × ${k} (factors = ${k}), got ${m.rows} × ${m.dim} with ${m.data.length} values`);
  }
  return m;
}
