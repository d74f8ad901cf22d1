import { createHash } from "node:crypto";
import type { Database } from "../../db/database.js";
import { cypher } from "../../db/queries.js";
import type { ContentFeatures } from "../content/content-model.js";
import { IdIndex, type RatingData } from "../data/interactions.js";
import { Growable } from "./growable.js";

const Q = {
  userIds: cypher("train/user-ids"),
  movieIds: cypher("train/movie-ids"),
  ratings: cypher("train/ratings-by-user"),
  content: cypher("train/content-features"),
};

/** The ratings in the graph, packed into typed arrays over dense indices, plus a fingerprint of them. */
export interface TrainingData extends RatingData {
  /** SHA-256 of the packed ratings: equal fingerprints mean equal training data. */
  fingerprint: string;
}

/**
 * Streams every rating out of Neo4j into typed arrays (about 20 bytes per
 * rating), never into one object per rating. Users and movies without ratings
 * keep their index, so models can score them (cold start) and write to them.
 */
export async function loadTrainingData(db: Database, onProgress?: (ratings: number) => void): Promise<TrainingData> {
  const users = new IdIndex(Int32Array.from((await db.read(Q.userIds, {}, { timeoutMs: 0 })).map((r) => r.id as number)));
  const items = new IdIndex(Int32Array.from((await db.read(Q.movieIds, {}, { timeoutMs: 0 })).map((r) => r.id as number)));
  const u = new Growable((n) => new Int32Array(n));
  const i = new Growable((n) => new Int32Array(n));
  const r = new Growable((n) => new Float32Array(n));
  const t = new Growable((n) => new Float64Array(n));
  await db.stream(
    Q.ratings,
    {},
    (row) => {
      const user = users.indexOf(row.user as number);
      for (const [movieId, rating, timestamp] of row.ratings as Array<[number, number, number]>) {
        u.push(user);
        i.push(items.indexOf(movieId));
        r.push(rating);
        t.push(timestamp);
      }
      onProgress?.(u.length);
    },
    { timeoutMs: 0 },
  );
  const interactions = { users: u.toArray(), items: i.toArray(), ratings: r.toArray(), timestamps: t.toArray() };
  return { users, items, interactions, fingerprint: fingerprintOf(users, items, interactions) };
}

/** Genome vectors, genres and user tags of every movie, by the same item index as the ratings. */
export async function loadContentFeatures(db: Database, items: IdIndex): Promise<ContentFeatures> {
  const genres: string[][] = Array.from({ length: items.size }, () => []);
  const tags: string[][] = Array.from({ length: items.size }, () => []);
  const genomeItems = new Growable((n) => new Int32Array(n), 1024);
  const genomeRows: number[][] = [];
  await db.stream(
    Q.content,
    {},
    (row) => {
      const item = items.indexOf(row.id as number);
      if (item < 0) return;
      genres[item] = row.genres as string[];
      tags[item] = row.tags as string[];
      const genome = row.genome as number[] | null;
      if (genome) {
        genomeItems.push(item);
        genomeRows.push(genome);
      }
    },
    { timeoutMs: 0 },
  );
  const features: ContentFeatures = { nItems: items.size, genres, tags };
  if (genomeRows.length > 0) {
    const dim = genomeRows[0].length;
    const data = new Float32Array(genomeRows.length * dim);
    genomeRows.forEach((values, row) => data.set(values, row * dim));
    features.genome = { items: genomeItems.toArray(), dim, data };
  }
  return features;
}

function fingerprintOf(users: IdIndex, items: IdIndex, data: RatingData["interactions"]): string {
  const hash = createHash("sha256");
  for (const array of [users.ids, items.ids, data.users, data.items, data.ratings, data.timestamps]) {
    hash.update(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  }
  return hash.digest("hex");
}
