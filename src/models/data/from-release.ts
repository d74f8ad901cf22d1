import type { Release } from "../../ingest/release.js";
import { Growable } from "../store/growable.js";
import { IdIndex, type RatingData } from "./interactions.js";

/**
 * Ratings straight from a release folder's files, for benchmarks that measure
 * training without a database in the loop. Indices follow ascending ids, as
 * when the ratings are read from the graph.
 */
export async function ratingDataFromRelease(release: Release): Promise<RatingData> {
  const users = new Growable((n) => new Int32Array(n));
  const items = new Growable((n) => new Int32Array(n));
  const ratings = new Growable((n) => new Float32Array(n));
  const timestamps = new Growable((n) => new Float64Array(n));
  const movieIds: number[] = [];
  for await (const { value } of release.movies()) movieIds.push(value.id);
  const userIds = new Set<number>();
  for await (const { value } of release.ratings()) {
    users.push(value.userId);
    items.push(value.movieId);
    ratings.push(value.rating);
    timestamps.push(value.timestamp);
    userIds.add(value.userId);
  }
  const userIndex = new IdIndex(Int32Array.from([...userIds].sort((a, b) => a - b)));
  const itemIndex = new IdIndex(Int32Array.from(movieIds.sort((a, b) => a - b)));
  const u = users.toArray();
  const i = items.toArray();
  for (let k = 0; k < u.length; k++) {
    u[k] = userIndex.indexOf(u[k]);
    i[k] = itemIndex.indexOf(i[k]);
  }
  return { users: userIndex, items: itemIndex, interactions: { users: u, items: i, ratings: ratings.toArray(), timestamps: timestamps.toArray() } };
}
