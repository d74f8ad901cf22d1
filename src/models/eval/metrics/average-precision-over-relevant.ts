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
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`K must be a positive integer, got ${k}`);
  if (relevant.size === 0) return 0;
  const depth = Math.min(k, ranked.length);
  let hits = 0;
  let sum = 0;
  for (let i = 0; i < depth; i++) {
    if (!relevant.has(ranked[i])) continue;
    hits++;
    sum += hits / (i + 1);
  }
  return sum / relevant.size;
}
