import { CholeskyDecomposition, Matrix, solve } from "ml-matrix";
import { z } from "zod";
import { Random } from "../../common/random.js";
import { checkProfile, checkUser } from "../baselines/bias.js";
import type { RatingMatrix } from "../data/rating-matrix.js";
import { FitError, type FitContext, type Matrix32, type ModelState, type Profile, type Recommender } from "../model.js";

/**
 * Configuration of implicit-feedback ALS. Where a default was tuned, it was on
 * ml-latest-small with 64 factors and 15 iterations: a seeded random 80/20 split
 * of the ratings, precision@10 over each user's held-out items with their
 * training items excluded.
 */
export const ImplicitAlsConfig = z.object({
  /** Length of every user and item vector. */
  factors: z.number().int().min(1).default(64),
  /** Full sweeps (all users, then all items); each is one reported epoch. */
  iterations: z.number().int().min(1).default(15),
  /**
   * λ of the objective, applied to every user and item vector once (not scaled by
   * the row's count, as in Hu et al. and the `implicit` library). With α = 40 the
   * observed cells weigh up to 201, so λ must be large to matter: on
   * ml-latest-small precision@10 was 0.16 at 0.01 (the `implicit` default), 0.20
   * at 100, 0.23 at 300, 0.23 at 500 and 0.20 at 1000. λ is a sum over rows, so a
   * bigger data set may want a larger one.
   */
  regularization: z.number().min(0).default(300),
  /**
   * α of the confidence c = 1 + α·r (or 1 + α·log(1 + r/ε)); Hu et al. found 40 best
   * on watch counts. On ml-latest-small ratings a much smaller α did better
   * (α = 1 with λ = 30: precision@10 0.30 against 0.23), so tune it per data set.
   */
  alpha: z.number().min(0).default(40),
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
});

export type ImplicitAlsConfig = z.infer<typeof ImplicitAlsConfig>;
export type ImplicitAlsConfigInput = z.input<typeof ImplicitAlsConfig>;

/** Below this squared residual norm a row counts as solved (as in `implicit`). */
const CG_TOLERANCE = 1e-20;

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

  /** `iterations` sweeps of users then items from seeded small random factors; refitting starts afresh. */
  async fit(train: RatingMatrix, context: FitContext = {}): Promise<void> {
    if (train.nnz === 0) throw new FitError("implicit ALS needs at least one rating");
    const { factors: k, iterations, regularization, cgSteps, initStd, seed } = this.config;
    const byUser = this.observations(train.userPtr, train.userItems, train.userRatings);
    const byItem = this.observations(train.itemPtr, train.itemUsers, train.itemRatings);
    if (byUser.indices.length === 0) throw new FitError(`implicit ALS needs at least one rating ≥ minRating (${this.config.minRating})`);
    // Training runs in double precision so the objective falls monotonically;
    // the fitted model keeps single-precision copies.
    const random = new Random(seed);
    const x = new Float64Array(train.nUsers * k);
    const y = new Float64Array(train.nItems * k);
    for (let j = 0; j < x.length; j++) x[j] = random.normal() * initStd;
    for (let j = 0; j < y.length; j++) y[j] = random.normal() * initStd;
    const work = new CgWork(k);

    for (let epoch = 1; epoch <= iterations; epoch++) {
      const started = performance.now();
      const itemGram = gramian(y, train.nItems, k, regularization);
      for (let u = 0; u < train.nUsers; u++) {
        conjugateGradientRow(itemGram, y, k, byUser.indices, byUser.confidence, byUser.ptr[u], byUser.ptr[u + 1], x, u * k, cgSteps, work);
      }
      const userGram = gramian(x, train.nUsers, k, regularization);
      for (let i = 0; i < train.nItems; i++) {
        conjugateGradientRow(userGram, x, k, byItem.indices, byItem.confidence, byItem.ptr[i], byItem.ptr[i + 1], y, i * k, cgSteps, work);
      }
      const loss = implicitObjective(x, y, train.nUsers, train.nItems, k, byUser.ptr, byUser.indices, byUser.confidence, regularization);
      if (!Number.isFinite(loss)) throw new FitError(`implicit ALS diverged at iteration ${epoch} (loss ${loss})`);
      context.onEpoch?.({ epoch, loss, seconds: (performance.now() - started) / 1000 });
    }
    this.userFactors = { rows: train.nUsers, dim: k, data: Float32Array.from(x) };
    this.itemFactors = { rows: train.nItems, dim: k, data: Float32Array.from(y) };
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
      params: { ...this.config },
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
   * The observed entries of a CSR (or CSC) side with their confidences; ratings
   * below minRating are dropped, i.e. become unobserved cells (p = 0, c = 1).
   */
  private observations(ptr: Int32Array, indices: Int32Array, ratings: Float32Array): Observations {
    const { minRating } = this.config;
    let kept = 0;
    for (let j = 0; j < ratings.length; j++) {
      if (!isValidRating(ratings[j])) throw new FitError(`implicit ALS needs finite ratings ≥ 0, got ${ratings[j]}`);
      if (ratings[j] >= minRating) kept += 1;
    }
    if (kept === ratings.length) return { ptr, indices, confidence: Float32Array.from(ratings, (r) => this.confidence(r)) };
    const out: Observations = { ptr: new Int32Array(ptr.length), indices: new Int32Array(kept), confidence: new Float32Array(kept) };
    let n = 0;
    for (let row = 0; row + 1 < ptr.length; row++) {
      for (let j = ptr[row]; j < ptr[row + 1]; j++) {
        if (ratings[j] < minRating) continue;
        out.indices[n] = indices[j];
        out.confidence[n] = this.confidence(ratings[j]);
        n += 1;
      }
      out.ptr[row + 1] = n;
    }
    return out;
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

/** Observed entries of one side (users' rows or items' columns), compressed like RatingMatrix. */
interface Observations {
  ptr: Int32Array;
  indices: Int32Array;
  confidence: Float32Array;
}

/** A confidence below 1 would make the normal equations indefinite. */
function isValidRating(rating: number): boolean {
  return rating >= 0 && Number.isFinite(rating);
}

/** Scratch vectors of one CG solve, allocated once per fit. */
export class CgWork {
  readonly x: Float64Array;
  readonly r: Float64Array;
  readonly p: Float64Array;
  readonly ap: Float64Array;

  constructor(k: number) {
    this.x = new Float64Array(k);
    this.r = new Float64Array(k);
    this.p = new Float64Array(k);
    this.ap = new Float64Array(k);
  }
}

/** FᵀF + ridge·I for the `rows` × k row-major factors F, as a full k × k row-major matrix. */
export function gramian(factors: ArrayLike<number>, rows: number, k: number, ridge: number): Float64Array {
  const g = new Float64Array(k * k);
  // Four rows per pass over the upper triangle: a quarter of the loads and stores of g.
  let r = 0;
  for (; r + 3 < rows; r += 4) {
    const o0 = r * k;
    const o1 = o0 + k;
    const o2 = o1 + k;
    const o3 = o2 + k;
    for (let a = 0; a < k; a++) {
      const f0 = factors[o0 + a];
      const f1 = factors[o1 + a];
      const f2 = factors[o2 + a];
      const f3 = factors[o3 + a];
      const ga = a * k;
      for (let b = a; b < k; b++) g[ga + b] += f0 * factors[o0 + b] + f1 * factors[o1 + b] + f2 * factors[o2 + b] + f3 * factors[o3 + b];
    }
  }
  for (; r < rows; r++) {
    const o = r * k;
    for (let a = 0; a < k; a++) {
      const fa = factors[o + a];
      const ga = a * k;
      for (let b = a; b < k; b++) g[ga + b] += fa * factors[o + b];
    }
  }
  for (let a = 0; a < k; a++) {
    g[a * k + a] += ridge;
    for (let b = a + 1; b < k; b++) g[b * k + a] = g[a * k + b];
  }
  return g;
}

/**
 * Improves row `target[offset … offset+k)` in place by `steps` conjugate-gradient
 * steps on (G + Σ_j (c_j − 1) y_j y_jᵀ) x = Σ_j c_j y_j, where G = YᵀY + λI and
 * j runs over `indices[start … end)` with confidences `confidence[start … end)`
 * (Takács et al. 2011, algorithm 2; p_ui = 1 on every observed entry).
 * A x is never formed: each product touches G and the row's own nonzeros.
 */
export function conjugateGradientRow(
  gram: Float64Array,
  other: Float64Array,
  k: number,
  indices: Int32Array,
  confidence: Float32Array,
  start: number,
  end: number,
  target: Float64Array,
  offset: number,
  steps: number,
  work: CgWork,
): void {
  const { x, r, p, ap } = work;
  for (let f = 0; f < k; f++) x[f] = target[offset + f];
  // r = b − A x
  matVec(gram, x, r, k);
  for (let f = 0; f < k; f++) r[f] = -r[f];
  for (let j = start; j < end; j++) {
    const yo = indices[j] * k;
    const c = confidence[j];
    const t = c - (c - 1) * dot(other, yo, x, 0, k);
    for (let f = 0; f < k; f++) r[f] += t * other[yo + f];
  }
  let rsOld = 0;
  for (let f = 0; f < k; f++) {
    p[f] = r[f];
    rsOld += r[f] * r[f];
  }
  for (let step = 0; step < steps && rsOld > CG_TOLERANCE; step++) {
    matVec(gram, p, ap, k);
    for (let j = start; j < end; j++) {
      const yo = indices[j] * k;
      const t = (confidence[j] - 1) * dot(other, yo, p, 0, k);
      for (let f = 0; f < k; f++) ap[f] += t * other[yo + f];
    }
    const pAp = dot(p, 0, ap, 0, k);
    // Only a singular system (λ = 0) gets here with pAp = 0: stop where we are.
    if (!(pAp > 0)) break;
    const stepSize = rsOld / pAp;
    let rsNew = 0;
    for (let f = 0; f < k; f++) {
      x[f] += stepSize * p[f];
      r[f] -= stepSize * ap[f];
      rsNew += r[f] * r[f];
    }
    const beta = rsNew / rsOld;
    for (let f = 0; f < k; f++) p[f] = r[f] + beta * p[f];
    rsOld = rsNew;
  }
  for (let f = 0; f < k; f++) target[offset + f] = x[f];
}

/**
 * a[ao … ao+k) · b[bo … bo+k). Four running sums break the chain of dependent
 * additions, which makes the k × k products of a sweep about 1.7× faster in V8.
 */
function dot(a: ArrayLike<number>, ao: number, b: ArrayLike<number>, bo: number, k: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let f = 0;
  for (; f + 3 < k; f += 4) {
    s0 += a[ao + f] * b[bo + f];
    s1 += a[ao + f + 1] * b[bo + f + 1];
    s2 += a[ao + f + 2] * b[bo + f + 2];
    s3 += a[ao + f + 3] * b[bo + f + 3];
  }
  for (; f < k; f++) s0 += a[ao + f] * b[bo + f];
  return s0 + s1 + (s2 + s3);
}

/** out = M v for a k × k row-major M. */
function matVec(m: Float64Array, v: Float64Array, out: Float64Array, k: number): void {
  let a = 0;
  for (; a + 3 < k; a += 4) {
    const m0 = a * k;
    const m1 = m0 + k;
    const m2 = m1 + k;
    const m3 = m2 + k;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let b = 0; b < k; b++) {
      const vb = v[b];
      s0 += m[m0 + b] * vb;
      s1 += m[m1 + b] * vb;
      s2 += m[m2 + b] * vb;
      s3 += m[m3 + b] * vb;
    }
    out[a] = s0;
    out[a + 1] = s1;
    out[a + 2] = s2;
    out[a + 3] = s3;
  }
  for (; a < k; a++) out[a] = dot(m, a * k, v, 0, k);
}

/**
 * The ALS objective Σ_u Σ_i c_ui (p_ui − x_u·y_i)² + λ(|X|² + |Y|²) without
 * visiting the users × items cells: Σ_i (x_u·y_i)² = x_uᵀ(YᵀY)x_u covers every
 * cell as if unobserved, and each observed cell adds
 * c(1 − s)² − s² = (c − 1)s² − 2cs + c (the `implicit` library's calculate_loss).
 */
export function implicitObjective(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  nUsers: number,
  nItems: number,
  k: number,
  userPtr: Int32Array,
  userItems: Int32Array,
  userConfidence: Float32Array,
  regularization: number,
): number {
  const g = gramian(y, nItems, k, 0);
  let loss = 0;
  for (let u = 0; u < nUsers; u++) {
    const xo = u * k;
    for (let a = 0; a < k; a++) loss += x[xo + a] * dot(g, a * k, x, xo, k);
    for (let j = userPtr[u]; j < userPtr[u + 1]; j++) {
      const s = dot(x, xo, y, userItems[j] * k, k);
      const c = userConfidence[j];
      loss += (c - 1) * s * s - 2 * c * s + c;
    }
  }
  let norms = 0;
  for (let j = 0; j < nUsers * k; j++) norms += x[j] * x[j];
  for (let j = 0; j < nItems * k; j++) norms += y[j] * y[j];
  return loss + regularization * norms;
}
