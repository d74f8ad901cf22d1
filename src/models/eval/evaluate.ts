import type { Interactions } from "../data/interactions.js";
import { RatingMatrix } from "../data/rating-matrix.js";
import type { EpochReport, ModelKind, Recommender } from "../model.js";
import { averagePrecisionAtK } from "./metrics/average-precision-at-k.js";
import { averagePrecisionOverRelevant } from "./metrics/average-precision-over-relevant.js";
import { catalogCoverage } from "./metrics/catalog-coverage.js";
import { hitRateAtK } from "./metrics/hit-rate-at-k.js";
import { mae } from "./metrics/mae.js";
import { ndcgAtK } from "./metrics/ndcg-at-k.js";
import { novelty } from "./metrics/novelty.js";
import { precisionAtK } from "./metrics/precision-at-k.js";
import { recallAtK } from "./metrics/recall-at-k.js";
import { rmse } from "./metrics/rmse.js";
import { applySplit, kFold } from "./splits.js";

/** Which test ratings count as relevant: those of at least `minRating` stars, or every rated item ("any"). */
export type Relevance = { minRating: number } | "any";

/** A model to compare, created fresh for every evaluation (and every fold). */
export interface ModelEntry {
  name: string;
  create: () => Recommender;
}

export interface EvaluateOptions {
  /** Size of the user index space shared by train and test. */
  nUsers: number;
  /** Size of the item index space: the catalogue of coverage. */
  nItems: number;
  /** What the models are fit on; also the source of item popularity (novelty) and of the items a user has seen. */
  train: Interactions;
  /** What they are measured on. */
  test: Interactions;
  /** Fit and evaluated in this order, each on the same training matrix. */
  models: ModelEntry[];
  /** Cut-off of the ranking metrics, catalogue coverage and novelty. */
  k: number;
  /** Which test ratings are relevant for the ranking metrics. */
  relevance: Relevance;
  /** Cut-offs of the precision–recall curve (default [1, 5, 10, 20]). */
  ks?: number[];
  /**
   * The items a top K is drawn from, before a user's own training items are
   * removed: "trained" (default) = items with at least one training rating,
   * "all" = the whole catalogue. Ranking items nobody rated in training asks a
   * collaborative model to rank items it knows nothing about; Microsoft
   * Recommenders likewise ranks the items of the training set that the user
   * has not rated. Either way a relevant test item outside the candidates still
   * counts in the user's |relevant|, so cold test items cap recall below 1.
   */
  candidates?: "trained" | "all";
  /** Predictions are clipped to this range before RMSE/MAE (default MovieLens' half-star scale [0.5, 5]). */
  ratingRange?: readonly [number, number];
}

/** Ranking metrics at the evaluation's K, averaged over the users with at least one relevant test item. */
export interface RankingMetrics {
  precision: number;
  recall: number;
  ndcg: number;
  /** Mean of AP@K with the min(K, |relevant|) denominator (Recommenders' map_at_k). */
  map: number;
  /**
   * Mean of AP@K with the |relevant| denominator (Recommenders' `map`): only
   * for comparing with tables computed that way; not a headline number.
   */
  mapOverRelevant: number;
  hitRate: number;
  /** Share of the whole catalogue in some evaluated user's top K. */
  coverage: number;
  /** Mean self-information of the recommended items, in bits, with popularity from the training set. */
  novelty: number;
}

/** One point of the precision–recall curve. */
export interface CurvePoint {
  k: number;
  precision: number;
  recall: number;
}

export interface ModelEvaluation {
  name: string;
  kind: ModelKind;
  predictsRatings: boolean;
  /** Wall-clock time of fit. */
  fitSeconds: number;
  /** Time to score and rank every test user, for spotting a model that is slow to serve. */
  evaluateSeconds: number;
  /** The training curve, as reported by fit. */
  epochs: EpochReport[];
  /** Over every test rating; null when the model does not predict ratings or there is no test rating. */
  rmse: number | null;
  mae: number | null;
  /** NaN throughout when no test user has a relevant item. */
  ranking: RankingMetrics;
  /** Precision and recall at each of the evaluation's ks. */
  curve: CurvePoint[];
}

/** The settings an evaluation ran with, what it ran on, and one entry per model in the order given. */
export interface EvaluationResult {
  k: number;
  ks: number[];
  relevance: Relevance;
  candidates: "trained" | "all";
  nUsers: number;
  nItems: number;
  /** Number of training ratings. */
  trainSize: number;
  /** Number of test ratings. */
  testSize: number;
  /** Test users with at least one relevant item: the population of the ranking metrics. */
  rankedUsers: number;
  /** How many ratings of each value the train and test sets hold, by ascending rating. */
  ratingDistribution: Array<{ rating: number; train: number; test: number }>;
  models: ModelEvaluation[];
}

/** The headline numbers of one model, flat, for tables and cross-validation. */
export const SUMMARY_KEYS = ["rmse", "mae", "precision", "recall", "ndcg", "map", "hitRate", "coverage", "novelty", "fitSeconds"] as const;
export type SummaryKey = (typeof SUMMARY_KEYS)[number];

/** A model's headline numbers; null where a metric does not apply or could not be measured. */
export function summaryOf(model: ModelEvaluation): Record<SummaryKey, number | null> {
  const finite = (x: number | null) => (x !== null && Number.isFinite(x) ? x : null);
  const r = model.ranking;
  return {
    rmse: finite(model.rmse),
    mae: finite(model.mae),
    precision: finite(r.precision),
    recall: finite(r.recall),
    ndcg: finite(r.ndcg),
    map: finite(r.map),
    hitRate: finite(r.hitRate),
    coverage: finite(r.coverage),
    novelty: finite(r.novelty),
    fitSeconds: model.fitSeconds,
  };
}

const DEFAULT_KS = [1, 5, 10, 20];
const DEFAULT_RATING_RANGE = [0.5, 5] as const;

/**
 * Fits each model on `train` and measures it on `test`: RMSE/MAE over every
 * test rating for models that predict ratings, and top-K ranking metrics over
 * the users with at least one relevant test item. A user's top K is drawn from
 * the candidate items minus those the user rated in training (the Microsoft
 * Recommenders protocol: never recommend what the user has already seen), with
 * equal scores ordered by item index so results never depend on sort
 * stability. Models run one after another, each on the same RatingMatrix.
 */
export async function evaluateModels(options: EvaluateOptions): Promise<EvaluationResult> {
  const { nUsers, nItems, train, test, models, k, relevance } = options;
  const ks = options.ks ?? DEFAULT_KS;
  const candidates = options.candidates ?? "trained";
  const ratingRange = options.ratingRange ?? DEFAULT_RATING_RANGE;
  checkCutoff(k, "k");
  for (const cutoff of ks) checkCutoff(cutoff, "every K of ks");
  if (relevance !== "any" && !Number.isFinite(relevance.minRating)) {
    throw new RangeError(`relevance.minRating must be a finite number, got ${relevance.minRating}`);
  }
  if (!(ratingRange[0] <= ratingRange[1])) throw new RangeError(`ratingRange [${ratingRange[0]}, ${ratingRange[1]}] is empty`);

  const trainMatrix = new RatingMatrix(nUsers, nItems, train);
  const testMatrix = new RatingMatrix(nUsers, nItems, test);
  const itemDegree = new Int32Array(nItems);
  const candidateMask = new Uint8Array(nItems);
  for (let i = 0; i < nItems; i++) {
    itemDegree[i] = trainMatrix.itemDegree(i);
    candidateMask[i] = candidates === "all" || itemDegree[i] > 0 ? 1 : 0;
  }
  const relevantByUser = relevantSets(testMatrix, relevance);
  const context: EvaluationContext = {
    trainMatrix,
    testMatrix,
    itemDegree,
    candidateMask,
    relevantByUser,
    k,
    ks,
    ratingRange,
  };

  const evaluations: ModelEvaluation[] = [];
  for (const entry of models) evaluations.push(await evaluateModel(entry, context));
  return {
    k,
    ks: [...ks],
    relevance,
    candidates,
    nUsers,
    nItems,
    trainSize: train.users.length,
    testSize: test.users.length,
    rankedUsers: relevantByUser.reduce((n, set) => n + (set ? 1 : 0), 0),
    ratingDistribution: ratingDistribution(train, test),
    models: evaluations,
  };
}

export interface CrossValidateOptions extends Omit<EvaluateOptions, "train" | "test"> {
  /** Every rating; each fold holds out one k-th of it. */
  data: Interactions;
  /** Number of folds (default 5). */
  folds?: number;
  /** Seed of the fold assignment (default 42). */
  seed?: number;
}

/** Mean and sample standard deviation of a metric over the folds where it was measured; null where it never was. */
export interface FoldStatistic {
  mean: number | null;
  std: number | null;
}

export interface CrossValidationResult {
  /** The full evaluation of each fold. */
  folds: EvaluationResult[];
  models: Array<{ name: string; kind: ModelKind; metrics: Record<SummaryKey, FoldStatistic> }>;
}

/**
 * k-fold cross-validation: `kFold` deals the ratings into folds, each fold is
 * evaluated as the test set against the others with `evaluateModels`, and
 * every headline metric is summarised by its mean and sample standard
 * deviation (n − 1 denominator: the folds are a sample of possible splits).
 * The spread is optimistic, since the folds' training sets overlap
 * (Bengio & Grandvalet, "No Unbiased Estimator of the Variance of K-Fold
 * Cross-Validation", JMLR 5, 2004).
 */
export async function crossValidate(options: CrossValidateOptions): Promise<CrossValidationResult> {
  const { data, folds = 5, seed = 42, ...rest } = options;
  const results: EvaluationResult[] = [];
  for (const split of kFold(data, { k: folds, seed })) {
    results.push(await evaluateModels({ ...rest, ...applySplit(data, split) }));
  }
  const models = rest.models.map((entry, m) => {
    const summaries = results.map((result) => summaryOf(result.models[m]));
    const metrics = {} as Record<SummaryKey, FoldStatistic>;
    for (const key of SUMMARY_KEYS) {
      metrics[key] = statistic(summaries.map((s) => s[key]).filter((x): x is number => x !== null));
    }
    return { name: entry.name, kind: results[0].models[m].kind, metrics };
  });
  return { folds: results, models };
}

/**
 * The indices of the k highest scores among the candidates (mask[i] ≠ 0, or
 * every item without a mask), best first. Equal scores come in ascending item
 * order and NaN ranks below every number, so the result is fully determined.
 *
 * A bounded min-heap holds the best k seen so far (its root is the worst of
 * them), so one pass costs O(n log k) rather than the O(n log n) of sorting
 * all n items for every user. Items arrive in ascending order, so an item that
 * only ties the root is worse than it and can be skipped.
 */
export function topK(scores: ArrayLike<number>, k: number, mask?: Uint8Array): Int32Array {
  const heapItems = new Int32Array(k);
  const heapScores = new Float64Array(k);
  let size = 0;
  for (let i = 0; i < scores.length; i++) {
    if (mask !== undefined && mask[i] === 0) continue;
    const raw = scores[i];
    const score = raw === raw ? raw : Number.NEGATIVE_INFINITY;
    if (size < k) {
      heapItems[size] = i;
      heapScores[size] = score;
      siftUp(heapItems, heapScores, size++);
    } else if (k > 0 && score > heapScores[0]) {
      heapItems[0] = i;
      heapScores[0] = score;
      siftDown(heapItems, heapScores, size);
    }
  }
  // The heap now holds the answer; ordering its k entries costs O(k log k).
  const order = Array.from({ length: size }, (_, j) => j);
  order.sort((a, b) => heapScores[b] - heapScores[a] || heapItems[a] - heapItems[b]);
  return Int32Array.from(order, (j) => heapItems[j]);
}

interface EvaluationContext {
  trainMatrix: RatingMatrix;
  testMatrix: RatingMatrix;
  itemDegree: Int32Array;
  candidateMask: Uint8Array;
  relevantByUser: Array<Set<number> | null>;
  k: number;
  ks: number[];
  ratingRange: readonly [number, number];
}

async function evaluateModel(entry: ModelEntry, context: EvaluationContext): Promise<ModelEvaluation> {
  const { trainMatrix, testMatrix, itemDegree, candidateMask, relevantByUser, k, ks, ratingRange } = context;
  const model = entry.create();
  const epochs: EpochReport[] = [];
  const fitStart = performance.now();
  try {
    await model.fit(trainMatrix, { onEpoch: (report) => epochs.push({ ...report }) });
  } catch (error) {
    throw new Error(`model "${entry.name}" failed to fit: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const fitSeconds = (performance.now() - fitStart) / 1000;

  const evaluateStart = performance.now();
  const depth = Math.max(k, ...ks);
  const mask = candidateMask.slice();
  const predicted = new Float64Array(model.predictsRatings ? testMatrix.nnz : 0);
  const actual = new Float64Array(predicted.length);
  let pairs = 0;
  const lists: Int32Array[] = [];
  const sums = { precision: 0, recall: 0, ndcg: 0, map: 0, mapOverRelevant: 0, hitRate: 0 };
  const curveSums = ks.map(() => ({ precision: 0, recall: 0 }));

  for (let u = 0; u < trainMatrix.nUsers; u++) {
    const tested = testMatrix.userRow(u);
    const relevant = relevantByUser[u];
    if (tested.items.length === 0 || (relevant === null && !model.predictsRatings)) continue;
    const scores = model.scoreUser(u);
    if (model.predictsRatings) {
      for (let j = 0; j < tested.items.length; j++) {
        predicted[pairs] = Math.min(ratingRange[1], Math.max(ratingRange[0], scores[tested.items[j]]));
        actual[pairs++] = tested.ratings[j];
      }
    }
    if (relevant === null) continue;
    const seen = trainMatrix.userRow(u).items;
    for (let j = 0; j < seen.length; j++) mask[seen[j]] = 0;
    const ranked = topK(model.rankUser ? model.rankUser(u) : scores, depth, mask);
    for (let j = 0; j < seen.length; j++) mask[seen[j]] = candidateMask[seen[j]];
    sums.precision += precisionAtK(ranked, relevant, k);
    sums.recall += recallAtK(ranked, relevant, k);
    sums.ndcg += ndcgAtK(ranked, relevant, k);
    sums.map += averagePrecisionAtK(ranked, relevant, k);
    sums.mapOverRelevant += averagePrecisionOverRelevant(ranked, relevant, k);
    sums.hitRate += hitRateAtK(ranked, relevant, k);
    ks.forEach((cutoff, c) => {
      curveSums[c].precision += precisionAtK(ranked, relevant, cutoff);
      curveSums[c].recall += recallAtK(ranked, relevant, cutoff);
    });
    lists.push(ranked.subarray(0, k));
  }

  const n = lists.length;
  const hasRatings = model.predictsRatings && pairs > 0;
  return {
    name: entry.name,
    kind: model.kind,
    predictsRatings: model.predictsRatings,
    fitSeconds,
    evaluateSeconds: (performance.now() - evaluateStart) / 1000,
    epochs,
    rmse: hasRatings ? rmse(predicted.subarray(0, pairs), actual.subarray(0, pairs)) : null,
    mae: hasRatings ? mae(predicted.subarray(0, pairs), actual.subarray(0, pairs)) : null,
    ranking: {
      precision: sums.precision / n,
      recall: sums.recall / n,
      ndcg: sums.ndcg / n,
      map: sums.map / n,
      mapOverRelevant: sums.mapOverRelevant / n,
      hitRate: sums.hitRate / n,
      coverage: n > 0 ? catalogCoverage(lists, trainMatrix.nItems) : Number.NaN,
      novelty: n > 0 ? novelty(lists, itemDegree, trainMatrix.nUsers) : Number.NaN,
    },
    curve: ks.map((cutoff, c) => ({ k: cutoff, precision: curveSums[c].precision / n, recall: curveSums[c].recall / n })),
  };
}

/** Each user's relevant test items, or null when there are none (the user is left out of ranking metrics). */
function relevantSets(testMatrix: RatingMatrix, relevance: Relevance): Array<Set<number> | null> {
  const out: Array<Set<number> | null> = [];
  for (let u = 0; u < testMatrix.nUsers; u++) {
    const { items, ratings } = testMatrix.userRow(u);
    const set = new Set<number>();
    for (let j = 0; j < items.length; j++) if (relevance === "any" || ratings[j] >= relevance.minRating) set.add(items[j]);
    out.push(set.size > 0 ? set : null);
  }
  return out;
}

function ratingDistribution(train: Interactions, test: Interactions): EvaluationResult["ratingDistribution"] {
  const counts = new Map<number, { train: number; test: number }>();
  const bump = (rating: number, side: "train" | "test") => {
    const entry = counts.get(rating) ?? { train: 0, test: 0 };
    entry[side]++;
    counts.set(rating, entry);
  };
  for (const rating of train.ratings) bump(rating, "train");
  for (const rating of test.ratings) bump(rating, "test");
  return [...counts.entries()].sort(([a], [b]) => a - b).map(([rating, c]) => ({ rating, ...c }));
}

function statistic(values: number[]): FoldStatistic {
  if (values.length === 0) return { mean: null, std: null };
  const mean = values.reduce((s, x) => s + x, 0) / values.length;
  if (values.length === 1) return { mean, std: 0 };
  const squares = values.reduce((s, x) => s + (x - mean) ** 2, 0);
  return { mean, std: Math.sqrt(squares / (values.length - 1)) };
}

function checkCutoff(k: number, what: string): void {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`${what} must be a positive integer, got ${k}`);
}

/** Heap order: a is worse than b when it scores lower, or the same with a higher item index. */
function worse(items: Int32Array, scores: Float64Array, a: number, b: number): boolean {
  return scores[a] < scores[b] || (scores[a] === scores[b] && items[a] > items[b]);
}

function siftUp(items: Int32Array, scores: Float64Array, index: number): void {
  let child = index;
  while (child > 0) {
    const parent = (child - 1) >> 1;
    if (!worse(items, scores, child, parent)) return;
    swapEntries(items, scores, child, parent);
    child = parent;
  }
}

function siftDown(items: Int32Array, scores: Float64Array, size: number): void {
  let parent = 0;
  for (;;) {
    const left = 2 * parent + 1;
    if (left >= size) return;
    const right = left + 1;
    const child = right < size && worse(items, scores, right, left) ? right : left;
    if (!worse(items, scores, child, parent)) return;
    swapEntries(items, scores, child, parent);
    parent = child;
  }
}

function swapEntries(items: Int32Array, scores: Float64Array, a: number, b: number): void {
  const item = items[a];
  items[a] = items[b];
  items[b] = item;
  const score = scores[a];
  scores[a] = scores[b];
  scores[b] = score;
}
