/**
 * Normalised discounted cumulative gain at K for one user, with binary
 * relevance and a log2 discount (Järvelin & Kekäläinen, "Cumulated Gain-Based
 * Evaluation of IR Techniques", ACM TOIS 20(4), 2002):
 *
 *   DCG@K  = Σ_{r=1}^{min(K, |ranked|)}   rel(ranked[r]) / log2(r + 1)
 *   IDCG@K = Σ_{r=1}^{min(K, |relevant|)} 1 / log2(r + 1)
 *   NDCG@K = DCG@K / IDCG@K
 *
 * IDCG places every relevant item at the top, but never more than K of them,
 * so a list of K hits scores 1 even when the user has more relevant items.
 * The base of the logarithm cancels in the ratio, so this equals the
 * Microsoft Recommenders ndcg_at_k with binary scores and either discount.
 * A user with no relevant items scores 0. `ranked` is best first and assumed
 * free of duplicates.
 */
export function ndcgAtK(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`K must be a positive integer, got ${k}`);
  if (relevant.size === 0) return 0;
  const depth = Math.min(k, ranked.length);
  let dcg = 0;
  for (let i = 0; i < depth; i++) if (relevant.has(ranked[i])) dcg += 1 / Math.log2(i + 2);
  const idealDepth = Math.min(k, relevant.size);
  let idcg = 0;
  for (let i = 0; i < idealDepth; i++) idcg += 1 / Math.log2(i + 2);
  return dcg / idcg;
}
