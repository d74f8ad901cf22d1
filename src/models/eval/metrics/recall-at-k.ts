/**
 * Recall at K for one user, with binary relevance:
 *
 *   R@K = |{ ranked[0 … K−1] } ∩ relevant| / |relevant|
 *
 * as in the Microsoft Recommenders library's recall_at_k (Manning, Raghavan &
 * Schütze, "Introduction to Information Retrieval", 2008, §8.3). When there are
 * more relevant items than K, 1 is out of reach; that is the point of the
 * measure. A user with no relevant items scores 0 (callers average only over
 * users with at least one). `ranked` is best first and assumed free of duplicates.
 */
export function recallAtK(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`K must be a positive integer, got ${k}`);
  if (relevant.size === 0) return 0;
  const depth = Math.min(k, ranked.length);
  let hits = 0;
  for (let i = 0; i < depth; i++) if (relevant.has(ranked[i])) hits++;
  return hits / relevant.size;
}
