import { createHash } from "node:crypto";

/**
 * SHA-1 of the (movie id, rating) pairs in the order the graph returned them.
 * Ranked lists are cached under it with the user, the model versions and the
 * request: a rating written since (by this process or anyone else) changes the
 * digest, so a cached list is never stale; the cache only saves the scoring.
 */
export function ratingsDigest(ratings: ReadonlyArray<readonly [number, number]>): string {
  const values = new Float64Array(ratings.length * 2);
  ratings.forEach(([movieId, rating], k) => {
    values[2 * k] = movieId;
    values[2 * k + 1] = rating;
  });
  return createHash("sha1").update(new Uint8Array(values.buffer)).digest("base64url");
}
