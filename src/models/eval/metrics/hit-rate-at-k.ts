/**
 * Hit rate at K for one user: 1 when any of the first K ranked items is
 * relevant, else 0 (Deshpande & Karypis, "Item-Based Top-N Recommendation
 * Algorithms", ACM TOIS 22(1), 2004, §6.1; averaged over users it is the share
 * of users who got at least one useful recommendation). A user with no
 * relevant items scores 0.
 */
export function hitRateAtK(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`K must be a positive integer, got ${k}`);
  const depth = Math.min(k, ranked.length);
  for (let i = 0; i < depth; i++) if (relevant.has(ranked[i])) return 1;
  return 0;
}
