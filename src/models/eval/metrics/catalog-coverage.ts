/**
 * Catalogue coverage: the share of the catalogue that appears in at least one
 * user's recommendation list,
 *
 *   coverage = |⋃_u top-K(u)| / |catalogue|
 *
 * ("catalog coverage" in Ge, Delgado-Battenfeld & Jannach, "Beyond Accuracy:
 * Evaluating Recommender Systems by Coverage and Serendipity", RecSys 2010;
 * Herlocker et al., ACM TOIS 22(1), 2004, §5.1). A popularity ranking covers
 * little more than K items; a personalised one should cover many more.
 *
 * `lists` are the users' top-K lists (already cut at K); the catalogue is every
 * item index in [0, nItems), whether or not anyone could be recommended it.
 */
export function catalogCoverage(lists: Iterable<ArrayLike<number>>, nItems: number): number {
  if (!Number.isInteger(nItems) || nItems < 0) throw new RangeError(`the catalogue size must be a non-negative integer, got ${nItems}`);
  if (nItems === 0) return 0;
  const seen = new Uint8Array(nItems);
  let distinct = 0;
  for (const list of lists) {
    for (let r = 0; r < list.length; r++) {
      const item = list[r];
      if (!(item >= 0 && item < nItems)) throw new RangeError(`item ${item} is outside a catalogue of ${nItems}`);
      if (seen[item] === 0) {
        seen[item] = 1;
        distinct++;
      }
    }
  }
  return distinct / nItems;
}
