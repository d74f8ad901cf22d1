import { precisionsAtHits } from "./average-precision-at-k.js";

/**
 * Average precision of the first K items over all of a user's relevant items,
 * with binary relevance:
 *
 *   AP_rel@K = ( Σ_{r=1}^{min(K, |ranked|)} P@r · rel(ranked[r]) ) / |relevant|
 *
 * The same sum as averagePrecisionAtK, divided by |relevant| instead of
 * min(K, |relevant|): the Microsoft Recommenders library's `map` (which
 * follows Spark MLlib's RankingMetrics.meanAveragePrecision), and its
 * `map_at_k` before it was changed to the min(K, |relevant|) denominator. A
 * user with 25 relevant items scores at most 10/25 at K = 10, so this is lower
 * than AP@K whenever users have more than K relevant items; kept beside it
 * only to compare with tables computed that way, such as the MAP column of
 * their MovieLens benchmark.
 *
 * A user with no relevant items scores 0. `ranked` is best first and assumed
 * free of duplicates.
 */
export function averagePrecisionOverRelevant(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  const sum = precisionsAtHits(ranked, relevant, k);
  return relevant.size === 0 ? 0 : sum / relevant.size;
}
