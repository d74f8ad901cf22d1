/**
 * Average precision at K for one user, with binary relevance:
 *
 *   AP@K = ( Σ_{r=1}^{min(K, |ranked|)} P@r · rel(ranked[r]) ) / min(K, |relevant|)
 *
 * where P@r is the precision of the first r items. This is the definition of
 * the Microsoft Recommenders library's map_at_k (which follows Spark MLlib's
 * RankingMetrics.meanAveragePrecisionAt): the denominator is capped at K, so a
 * list whose K items are all relevant scores 1 even when the user has more
 * relevant items. Their `map` (no "_at_k") instead divides by |relevant|, which
 * caps a user with 20 relevant items at 10/20 for K = 10; the mean of AP@K over
 * users is what the harness reports as MAP@K.
 *
 * A user with no relevant items scores 0. `ranked` is best first and assumed
 * free of duplicates.
 */
export function averagePrecisionAtK(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  const sum = precisionsAtHits(ranked, relevant, k);
  return relevant.size === 0 ? 0 : sum / Math.min(k, relevant.size);
}

/** Σ P@r over the ranks r ≤ K that hold a relevant item: the numerator of every average precision. */
export function precisionsAtHits(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`K must be a positive integer, got ${k}`);
  const depth = Math.min(k, ranked.length);
  let hits = 0;
  let sum = 0;
  for (let i = 0; i < depth; i++) {
    if (!relevant.has(ranked[i])) continue;
    hits++;
    sum += hits / (i + 1);
  }
  return sum;
}
