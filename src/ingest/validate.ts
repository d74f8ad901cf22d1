import { LoadError } from "./load-error.js";
import { genomeVectors } from "./genome.js";
import type { ProgressReporter } from "./progress.js";
import type { RatingRecord, TagRecord } from "./records.js";
import type { Release } from "./release.js";

/** What a full read of a release found: enough to write it without surprises. */
export interface ReleasePlan {
  movieIds: Set<number>;
  /** Users from ratings, tags and the users file, ascending. */
  userIds: number[];
  genres: string[];
  rows: {
    movies: number;
    links: number;
    users: number;
    ratings: number;
    tags: number;
    genomeTags: number;
    genomeMovies: number;
  };
  /**
   * Each user's ratings are contiguous (as in every CSV release) and, since
   * that lets every pair be checked, no (user, movie) pair repeats. Only then
   * may a first load CREATE ratings instead of MERGE-ing them.
   */
  ratingsGroupedByUser: boolean;
  /** Things that were skipped on purpose, reported in the summary. */
  warnings: string[];
}

/** Sees each valid rating and tag as it is checked, so the bulk path can write its files in the same pass. */
export interface ReleaseObserver {
  rating?(rating: RatingRecord): void | Promise<void>;
  tag?(tag: TagRecord): void | Promise<void>;
}

/**
 * Reads every file once and checks every row (types, ranges, references) before
 * anything is written, so bad input fails with file, line and field and leaves
 * the graph untouched. Memory grows with the number of users and movies, not ratings.
 */
export async function validateRelease(
  release: Release,
  progress: ProgressReporter,
  observer: ReleaseObserver = {},
): Promise<ReleasePlan> {
  const movieIds = new Set<number>();
  const genres = new Set<string>();
  const rows = { movies: 0, links: 0, users: 0, ratings: 0, tags: 0, genomeTags: 0, genomeMovies: 0 };
  const warnings: string[] = [];

  let stage = progress.stage("check movies");
  for await (const { value, file, line } of release.movies()) {
    if (movieIds.has(value.id)) throw new LoadError(`duplicate movie ${value.id}`, file, line, "movieId");
    movieIds.add(value.id);
    value.genres.forEach((g) => genres.add(g));
    rows.movies += 1;
    stage.tick(1);
  }
  stage.done();

  const linked = new Set<number>();
  for await (const { value, file, line } of release.links()) {
    if (!movieIds.has(value.movieId)) throw new LoadError(`link for unknown movie ${value.movieId}`, file, line, "movieId");
    if (linked.has(value.movieId)) throw new LoadError(`duplicate link for movie ${value.movieId}`, file, line, "movieId");
    linked.add(value.movieId);
    rows.links += 1;
  }

  const declaredUsers = new Set<number>();
  for await (const { value, file, line } of release.users()) {
    if (declaredUsers.has(value.id)) throw new LoadError(`duplicate user ${value.id}`, file, line, "userId");
    declaredUsers.add(value.id);
    rows.users += 1;
  }
  const users = new Set<number>(declaredUsers);
  const checkUser = (userId: number, file: string, line: number) => {
    if (declaredUsers.size > 0 && !declaredUsers.has(userId)) {
      throw new LoadError(`unknown user ${userId} (not in the users file)`, file, line, "userId");
    }
    users.add(userId);
  };

  stage = progress.stage("check ratings");
  let grouped = true;
  let currentUser = -1;
  const currentMovies = new Map<number, number>();
  const finishedUsers = new Set<number>();
  for await (const { value, file, line } of release.ratings()) {
    if (!movieIds.has(value.movieId)) throw new LoadError(`rating for unknown movie ${value.movieId}`, file, line, "movieId");
    if (grouped && value.userId !== currentUser) {
      finishedUsers.add(currentUser);
      grouped = !finishedUsers.has(value.userId);
      currentUser = value.userId;
      currentMovies.clear();
    }
    if (grouped) {
      const first = currentMovies.get(value.movieId);
      if (first !== undefined) {
        throw new LoadError(`user ${value.userId} rates movie ${value.movieId} twice (first on line ${first})`, file, line, "movieId");
      }
      currentMovies.set(value.movieId, line);
    }
    checkUser(value.userId, file, line);
    await observer.rating?.(value);
    rows.ratings += 1;
    if ((rows.ratings & 0x3fff) === 0) stage.tick(0x4000);
  }
  stage.tick(rows.ratings & 0x3fff);
  stage.done();

  for await (const { value, file, line } of release.tags()) {
    if (!movieIds.has(value.movieId)) throw new LoadError(`tag for unknown movie ${value.movieId}`, file, line, "movieId");
    checkUser(value.userId, file, line);
    await observer.tag?.(value);
    rows.tags += 1;
  }

  const tagIds = new Set<number>();
  for await (const { value, file, line } of release.genomeTags()) {
    if (value.id !== tagIds.size + 1) {
      throw new LoadError(`expected tag id ${tagIds.size + 1}: genome tags must be numbered 1, 2, 3…`, file, line, "tagId");
    }
    tagIds.add(value.id);
    rows.genomeTags += 1;
  }

  let partial = 0;
  let unknown = 0;
  for await (const vector of genomeVectors(release.genomeScores(), tagIds.size)) {
    if (!movieIds.has(vector.movieId)) unknown += 1;
    else if (!vector.complete) partial += 1;
    else rows.genomeMovies += 1;
  }
  if (unknown > 0) warnings.push(`${unknown} genome movies are not in this release's movies.csv and were skipped`);
  if (partial > 0) warnings.push(`${partial} genome movies have an incomplete vector and were skipped`);

  return {
    movieIds,
    userIds: [...users].sort((a, b) => a - b),
    genres: [...genres].sort(),
    rows,
    ratingsGroupedByUser: grouped,
    warnings,
  };
}
