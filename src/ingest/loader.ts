import { statSync } from "node:fs";
import { basename } from "node:path";
import type { Database } from "../db/database.js";
import { cypher } from "../db/queries.js";
import { applySchema } from "../graph/schema.js";
import { chunks, writeInBatches } from "./batches.js";
import { DEFAULT_TAG_SELECTION, genomeVectors, selectTopTags, type TagSelection } from "./genome.js";
import { silentProgress, type ProgressReporter } from "./progress.js";
import type { Release } from "./release.js";
import { validateRelease, type ReleasePlan } from "./validate.js";
import { currentDataset, graphCounts, wipeGraph, type GraphCounts } from "../graph/dataset.js";

const Q = {
  genres: cypher("load/genres"),
  movies: cypher("load/movies"),
  links: cypher("load/links"),
  users: cypher("load/users"),
  ratings: cypher("load/ratings"),
  ratingsCreate: cypher("load/ratings-create"),
  nodeKeys: cypher("load/node-keys"),
  tags: cypher("load/tags"),
  genomeTags: cypher("load/genome-vocabulary"),
  genomeMovies: cypher("load/genome-movies"),
  begin: cypher("dataset/begin"),
  complete: cypher("dataset/complete"),
};

/** The graph already holds another release and the caller did not ask to replace it. */
export class LoadRefusedError extends Error {
  override readonly name = "LoadRefusedError";
}

export interface LoadOptions {
  /** Delete whatever the graph holds first, so another release can be loaded. */
  replace?: boolean;
  /** Rows per write transaction. */
  batchSize?: number;
  /** Concurrent rating transactions on a first load (later loads MERGE one batch at a time). */
  writers?: number;
  tagSelection?: TagSelection;
  progress?: ProgressReporter;
}

export interface LoadSummary {
  dataset: string;
  format: string;
  counts: GraphCounts;
  rows: ReleasePlan["rows"];
  warnings: string[];
  /** Wall time of the whole load: validation, schema, every stage. */
  seconds: number;
  /** Wall time of each write stage. */
  stageSeconds: Record<string, number>;
  /** Ratings written per second during the ratings stage (the bulk path: during the import). */
  ratingsPerSecond: number;
}

/**
 * Loads a release: validate everything, then write in batches under a
 * Dataset marker that stays "loading" until the last batch is in. Every write
 * is a MERGE, so re-running a load (after a failure, or of the same folder)
 * converges to the same graph.
 */
export async function loadRelease(db: Database, release: Release, options: LoadOptions = {}): Promise<LoadSummary> {
  const started = Date.now();
  const progress = options.progress ?? silentProgress;
  const batchSize = options.batchSize ?? 10_000;
  const selection = options.tagSelection ?? DEFAULT_TAG_SELECTION;

  const plan = await validateRelease(release, progress);
  await prepareGraph(db, release.name, options.replace ?? false);
  await db.write(Q.begin, { name: release.name, format: release.format, source: release.dir });

  const stageSeconds: Record<string, number> = {};
  const stage = async (name: string, total: number, work: (tick: (n: number) => void) => Promise<unknown>) => {
    if (total === 0) return;
    const bar = progress.stage(name, total);
    const stageStarted = Date.now();
    await work((n) => bar.tick(n));
    stageSeconds[name] = (Date.now() - stageStarted) / 1000;
    bar.done();
  };
  const writeBatch = (name: typeof Q[keyof typeof Q], tick: (n: number) => void) => async (rows: unknown[]) => {
    await db.write(name, { rows }, { timeoutMs: 0 });
    tick(rows.length);
  };

  await db.write(Q.genres, { names: plan.genres });
  await stage("movies", plan.rows.movies, (tick) =>
    writeInBatches(release.movies(), batchSize, ({ value }) => value, writeBatch(Q.movies, tick)),
  );
  await stage("links", plan.rows.links, (tick) =>
    writeInBatches(release.links(), batchSize, ({ value }) => value, writeBatch(Q.links, tick)),
  );
  await stage("users", plan.userIds.length, async (tick) => {
    const details = new Map<number, unknown>();
    for await (const { value } of release.users()) details.set(value.id, value);
    for (const ids of chunks(plan.userIds, batchSize)) {
      await writeBatch(Q.users, tick)(ids.map((id) => details.get(id) ?? { id }));
    }
  });
  // A first load of a checked file can CREATE in parallel; anything else (a re-load, a resumed load,
  // a file whose duplicates could not be ruled out) MERGEs serially so it converges to the same graph.
  const fresh = plan.ratingsGroupedByUser && (await graphCounts(db)).ratings === 0;
  const keys = fresh ? await nodeKeys(db) : undefined;
  await stage("ratings", plan.rows.ratings, (tick) =>
    writeInBatches(
      release.ratings(),
      batchSize,
      ({ value: r }): RatingRow => [r.userId, r.movieId, r.rating, r.timestamp],
      async (rows) => {
        const grouped = groupByUser(rows);
        if (keys) {
          const addressed = grouped.map(([u, items]) => [keys.users.get(u), items.map(([m, r, t]) => [keys.movies.get(m), r, t])]);
          await db.write(Q.ratingsCreate, { rows: addressed }, { timeoutMs: 0 });
        } else {
          await db.write(Q.ratings, { rows: grouped }, { timeoutMs: 0 });
        }
        tick(rows.length);
      },
      fresh ? (options.writers ?? 2) : 1,
    ),
  );
  await stage("tags", plan.rows.tags, (tick) =>
    writeInBatches(release.tags(), batchSize, ({ value }) => value, writeBatch(Q.tags, tick)),
  );
  await stage("genome tags", plan.rows.genomeTags, (tick) =>
    writeInBatches(release.genomeTags(), batchSize, ({ value }) => value, writeBatch(Q.genomeTags, tick)),
  );
  await stage("genome", plan.rows.genomeMovies, (tick) =>
    writeInBatches(
      filterAsync(genomeVectors(release.genomeScores(), plan.rows.genomeTags), (v) => v.complete && plan.movieIds.has(v.movieId)),
      100,
      (v) => ({ movieId: v.movieId, vector: v.values, top: selectTopTags(v.values, selection) }),
      writeBatch(Q.genomeMovies, tick),
    ),
  );

  const files = release.files.map((f) => `${basename(f)} (${statSync(f).size} bytes)`);
  await db.write(Q.complete, { name: release.name, files, warnings: plan.warnings });
  const seconds = (Date.now() - started) / 1000;
  return {
    dataset: release.name,
    format: release.format,
    counts: await graphCounts(db),
    rows: plan.rows,
    warnings: plan.warnings,
    seconds,
    stageSeconds,
    ratingsPerSecond: Math.round(plan.rows.ratings / (stageSeconds.ratings ?? seconds)),
  };
}

/** Refuses to mix two releases in one graph; wipes first when asked to replace. */
async function prepareGraph(db: Database, name: string, replace: boolean): Promise<void> {
  const existing = await currentDataset(db);
  if (replace) {
    if (existing.length > 0 || (await graphCounts(db)).movies > 0) await wipeGraph(db);
  } else {
    const other = existing.find((d) => d.name !== name);
    if (other) {
      throw new LoadRefusedError(
        `the graph already holds the data set "${other.name}" (${other.status}); loading "${name}" as well would mix two releases. Use --replace to delete it first.`,
      );
    }
  }
  await applySchema(db);
}

async function nodeKeys(db: Database): Promise<{ users: Map<number, string>; movies: Map<number, string> }> {
  const [row] = await db.read(Q.nodeKeys, {}, { timeoutMs: 0 });
  return {
    users: new Map(row.users as Array<[number, string]>),
    movies: new Map(row.movies as Array<[number, string]>),
  };
}

type RatingRow = [userId: number, movieId: number, rating: number, timestamp: number];

/** [[userId, [[movieId, rating, timestamp], …]], …]: each user is looked up once per batch. */
function groupByUser(rows: RatingRow[]): Array<[number, Array<[number, number, number]>]> {
  const groups: Array<[number, Array<[number, number, number]>]> = [];
  for (const [userId, movieId, rating, timestamp] of rows) {
    const last = groups.at(-1);
    if (last && last[0] === userId) last[1].push([movieId, rating, timestamp]);
    else groups.push([userId, [[movieId, rating, timestamp]]]);
  }
  return groups;
}

async function* filterAsync<T>(source: AsyncIterable<T>, keep: (item: T) => boolean): AsyncGenerator<T> {
  for await (const item of source) if (keep(item)) yield item;
}
