import { checkUser } from "../baselines/bias.js";
import type { Matrix32, Profile } from "../model.js";
import { likedAndRatedScores, type RankSettings } from "./rank-scores.js";

/** What a rating-prediction factor model keeps once fit: r̂_ui = μ + b_u + b_i + p_u·q_i. */
export interface FactorParameters {
  /** 0 for a model without biases, as are the biases. */
  globalMean: number;
  userBias: Float32Array;
  itemBias: Float32Array;
  userFactors: Matrix32;
  itemFactors: Matrix32;
  /** n_i, each item's number of training ratings, for ranking. */
  itemCounts: Float32Array;
}

/** The configuration scoring reads: the rating scale and the ranking settings. */
export interface FactorScoringSettings extends RankSettings {
  minRating: number;
  maxRating: number;
}

/**
 * Scoring shared by the rating-prediction factor models (biased MF, NMF):
 * predicted ratings for RMSE, and a separate ranking score. A model supplies
 * its parameters and its fold-in; everything here follows from those.
 */
export abstract class FactorRatingModel<P extends FactorParameters> {
  abstract readonly config: FactorScoringSettings;

  /** The fitted parameters, or a clear error naming `operation` before fit. */
  protected abstract fitted(operation: string): P;

  /** b_u and p_u of a user known only by what they rated, item side fixed. */
  abstract foldIn(profile: Profile): { bias: number; factors: Float64Array };

  /** Predicted ratings, clipped to the rating scale. */
  scoreUser(user: number): Float32Array {
    const m = this.fitted("scoreUser");
    checkUser(user, m.userBias.length);
    return this.clip(this.estimate(m.userBias[user], m.userFactors.data, user * m.userFactors.dim));
  }

  /** Predicted ratings for the user folded in from the profile (see `foldIn`). */
  scoreProfile(profile: Profile): Float32Array {
    const { bias, factors } = this.foldIn(profile);
    return this.clip(this.estimate(bias, factors, 0));
  }

  /**
   * Scores to rank a user's unseen items by: how likely the user is to rate
   * the item at all and to like it when they do (see `likedAndRatedScores`),
   * from the unclipped r̂_ui and the item's number of training ratings n_i:
   *
   *   s_ui = Φ((r̂_ui − τ) / σ) · n_i^β.
   *
   * Why not r̂ itself: a rating model is fit on the ratings people chose to
   * give, and its best predictions go to films a few fans rated highly, which
   * few users will ever watch; a top-N list is judged by the films the user
   * goes on to rate (Cremonesi, Koren and Turrin, "Performance of Recommender
   * Algorithms on Top-N Recommendation Tasks", RecSys 2010, found models tuned
   * for RMSE ranking poorly there, some below a most-popular list). What the
   * ratings do give is P(r_ui ≥ 4 | rated), under a Gaussian around r̂_ui.
   * Which films get rated is not random (Steck, "Training and Testing of
   * Recommender Systems on Data Missing Not at Random", KDD 2010): how often
   * an item was rated in training stands in for P(rated). Each model's class
   * documentation gives what this measured for it.
   */
  rankUser(user: number): Float32Array {
    const m = this.fitted("rankUser");
    checkUser(user, m.userBias.length);
    return likedAndRatedScores(this.estimate(m.userBias[user], m.userFactors.data, user * m.userFactors.dim), m.itemCounts, this.config);
  }

  /** `rankUser` for the user folded in from the profile. */
  rankProfile(profile: Profile): Float32Array {
    const { bias, factors } = this.foldIn(profile);
    return likedAndRatedScores(this.estimate(bias, factors, 0), this.fitted("rankProfile").itemCounts, this.config);
  }

  /** μ + b_u + b_i + p_u·q_i for every item, unclipped, for the user vector at `offset` of `userFactors`. */
  private estimate(userBias: number, userFactors: ArrayLike<number>, offset: number): Float64Array {
    const m = this.fitted("score");
    const k = m.itemFactors.dim;
    const q = m.itemFactors.data;
    const out = new Float64Array(m.itemFactors.rows);
    for (let i = 0; i < out.length; i++) {
      let s = m.globalMean + userBias + m.itemBias[i];
      const qo = i * k;
      for (let f = 0; f < k; f++) s += userFactors[offset + f] * q[qo + f];
      out[i] = s;
    }
    return out;
  }

  /** Estimates clipped to the rating scale: the predicted ratings. */
  private clip(estimates: Float64Array): Float32Array {
    const { minRating, maxRating } = this.config;
    const out = new Float32Array(estimates.length);
    for (let i = 0; i < out.length; i++) out[i] = Math.min(maxRating, Math.max(minRating, estimates[i]));
    return out;
  }
}
