import { createHash } from "node:crypto";

/**
 * Ranked lists remembered by everything that decides them: the user, the
 * model versions, the request, and a digest of the user's live ratings. A
 * rating written since (by this process or anyone else) changes the digest,
 * so a cached list is never stale; the cache only saves the scoring.
 */
export class RankedCache<T> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly capacity = 10_000) {}

  get(key: string): T | undefined {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // Re-inserting marks the entry as the most recently used one.
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }
}

/** SHA-1 of the (movie id, rating) pairs in the order the graph returned them. */
export function ratingsDigest(ratings: ReadonlyArray<readonly [number, number]>): string {
  const values = new Float64Array(ratings.length * 2);
  ratings.forEach(([movieId, rating], k) => {
    values[2 * k] = movieId;
    values[2 * k + 1] = rating;
  });
  return createHash("sha1").update(new Uint8Array(values.buffer)).digest("base64url");
}
