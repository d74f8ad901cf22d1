import { CholeskyDecomposition, Matrix, solve } from "ml-matrix";
import { z } from "zod";
import { Random } from "../../common/random.js";
import { checkProfile, checkUser } from "../baselines/bias.js";
import type { RatingMatrix } from "../data/rating-matrix.js";
import { FitError, type FitContext, type Matrix32, type ModelState, type Profile, type Recommender } from "../model.js";
import { gramBlocks, gramian, gramObjective, sumGramBlocks, withRidge, type SparseRows } from "./als/kernels.js";
import { allocateSweep, unpadded } from "./als/sweep-memory.js";
import { defaultThreads, SweepPool, sweepThreads } from "./als/sweep-pool.js";

export { gramian, implicitObjective } from "./als/kernels.js";

/**
 * Configuration of implicit-feedback ALS. α and λ were chosen on validation
 * splits, never on a test set: on ml-latest-small, the training part of the
 * seeded random 80/20 split (seed 42) split 80/20 again (seed 43), NDCG@10
 * over held-out ratings ≥ 4, 64 factors and 15 iterations, over α {0.3, 1, 3,
 * 10, 40} × λ {3, 10, 30, 100, 300}; α = 1, λ = 30 won (0.191, against 0.152
 * for the earlier α = 40, λ = 300), and the same pair won on ml-100k's
 * validation splits under the Microsoft Recommenders protocol for every seed
 * tried (see `bench:recommenders`).
 */
export const ImplicitAlsConfig = z.object({
  /** Length of every user and item vector. */
  factors: z.number().int().min(1).default(64),
  /** Full sweeps (all users, then all items); each is one reported epoch. */
  iterations: z.number().int().min(1).default(15),
  /**
   * λ of the objective, applied to every user and item vector once (not scaled by
   * the row's count, as in Hu et al. and the `implicit` library). It is weighed
   * against the confidences, so it moves with α (λ = 300 suited α = 40); λ is a
   * sum over rows, so a bigger data set may want a larger one.
   */
  regularization: z.number().min(0).default(30),
  /**
   * α of the confidence c = 1 + α·r (or 1 + α·log(1 + r/ε)). Hu et al. found 40 best
   * on watch counts; on star ratings a 5-star rating weighing 201 unrated cells
   * drowns the rest, and α = 1 (weight 6) ranks much better. Tune it per data set.
   */
  alpha: z.number().min(0).default(1),
  /** "linear": c = 1 + α·r (Hu et al., eq. 2.3). "log": c = 1 + α·log(1 + r/ε) (their eq. 2.4), which damps large r. */
  confidence: z.enum(["linear", "log"]).default("linear"),
  /** ε of the log confidence, in rating units; unused by "linear". */
  epsilon: z.number().positive().default(1),
  /**
   * Ratings below this are treated as not observed (p = 0, c = 1) rather than as
   * weak positives. 0 keeps every rating, as Hu et al. do with watch counts; on
   * explicit ratings a threshold such as 3.5 turns dislikes into non-preferences.
   */
  minRating: z.number().min(0).default(0),
  /**
   * Conjugate-gradient steps per row per half-sweep; 3 as in the `implicit`
   * library, enough because each row starts from its previous solution (Takács et al.).
   */
  cgSteps: z.number().int().min(1).default(3),
  /** Standard deviation of the normal draws the factors start from: small, so the first sweep is driven by the data. */
  initStd: z.number().min(0).default(0.01),
  /** Seed of the factor initialisation. */
  seed: z.number().int().default(42),
  /**
   * Threads a fit runs on (the main thread and threads − 1 workers), each taking
   * chunks of rows of every half-sweep. Every row's solve depends only on the
   * other side's factors, so the factors are bit-identical for any value. Fits
   * of fewer than 2M ratings × factors stay on one thread. Defaults to
   * min(2, os.availableParallelism()): a sweep is bound by memory as much as by
   * arithmetic. Not part of the saved model.
   */
  threads: z.number().int().min(1).default(defaultThreads),
});

export type ImplicitAlsConfig = z.infer<typeof ImplicitAlsConfig>;
export type ImplicitAlsConfigInput = z.input<typeof ImplicitAlsConfig>;

/** Chunks per half-sweep and thread: enough that a thread slowed by other work on the machine is not left with a big last one. */
const CHUNKS_PER_THREAD = 32;

/**
 * Implicit-feedback matrix factorisation of Hu, Koren and Volinsky, "Collaborative
 * Filtering for Implicit Feedback Datasets" (ICDM 2008). Every user × item cell
 * has a preference p_ui (1 where the user rated the item, 0 elsewhere) and a
 * confidence c_ui (from the rating where observed, 1 elsewhere); the model
 * minimises
 *
 *   Σ_u Σ_i c_ui (p_ui − x_u·y_i)² + λ (Σ_u |x_u|² + Σ_i |y_i|²)
 *
 * by alternating least squares. Each row's normal equations
 * (YᵀY + Yᵀ(C_u − I)Y + λI) x_u = YᵀC_u p_u are solved approximately by a few
 * conjugate-gradient steps warm-started from the current vector (Takács,
 * Pilászy and Tikk, "Applications of the conjugate gradient method for implicit
 * feedback collaborative filtering", RecSys 2011), as the `implicit` library
 * does: YᵀY + λI is computed once per half-sweep, so a row costs
 * O(cgSteps · (k² + n_u·k)) and a sweep is linear in the number of ratings.
 * Within a half-sweep the rows are independent (a Jacobi-style update), so
 * they are solved in chunks on `threads` threads over one shared memory, by
 * WebAssembly SIMD kernels (`als/kernels.wat`), with the same result for any
 * number of threads (see `als/sweep-pool.ts`).
 *
 * The reported loss is that objective, a sum over all users × items cells
 * (not a mean). Scores are x_u·y_i, a predicted preference, not a rating.
 */
export class ImplicitAls implements Recommender {
  readonly kind = "als" as const;
  readonly predictsRatings = false;
  readonly config: ImplicitAlsConfig;
  private userFactors: Matrix32 | undefined;
  private itemFactors: Matrix32 | undefined;
  /** YᵀY + λI of the fitted item factors, built on the first fold-in. */
  private itemGram: Float64Array | undefined;

  constructor(config: Partial<ImplicitAlsConfigInput> = {}) {
    this.config = ImplicitAlsConfig.parse(config);
  }

  /** Rebuilds a fitted model from `toState()` output (for example, read back from the graph). */
  static fromState(state: ModelState): ImplicitAls {
    if (state.kind !== "als") throw new Error(`expected an "als" model state, got "${state.kind}"`);
    const model = new ImplicitAls(state.params as Partial<ImplicitAlsConfigInput>);
    const users = state.userVectors.factors;
    const items = state.itemVectors.factors;
    if (!users || !items) throw new Error("an als state needs userVectors.factors and itemVectors.factors");
    for (const m of [users, items]) {
      if (m.dim !== model.config.factors || m.data.length !== m.rows * m.dim) {
        throw new Error(`als factors of shape ${m.rows} × ${m.dim} (${m.data.length} values) do not match factors = ${model.config.factors}`);
      }
    }
    model.userFactors = users;
    model.itemFactors = items;
    return model;
  }

  /**
   * `iterations` sweeps of users then items from seeded small random factors;
   * refitting starts afresh. The reported loss comes almost free: the item
   * half-sweep returns the observed cells' share, and the rest needs only the
   * Gramians XᵀX and YᵀY, which the next half-sweep needs anyway.
   */
  async fit(train: RatingMatrix, context: FitContext = {}): Promise<void> {
    if (train.nnz === 0) throw new FitError("implicit ALS needs at least one rating");
    const { factors: k, iterations, regularization, cgSteps, initStd, seed } = this.config;
    const threads = sweepThreads(this.config.threads, train.nnz, k);
    const userPtr = this.keptPtr(train.userPtr, train.userRatings);
    if (userPtr[train.nUsers] === 0) throw new FitError(`implicit ALS needs at least one rating ≥ minRating (${this.config.minRating})`);
    const { state, arrays } = allocateSweep({
      k,
      cgSteps,
      nUsers: train.nUsers,
      nItems: train.nItems,
      userPtr,
      itemPtr: this.keptPtr(train.itemPtr, train.itemRatings),
      threads,
      chunks: CHUNKS_PER_THREAD * threads,
    });
    this.observations(train.userItems, train.userRatings, arrays.byUser);
    this.observations(train.itemUsers, train.itemRatings, arrays.byItem);
    // Factors are stored in single precision, as the fitted model keeps them;
    // the solves mix single and double precision (see als/kernels.wat). Factor
    // rows and Gramians are `stride` wide, zero-padded past k (see als/sweep-memory.ts).
    const random = new Random(seed);
    const { x, y, stride } = arrays;
    for (let row = 0; row < train.nUsers; row++) for (let f = 0; f < k; f++) x[row * stride + f] = random.normal() * initStd;
    for (let row = 0; row < train.nItems; row++) for (let f = 0; f < k; f++) y[row * stride + f] = random.normal() * initStd;
    const pool = await SweepPool.start(state, threads);
    try {
      /** FᵀF of one side's factors, summed over fixed blocks of rows in order whatever thread computed each. */
      const plainGram = async (side: "users" | "items"): Promise<Float64Array> => {
        await pool.run({ kind: "gram", side });
        return sumGramBlocks(arrays.gramParts, gramBlocks(side === "users" ? train.nUsers : train.nItems), stride, 0);
      };
      let itemGram: Float64Array | undefined;
      for (let epoch = 1; epoch <= iterations; epoch++) {
        const started = performance.now();
        itemGram ??= await plainGram("items");
        arrays.gram.set(withRidge(itemGram, stride, regularization));
        await pool.run({ kind: "solve", side: "users" });
        const userGram = await plainGram("users");
        arrays.gram.set(withRidge(userGram, stride, regularization));
        await pool.run({ kind: "solve", side: "items" });
        itemGram = await plainGram("items");
        let observed = 0;
        for (let i = 0; i < train.nItems; i++) observed += arrays.itemLoss[i];
        const loss = gramObjective(userGram, itemGram, stride, observed, regularization);
        if (!Number.isFinite(loss)) throw new FitError(`implicit ALS diverged at iteration ${epoch} (loss ${loss})`);
        context.onEpoch?.({ epoch, loss, seconds: (performance.now() - started) / 1000 });
      }
    } finally {
      await pool.close();
    }
    this.userFactors = { rows: train.nUsers, dim: k, data: unpadded(x, train.nUsers, k, stride) };
    this.itemFactors = { rows: train.nItems, dim: k, data: unpadded(y, train.nItems, k, stride) };
    this.itemGram = undefined;
  }

  /** x_u·y_i for every item. */
  scoreUser(user: number): Float32Array {
    const users = this.fitted("scoreUser").users;
    checkUser(user, users.rows);
    return this.scoreVector(users.data, user * users.dim);
  }

  /**
   * Fold-in: the exact least-squares vector of a user who rated `profile`,
   * against the fixed item factors, i.e. the solution of
   * (YᵀY + Yᵀ(C − I)Y + λI) x = YᵀC p by Cholesky on a k × k system.
   */
  scoreProfile(profile: Profile): Float32Array {
    const { items } = this.fitted("scoreProfile");
    checkProfile(profile, items.rows);
    const k = items.dim;
    const gram = (this.itemGram ??= gramian(items.data, items.rows, k, this.config.regularization));
    const a = Float64Array.from(gram);
    const b = new Float64Array(k);
    for (let j = 0; j < profile.items.length; j++) {
      const item = profile.items[j];
      const rating = profile.ratings[j];
      if (!isValidRating(rating)) throw new RangeError(`implicit ALS needs ratings ≥ 0, got ${rating} for item ${item}`);
      if (rating < this.config.minRating) continue;
      const c = this.confidence(rating);
      const offset = item * k;
      for (let f = 0; f < k; f++) {
        const t = (c - 1) * items.data[offset + f];
        b[f] += c * items.data[offset + f];
        for (let g = f; g < k; g++) a[f * k + g] += t * items.data[offset + g];
      }
    }
    // Cholesky insists on exact symmetry, which rounding in the sums above would break.
    for (let f = 0; f < k; f++) for (let g = f + 1; g < k; g++) a[g * k + f] = a[f * k + g];
    const system = Matrix.from1DArray(k, k, a);
    const rhs = Matrix.columnVector(Array.from(b));
    const cholesky = new CholeskyDecomposition(system);
    // λ = 0 with fewer items than factors leaves A singular: take the least-squares solution.
    const solution = cholesky.isPositiveDefinite() ? cholesky.solve(rhs) : solve(system, rhs, true);
    return this.scoreVector(Float64Array.from(solution.getColumn(0)), 0);
  }

  /** The state shares the model's factor arrays; copy them before mutating. */
  toState(): ModelState {
    const { users, items } = this.fitted("toState");
    return {
      kind: this.kind,
      params: modelParams(this.config),
      scalars: {},
      userVectors: { factors: users },
      itemVectors: { factors: items },
    };
  }

  /** c_ui for an observed rating (Hu et al., eqs. 2.3 and 2.4). */
  confidence(rating: number): number {
    const { alpha, epsilon } = this.config;
    return this.config.confidence === "linear" ? 1 + alpha * rating : 1 + alpha * Math.log1p(rating / epsilon);
  }

  /**
   * Row boundaries of the observed entries of a CSR (or CSC) side: ratings
   * below minRating are dropped, i.e. become unobserved cells (p = 0, c = 1).
   * `ptr` itself when every rating is kept.
   */
  private keptPtr(ptr: Int32Array, ratings: Float32Array): Int32Array {
    const { minRating } = this.config;
    let kept = 0;
    for (let j = 0; j < ratings.length; j++) {
      if (!isValidRating(ratings[j])) throw new FitError(`implicit ALS needs finite ratings ≥ 0, got ${ratings[j]}`);
      if (ratings[j] >= minRating) kept += 1;
    }
    if (kept === ratings.length) return ptr;
    const out = new Int32Array(ptr.length);
    for (let row = 0; row + 1 < ptr.length; row++) {
      let n = out[row];
      for (let j = ptr[row]; j < ptr[row + 1]; j++) if (ratings[j] >= minRating) n += 1;
      out[row + 1] = n;
    }
    return out;
  }

  /** Writes the kept entries of a CSR (or CSC) side and their confidences into `into`, whose ptr came from `keptPtr`. */
  private observations(indices: Int32Array, ratings: Float32Array, into: SparseRows): void {
    const { minRating } = this.config;
    let n = 0;
    for (let j = 0; j < ratings.length; j++) {
      if (ratings[j] < minRating) continue;
      into.indices[n] = indices[j];
      into.confidence[n] = this.confidence(ratings[j]);
      n += 1;
    }
  }

  private scoreVector(vectors: ArrayLike<number>, offset: number): Float32Array {
    const items = this.fitted("score").items;
    const k = items.dim;
    const out = new Float32Array(items.rows);
    for (let i = 0; i < items.rows; i++) {
      let s = 0;
      const io = i * k;
      for (let f = 0; f < k; f++) s += vectors[offset + f] * items.data[io + f];
      out[i] = s;
    }
    return out;
  }

  private fitted(operation: string): { users: Matrix32; items: Matrix32 } {
    if (!this.userFactors || !this.itemFactors) throw new Error(`implicit ALS must be fit before ${operation}`);
    return { users: this.userFactors, items: this.itemFactors };
  }
}

/** A confidence below 1 would make the normal equations indefinite. */
function isValidRating(rating: number): boolean {
  return rating >= 0 && Number.isFinite(rating);
}

/** The config minus `threads`, which describes the machine a fit ran on rather than the model. */
function modelParams(config: ImplicitAlsConfig): Record<string, unknown> {
  const { threads: _threads, ...params } = config;
  return params;
}
