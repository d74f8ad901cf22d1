import type { Random } from "../common/random.js";
import type { Matrix32 } from "../models/model.js";

/** Latency percentiles of a series of timed calls, in milliseconds. */
export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles (the smallest value with at least p% of the samples at or below it). */
export function summarizeLatency(samplesMs: readonly number[]): LatencySummary {
  if (samplesMs.length === 0) throw new RangeError("no latency samples to summarise");
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const at = (p: number) => round3(sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]);
  return { p50: at(50), p95: at(95), p99: at(99), max: round3(sorted[sorted.length - 1]) };
}

/**
 * Recall@k of an approximate answer against exact scores, counting a returned
 * item as found when its exact score reaches the k-th best exact score. That
 * is the ann-benchmarks convention: where many items tie at the cut (movies
 * with the same genres and no tags share one content embedding), any of them
 * is a correct answer, and comparing id sets would punish the index for
 * picking a different one. `epsilon` absorbs rounding between equal scores.
 */
export function recallAtK(exactScore: (item: number) => number, kthBest: number, returned: ArrayLike<number>, k: number, epsilon = 1e-6): number {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  const threshold = cutThreshold(kthBest, epsilon);
  const found = new Set<number>();
  for (let j = 0; j < Math.min(k, returned.length); j++) {
    if (exactScore(returned[j]) >= threshold) found.add(returned[j]);
  }
  return found.size / k;
}

/** The lowest score that counts as reaching `kthBest`: equal up to rounding. */
export function cutThreshold(kthBest: number, epsilon = 1e-6): number {
  return kthBest - epsilon * Math.max(1, Math.abs(kthBest));
}

/** Share of the exact top-k ids that the approximate answer's first k contain (ties not forgiven). */
export function idOverlap(exactTop: ArrayLike<number>, returned: ArrayLike<number>, k: number): number {
  const exact = new Set(Array.from(exactTop).slice(0, k));
  const hits = new Set(Array.from(returned).slice(0, k).filter((id) => exact.has(id)));
  return hits.size / k;
}

/**
 * Item vectors with a bias folded in as one more coordinate, so that
 * b_i + p_u·q_i = [p_u, 1]·[q_i, b_i] is a pure inner product (see `foldQuery`).
 * Without a bias the vectors are returned as they are.
 */
export function foldItems(factors: Matrix32, bias?: Float32Array): Matrix32 {
  if (!bias) return factors;
  if (bias.length !== factors.rows) throw new RangeError(`${bias.length} biases for ${factors.rows} items`);
  const dim = factors.dim + 1;
  const data = new Float32Array(factors.rows * dim);
  for (let i = 0; i < factors.rows; i++) {
    data.set(factors.data.subarray(i * factors.dim, (i + 1) * factors.dim), i * dim);
    data[i * dim + factors.dim] = bias[i];
  }
  return { rows: factors.rows, dim, data };
}

/** The user side of `foldItems`: the user's factors, with a 1 where the items carry their bias. */
export function foldQuery(factors: ArrayLike<number>, withBias: boolean): Float32Array {
  const out = new Float32Array(factors.length + (withBias ? 1 : 0));
  out.set(Array.from(factors));
  if (withBias) out[factors.length] = 1;
  return out;
}

/**
 * The maximum-inner-product-search transform of Bachrach et al. ("Speeding
 * up the Xbox recommender system using a Euclidean transformation for
 * inner-product spaces", RecSys 2014, §4): each item v becomes
 * [v, √(M² − ‖v‖²)] with M the largest item norm, so every item has norm M.
 * A query q becomes [q, 0] (`mipsQuery`); then q'·v' = q·v, and since all v'
 * have the same norm, both cosine and Euclidean nearest neighbours of q' rank
 * items exactly by q·v.
 */
export function mipsItems(items: Matrix32): { matrix: Matrix32; maxNorm: number } {
  const { rows, dim, data } = items;
  const norms2 = new Float64Array(rows);
  let max2 = 0;
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let c = 0; c < dim; c++) s += data[i * dim + c] ** 2;
    norms2[i] = s;
    max2 = Math.max(max2, s);
  }
  const out = new Float32Array(rows * (dim + 1));
  for (let i = 0; i < rows; i++) {
    out.set(data.subarray(i * dim, (i + 1) * dim), i * (dim + 1));
    // Rounding can push the longest vector's difference a hair below zero.
    out[i * (dim + 1) + dim] = Math.sqrt(Math.max(0, max2 - norms2[i]));
  }
  return { matrix: { rows, dim: dim + 1, data: out }, maxNorm: Math.sqrt(max2) };
}

/** The query side of `mipsItems`: a 0 appended, which keeps q'·v' = q·v. */
export function mipsQuery(query: ArrayLike<number>): Float32Array {
  const out = new Float32Array(query.length + 1);
  out.set(Array.from(query));
  return out;
}

/** Inner product of `query` with every row of `items`. */
export function innerProducts(items: Matrix32, query: ArrayLike<number>): Float64Array {
  const { rows, dim, data } = items;
  if (query.length !== dim) throw new RangeError(`a query of ${query.length} values for vectors of ${dim}`);
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let c = 0; c < dim; c++) s += query[c] * data[i * dim + c];
    out[i] = s;
  }
  return out;
}

/** Cosine of `query` with every row of `items` (0 for a zero vector on either side). */
export function cosines(items: Matrix32, query: ArrayLike<number>): Float64Array {
  const dots = innerProducts(items, query);
  let q2 = 0;
  for (let c = 0; c < query.length; c++) q2 += query[c] ** 2;
  for (let i = 0; i < items.rows; i++) {
    let v2 = 0;
    for (let c = 0; c < items.dim; c++) v2 += items.data[i * items.dim + c] ** 2;
    dots[i] = q2 > 0 && v2 > 0 ? dots[i] / Math.sqrt(q2 * v2) : 0;
  }
  return dots;
}

/** `count` distinct values drawn from `pool` in draw order (all of them, shuffled, when count ≥ pool size). */
export function sampleDistinct(pool: readonly number[], count: number, random: Random): number[] {
  const copy = [...pool];
  const n = Math.min(count, copy.length);
  for (let j = 0; j < n; j++) {
    const pick = j + random.int(copy.length - j);
    [copy[j], copy[pick]] = [copy[pick], copy[j]];
  }
  return copy.slice(0, n);
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
