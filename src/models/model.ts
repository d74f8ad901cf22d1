import type { RatingMatrix } from "./data/rating-matrix.js";

/** Every model the project trains. */
export type ModelKind =
  | "bias"
  | "popularity"
  | "item-knn"
  | "user-knn"
  | "mf"
  | "nmf"
  | "als"
  | "content"
  | "hybrid";

/** One epoch (or iteration) of training, reported while fitting. */
export interface EpochReport {
  epoch: number;
  /** The objective the model minimises, on the training data. */
  loss: number;
  seconds: number;
}

export interface FitContext {
  onEpoch?: (report: EpochReport) => void;
  /**
   * Models already fit on the same ratings, by kind: a model built from others
   * (the hybrid) takes these as its final components instead of fitting its own.
   */
  fitted?: ReadonlyMap<string, Recommender>;
}

/** A user the model has no row for: a new or anonymous visitor described by what they rated. */
export interface Profile {
  items: Int32Array;
  ratings: Float32Array;
}

/**
 * Everything a trained model needs to score, as plain typed arrays, so it can
 * be written to the graph (vectors as node properties, neighbours as
 * relationships) and read back into an equal model.
 */
export interface ModelState {
  kind: ModelKind;
  /** The validated configuration the model was trained with. */
  params: Record<string, unknown>;
  /** Scalars such as the global mean. */
  scalars: Record<string, number>;
  /** Per-user vectors, row-major: name → (nUsers × dim). */
  userVectors: Record<string, Matrix32>;
  /** Per-item vectors, row-major: name → (nItems × dim). */
  itemVectors: Record<string, Matrix32>;
  /** Top-K neighbours per item / per user, when the model keeps them. */
  itemNeighbors?: Neighbors;
  userNeighbors?: Neighbors;
}

export interface Matrix32 {
  rows: number;
  dim: number;
  data: Float32Array;
}

/**
 * Row r's neighbours are indices[r*k … r*k+count[r]-1], best first, with
 * their scores and supports: how many columns the two rows share (users who
 * rated both movies, movies both users rated), which the graph records on
 * each neighbour relationship for explanations.
 */
export interface Neighbors {
  k: number;
  count: Int32Array;
  indices: Int32Array;
  scores: Float32Array;
  support: Int32Array;
}

/**
 * The interface every model implements. Indices are dense (see IdIndex);
 * scores are "higher is better", and rating models score with predicted ratings.
 */
export interface Recommender {
  readonly kind: ModelKind;
  /** True when scores are predicted ratings (RMSE/MAE apply). */
  readonly predictsRatings: boolean;
  fit(train: RatingMatrix, context?: FitContext): Promise<void>;
  /** A score for every item for a user the model was trained with. */
  scoreUser(user: number): Float32Array;
  /** A score for every item for a user given only what they rated (fold-in for factor models). */
  scoreProfile(profile: Profile): Float32Array;
  /**
   * Scores to rank items by, for models whose best ranking is not their
   * predicted rating (a rating model ranks rarely rated movies with a few high
   * ratings first). Recommendation lists use these when present, scoreUser otherwise.
   */
  rankUser?(user: number): Float32Array;
  /** rankUser for a user given only what they rated. */
  rankProfile?(profile: Profile): Float32Array;
  toState(): ModelState;
}

/** Raised when a model cannot be fit on the data it was given (empty, wrong shape, diverged). */
export class FitError extends Error {
  override readonly name = "FitError";
}
