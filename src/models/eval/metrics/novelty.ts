/**
 * Novelty as the mean self-information of the recommended items,
 *
 *   novelty = (1/|U|) Σ_u (1/|L_u|) Σ_{i ∈ L_u} −log2( pop(i) ),   pop(i) = k_i / N
 *
 * where k_i is the number of training ratings of item i (each user rates a
 * movie at most once, so this is the number of users who rated it) and N the
 * number of users: pop(i) is the share of users who know the item. This is the
 * novelty of Zhou et al., "Solving the apparent diversity–accuracy dilemma of
 * recommender systems", PNAS 107(10), 2010 (mean of log2(N / k_i)), and the
 * "popularity-based item novelty" −log2 p(seen | i) of Vargas & Castells, "Rank
 * and Relevance in Novelty and Diversity Metrics for Recommender Systems",
 * RecSys 2011. Higher means less obvious recommendations, in bits: an item
 * every user rated is worth 0, one rated by half of them 1.
 *
 * An item with no training rating would carry infinite information; it is
 * counted as rated once (log2 N bits, the most an observed item can carry) so
 * one cold item cannot make the mean infinite. Empty lists are skipped; with no
 * non-empty list the result is NaN.
 */
export function novelty(lists: Iterable<ArrayLike<number>>, itemDegree: ArrayLike<number>, nUsers: number): number {
  if (!(nUsers >= 1)) throw new RangeError(`novelty needs at least one user, got ${nUsers}`);
  let sum = 0;
  let counted = 0;
  for (const list of lists) {
    if (list.length === 0) continue;
    let listSum = 0;
    for (let r = 0; r < list.length; r++) {
      const item = list[r];
      if (!(item >= 0 && item < itemDegree.length)) throw new RangeError(`item ${item} has no popularity (${itemDegree.length} items)`);
      listSum -= Math.log2(Math.max(itemDegree[item], 1) / nUsers);
    }
    sum += listSum / list.length;
    counted++;
  }
  return counted > 0 ? sum / counted : Number.NaN;
}
