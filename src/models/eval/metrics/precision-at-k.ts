/**
 * Precision at K for one user, with binary relevance:
 *
 *   P@K = |{ ranked[0 … K−1] } ∩ relevant| / K
 *
 * The denominator is K even when the list is shorter than K: the empty slots
 * count as misses, as in the Microsoft Recommenders library's precision_at_k
 * and Spark MLlib's RankingMetrics.precisionAt (Manning, Raghavan & Schütze,
 * "Introduction to Information Retrieval", 2008, §8.4). A user with no relevant
 * items scores 0. `ranked` is best first and assumed free of duplicates.
 */
export function precisionAtK(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`K must be a positive integer, got ${k}`);
  const depth = Math.min(k, ranked.length);
  let hits = 0;
  for (let i = 0; i < depth; i++) if (relevant.has(ranked[i])) hits++;
  return hits / k;
}
