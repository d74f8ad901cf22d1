/**
 * Maximal marginal relevance (Carbonell and Goldstein, 1998): picks `k` of the
 * candidates one at a time, each time the one maximising
 *   (1 − λ) · relevance(i) − λ · max over picked j of similarity(i, j).
 * Relevance is the score min-max scaled over the candidates, so λ means the
 * same whatever scale a model's scores have. λ = 0 keeps the score order.
 * Ties go to the earlier candidate, so the result is deterministic.
 */
export function maximalMarginalRelevance(
  candidates: ArrayLike<number>,
  scores: ArrayLike<number>,
  k: number,
  lambda: number,
  similarity: (a: number, b: number) => number,
): number[] {
  const n = candidates.length;
  let min = Infinity;
  let max = -Infinity;
  for (let c = 0; c < n; c++) {
    const s = scores[candidates[c]];
    if (s < min) min = s;
    if (s > max) max = s;
  }
  const span = max - min;
  const relevance = Float64Array.from({ length: n }, (_, c) => (span > 0 ? (scores[candidates[c]] - min) / span : 1));
  // The largest similarity of each candidate to anything picked so far, updated after each pick.
  const closest = new Float64Array(n).fill(-Infinity);
  const taken = new Uint8Array(n);
  const picked: number[] = [];
  while (picked.length < Math.min(k, n)) {
    let best = -1;
    let bestValue = -Infinity;
    for (let c = 0; c < n; c++) {
      if (taken[c]) continue;
      const redundancy = picked.length === 0 ? 0 : closest[c];
      const value = (1 - lambda) * relevance[c] - lambda * redundancy;
      if (value > bestValue) {
        best = c;
        bestValue = value;
      }
    }
    taken[best] = 1;
    picked.push(candidates[best]);
    for (let c = 0; c < n; c++) {
      if (!taken[c]) closest[c] = Math.max(closest[c], similarity(candidates[c], candidates[best]));
    }
  }
  return picked;
}
