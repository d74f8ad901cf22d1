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
import { currentDataset, graphCounts, type GraphCounts } from "../graph/dataset.js";

const Q = {
  genres: cypher("load/genres"),
  movies: cypher("load/movies"),
  links: cypher("load/links"),
  users: cypher("load/users"),
  ratings: cypher("load/ratings"),
  tags: cypher("load/tags"),
  genomeTags: cypher("load/genome-tags"),
  genomeMovies: cypher("load/genome-movies"),
  begin: cypher("dataset/begin"),
  complete: cypher("dataset/complete"),
  wipe: cypher("dataset/wipe"),
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
  tagSelection?: TagSelection;
  progress?: ProgressReporter;
}

export interface LoadSummary {
  dataset: string;
  format: string;
  counts: GraphCounts;
  rows: ReleasePlan["rows"];
  warnings: string[];
  seconds: number;
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

  const stage = async (name: string, total: number, work: (tick: (n: number) => void) => Promise<unknown>) => {
    if (total === 0) return;
    const bar = progress.stage(name, total);
    await work((n) => bar.tick(n));
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
  await stage("ratings", plan.rows.ratings, (tick) =>
    writeInBatches(
      release.ratings(),
      batchSize,
      ({ value: r }) => [r.userId, r.movieId, r.rating, r.timestamp],
      writeBatch(Q.ratings, tick),
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
    ratingsPerSecond: Math.round(plan.rows.ratings / seconds),
  };
}

/** Refuses to mix two releases in one graph; wipes first when asked to replace. */
async function prepareGraph(db: Database, name: string, replace: boolean): Promise<void> {
  const existing = await currentDataset(db);
  if (replace) {
    if (existing.length > 0 || (await graphCounts(db)).movies > 0) await db.autoCommit(Q.wipe, {}, { timeoutMs: 0 });
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

async function* filterAsync<T>(source: AsyncIterable<T>, keep: (item: T) => boolean): AsyncGenerator<T> {
  for await (const item of source) if (keep(item)) yield item;
}
