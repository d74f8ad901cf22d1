import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openRelease } from "../../src/ingest/formats/detect.js";
import { LoadError } from "../../src/ingest/load-error.js";
import { silentProgress, type ProgressReporter } from "../../src/ingest/progress.js";
import type { Located, RatingRecord, UserRecord } from "../../src/ingest/records.js";
import type { Release } from "../../src/ingest/release.js";
import { validateRelease } from "../../src/ingest/validate.js";

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const crlf = (...lines: string[]) => lines.map((l) => `${l}\r\n`).join("");

const MOVIES = crlf(
  "movieId,title,genres",
  "1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy",
  "2,Blade Runner (1982),Sci-Fi|Thriller|Film-Noir",
  "3,Hyena Road,(no genres listed)",
  "4,Hubble 3D (2010),IMAX|Documentary",
);
const LINKS = crlf("movieId,imdbId,tmdbId", "1,0114709,862", "2,0083658,78");
// Users appear out of order; user 9 only tags, user 3 rates twice.
const RATINGS = crlf(
  "userId,movieId,rating,timestamp",
  "5,1,4.0,964982703",
  "1,2,3.5,964982224",
  "3,1,5.0,964983815",
  "3,4,0.5,964982931",
);
const TAGS = crlf("userId,movieId,tag,timestamp", "9,1,pixar,1445714994", "1,2,dystopia,1445714996", "9,3,war,1445715000");
const GENOME_TAGS = crlf("tagId,tag", "1,007", "2,animation");
// Movie 1 complete, movie 2 incomplete, movie 99 not in movies.csv.
const GENOME_SCORES = crlf("movieId,tagId,relevance", "1,1,0.1", "1,2,0.9", "2,1,0.2", "99,1,0.3", "99,2,0.4");

const VALID = {
  "movies.csv": MOVIES,
  "links.csv": LINKS,
  "ratings.csv": RATINGS,
  "tags.csv": TAGS,
  "genome-tags.csv": GENOME_TAGS,
  "genome-scores.csv": GENOME_SCORES,
};

/** A temp CSV release: the valid one with some files replaced (or removed with null). */
function release(changes: Record<string, string | null> = {}): Release {
  const dir = mkdtempSync(join(tmpdir(), "validate-"));
  temps.push(dir);
  for (const [name, text] of Object.entries({ ...VALID, ...changes })) {
    if (text !== null) writeFileSync(join(dir, name), text, "utf8");
  }
  return openRelease(dir);
}

async function validationError(r: Release): Promise<LoadError> {
  try {
    await validateRelease(r, silentProgress);
  } catch (error) {
    expect(error).toBeInstanceOf(LoadError);
    return error as LoadError;
  }
  throw new Error("expected a LoadError, but validation passed");
}

describe("validateRelease on a valid release", () => {
  it("counts rows, collects users and genres, and warns about skipped genome movies", async () => {
    const plan = await validateRelease(release(), silentProgress);
    expect(plan.movieIds).toEqual(new Set([1, 2, 3, 4]));
    expect(plan.userIds).toEqual([1, 3, 5, 9]);
    expect(plan.genres).toEqual([
      "Adventure",
      "Animation",
      "Children",
      "Comedy",
      "Documentary",
      "Fantasy",
      "Film-Noir",
      "IMAX",
      "Sci-Fi",
      "Thriller",
    ]);
    expect(plan.rows).toEqual({ movies: 4, links: 2, users: 0, ratings: 4, tags: 3, genomeTags: 2, genomeMovies: 1 });
    expect(plan.warnings).toEqual([
      "1 genome movies are not in this release's movies.csv and were skipped",
      "1 genome movies have an incomplete vector and were skipped",
    ]);
  });

  it('never lists "(no genres listed)" as a genre', async () => {
    const plan = await validateRelease(release(), silentProgress);
    expect(plan.genres).not.toContain("(no genres listed)");
    expect(plan.genres).toHaveLength(10);
  });

  it("sorts user ids numerically, not as text", async () => {
    const plan = await validateRelease(
      release({
        "ratings.csv": crlf("userId,movieId,rating,timestamp", "10,1,4.0,1", "9,1,4.0,1", "100,1,4.0,1", "2,1,4.0,1"),
        "tags.csv": crlf("userId,movieId,tag,timestamp", "1000,1,x,1", "20,1,y,1"),
      }),
      silentProgress,
    );
    expect(plan.userIds).toEqual([2, 9, 10, 20, 100, 1000]);
  });

  it("has no warnings and zero genome rows without a genome", async () => {
    const plan = await validateRelease(release({ "genome-tags.csv": null, "genome-scores.csv": null }), silentProgress);
    expect(plan.warnings).toEqual([]);
    expect(plan.rows).toEqual({ movies: 4, links: 2, users: 0, ratings: 4, tags: 3, genomeTags: 0, genomeMovies: 0 });
  });

  it("accepts a release with only movies and ratings", async () => {
    const plan = await validateRelease(
      release({ "links.csv": null, "tags.csv": null, "genome-tags.csv": null, "genome-scores.csv": null }),
      silentProgress,
    );
    expect(plan.rows).toEqual({ movies: 4, links: 0, users: 0, ratings: 4, tags: 0, genomeTags: 0, genomeMovies: 0 });
    expect(plan.userIds).toEqual([1, 3, 5]);
  });

  it("counts a complete genome and warns only about what it skipped", async () => {
    const plan = await validateRelease(
      release({ "genome-scores.csv": crlf("movieId,tagId,relevance", "1,1,0.1", "1,2,0.9", "2,1,0.2", "2,2,0.3") }),
      silentProgress,
    );
    expect(plan.rows.genomeMovies).toBe(2);
    expect(plan.warnings).toEqual([]);
  });

  it("counts several skipped genome movies in one warning each", async () => {
    const plan = await validateRelease(
      release({
        "genome-scores.csv": crlf("movieId,tagId,relevance", "1,1,0.1", "2,2,0.2", "3,1,0.3", "97,1,0.1", "97,2,0.1", "98,1,0.1"),
      }),
      silentProgress,
    );
    expect(plan.rows.genomeMovies).toBe(0);
    // 98 is both unknown and incomplete; it counts as unknown.
    expect(plan.warnings).toEqual([
      "2 genome movies are not in this release's movies.csv and were skipped",
      "3 genome movies have an incomplete vector and were skipped",
    ]);
  });
});

describe("validateRelease rejects", () => {
  it("a duplicate movie id", async () => {
    const error = await validationError(release({ "movies.csv": crlf("movieId,title,genres", "1,Toy Story (1995),Comedy", "2,Heat (1995),Action", "1,Again (2000),Drama") }));
    expect(error.message).toBe('movies.csv, line 4, field "movieId": duplicate movie 1');
    expect(error).toMatchObject({ file: "movies.csv", line: 4, field: "movieId" });
  });

  it("a link for an unknown movie", async () => {
    const error = await validationError(release({ "links.csv": crlf("movieId,imdbId,tmdbId", "1,0114709,862", "77,0000001,1") }));
    expect(error.message).toBe('links.csv, line 3, field "movieId": link for unknown movie 77');
  });

  it("two links for one movie", async () => {
    const error = await validationError(release({ "links.csv": crlf("movieId,imdbId,tmdbId", "1,0114709,862", "1,0114709,862") }));
    expect(error.message).toBe('links.csv, line 3, field "movieId": duplicate link for movie 1');
  });

  it("a rating for an unknown movie", async () => {
    const error = await validationError(release({ "ratings.csv": crlf("userId,movieId,rating,timestamp", "1,1,4.0,1", "1,42,3.0,2") }));
    expect(error.message).toBe('ratings.csv, line 3, field "movieId": rating for unknown movie 42');
    expect(error).toMatchObject({ file: "ratings.csv", line: 3, field: "movieId" });
  });

  it("a tag for an unknown movie", async () => {
    const error = await validationError(release({ "tags.csv": crlf("userId,movieId,tag,timestamp", "9,1,pixar,1", "9,5,nope,2") }));
    expect(error.message).toBe('tags.csv, line 3, field "movieId": tag for unknown movie 5');
  });

  it("genome tags with a gap in their numbering", async () => {
    const error = await validationError(release({ "genome-tags.csv": crlf("tagId,tag", "1,007", "3,animation") }));
    expect(error.message).toBe('genome-tags.csv, line 3, field "tagId": expected tag id 2: genome tags must be numbered 1, 2, 3…');
  });

  it("genome tags that do not start at 1", async () => {
    const error = await validationError(release({ "genome-tags.csv": crlf("tagId,tag", "2,007", "3,animation") }));
    expect(error.message).toBe('genome-tags.csv, line 2, field "tagId": expected tag id 1: genome tags must be numbered 1, 2, 3…');
  });

  it("genome tags out of order", async () => {
    const error = await validationError(release({ "genome-tags.csv": crlf("tagId,tag", "2,animation", "1,007") }));
    expect(error.message).toBe('genome-tags.csv, line 2, field "tagId": expected tag id 1: genome tags must be numbered 1, 2, 3…');
  });

  it("a genome score for a tag that genome-tags.csv does not have", async () => {
    const error = await validationError(release({ "genome-scores.csv": crlf("movieId,tagId,relevance", "1,1,0.1", "1,3,0.9") }));
    expect(error.message).toBe('genome-scores.csv, line 3, field "tagId": tag 3 is not in genome-tags.csv (2 tags)');
  });

  it("a bad value anywhere, with its file, line and field", async () => {
    const error = await validationError(release({ "tags.csv": crlf("userId,movieId,tag,timestamp", "9,1,pixar,yesterday") }));
    expect(error.message).toBe('tags.csv, line 2, field "timestamp": expected Unix seconds, got "yesterday"');
  });
});

/** A release built from arrays, for the users file the CSV format does not have. */
function fakeRelease(parts: { users?: UserRecord[]; ratings?: RatingRecord[] }): Release {
  const located = <T>(file: string, items: T[]) =>
    async function* (): AsyncGenerator<Located<T>> {
      let line = 1;
      for (const value of items) yield { value, file, line: line++ };
    };
  return {
    format: "ml-100k",
    name: "fake",
    dir: "/nowhere",
    files: [],
    movies: located("u.item", [
      { id: 1, title: "Toy Story", year: 1995, genres: ["Animation"] },
      { id: 2, title: "GoldenEye", year: 1995, genres: ["Action"] },
    ]),
    links: located("links", []),
    ratings: located("u.data", parts.ratings ?? []),
    tags: located("tags", []),
    users: located("u.user", parts.users ?? []),
    genomeTags: located("genome-tags", []),
    genomeScores: located("genome-scores", []),
    ratingsBytes: () => 0,
  };
}

describe("validateRelease with a users file", () => {
  it("counts declared users and includes those who never rated", async () => {
    const plan = await validateRelease(
      fakeRelease({ users: [{ id: 3 }, { id: 1 }, { id: 2 }], ratings: [{ userId: 1, movieId: 2, rating: 3, timestamp: 1 }] }),
      silentProgress,
    );
    expect(plan.rows.users).toBe(3);
    expect(plan.userIds).toEqual([1, 2, 3]);
    expect(plan.rows.ratings).toBe(1);
  });

  it("rejects a rating by a user the users file does not declare", async () => {
    const error = await validationError(
      fakeRelease({
        users: [{ id: 1 }, { id: 2 }],
        ratings: [
          { userId: 1, movieId: 1, rating: 4, timestamp: 1 },
          { userId: 7, movieId: 1, rating: 4, timestamp: 1 },
        ],
      }),
    );
    expect(error.message).toBe('u.data, line 2, field "userId": unknown user 7 (not in the users file)');
  });

  it("rejects a user declared twice", async () => {
    const error = await validationError(fakeRelease({ users: [{ id: 1 }, { id: 2 }, { id: 1 }] }));
    expect(error.message).toBe('u.user, line 3, field "userId": duplicate user 1');
  });
});

describe("validateRelease progress", () => {
  it("reports every movie and every rating, in two stages that are closed", async () => {
    const events: string[] = [];
    const totals = new Map<string, number>();
    const recording: ProgressReporter = {
      stage(name) {
        events.push(`start ${name}`);
        totals.set(name, 0);
        return {
          tick: (rows) => totals.set(name, totals.get(name)! + rows),
          done: () => events.push(`done ${name}`),
        };
      },
    };
    // 20000 = 16384 + 3616: one full progress step plus the remainder.
    const ratings = Array.from({ length: 20_000 }, (_, i) => ({ userId: (i % 50) + 1, movieId: (i % 2) + 1, rating: 3, timestamp: i }));
    const plan = await validateRelease(fakeRelease({ ratings }), recording);
    expect(plan.rows.ratings).toBe(20_000);
    expect(plan.userIds).toHaveLength(50);
    expect(events).toEqual(["start check movies", "done check movies", "start check ratings", "done check ratings"]);
    expect(Object.fromEntries(totals)).toEqual({ "check movies": 2, "check ratings": 20_000 });
  });
});
