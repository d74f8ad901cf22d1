import type { RatingMatrix } from "../data/rating-matrix.js";
import type { ModelState } from "../model.js";

/** What `likedAndRatedScores` takes from a model's configuration. */
export interface RankSettings {
  /** τ: a prediction above it means the item is liked. */
  rankThreshold: number;
  /** σ: the spread of a rating around its prediction. */
  rankNoise: number;
  /** β: the weight of the item's number of ratings. */
  rankPopularityExponent: number;
}

/**
 * s_i = Φ((r̂_i − τ)/σ) · n_i^β for every item: the probability that a rating
 * drawn from N(r̂_i, σ²) is above τ, i.e. that the user likes the item if they
 * rate it, times a popularity prior for their rating it at all (n_i ratings in
 * training; β = 1 is proportional to the share of ratings, β < 1 tempers it).
 * An item nobody rated scores 0. Shared by the rating models whose predicted
 * ratings rank poorly (biased MF, NMF).
 */
export function likedAndRatedScores(estimates: ArrayLike<number>, itemCounts: ArrayLike<number>, settings: RankSettings): Float32Array {
  const { rankThreshold: tau, rankNoise: sigma, rankPopularityExponent: beta } = settings;
  const out = new Float32Array(estimates.length);
  for (let i = 0; i < out.length; i++) {
    const n = itemCounts[i];
    out[i] = n > 0 ? normalCdf((estimates[i] - tau) / sigma) * n ** beta : 0;
  }
  return out;
}

/**
 * Φ(x), the standard normal distribution function, as ½·erfc(−x/√2) with
 * erfc(z) ≈ t·(a₁ + a₂t + … + a₅t⁴)·e^(−z²), t = 1/(1 + pz), for z ≥ 0
 * (Abramowitz and Stegun, "Handbook of Mathematical Functions", 1964, 7.1.26:
 * absolute error below 1.5·10⁻⁷, ample for ranking).
 */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erfc = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-z * z);
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/** n_i for every item of the training matrix, as a model stores it. */
export function itemCountsOf(train: RatingMatrix): Float32Array {
  const out = new Float32Array(train.nItems);
  for (let i = 0; i < train.nItems; i++) out[i] = train.itemDegree(i);
  return out;
}

/** itemVectors.count of a state, checked: one finite count ≥ 0 per item. */
export function countsFromState(state: ModelState, nItems: number, kind: string): Float32Array {
  const counts = state.itemVectors.count;
  if (!counts) throw new Error(`missing ${kind} itemVectors.count (states saved before it was added must be retrained)`);
  if (counts.rows !== nItems || counts.dim !== 1 || counts.data.length !== nItems) {
    throw new Error(`${kind} itemVectors.count must be ${nItems} × 1, got ${counts.rows} × ${counts.dim} with ${counts.data.length} values`);
  }
  if (!counts.data.every((n) => Number.isFinite(n) && n >= 0)) throw new Error(`${kind} itemVectors.count must hold finite counts ≥ 0`);
  return counts.data;
}
