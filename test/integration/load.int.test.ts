import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/database.js";
import { cypher } from "../../src/db/queries.js";
import { currentDataset, graphCounts, wipeGraph } from "../../src/graph/dataset.js";
import { openRelease } from "../../src/ingest/formats/detect.js";
import { LoadError } from "../../src/ingest/load-error.js";
import { loadRelease, LoadRefusedError } from "../../src/ingest/loader.js";
import { GENOME, ML_LATEST_SMALL, openTestDatabase } from "./helpers.js";

const Q = {
  genreNames: cypher("check/genre-names"),
  genomeCoverage: cypher("check/genome-coverage"),
  moviesById: cypher("check/movies-by-id"),
  userById: cypher("check/user-by-id"),
};

const ML_100K_FIXTURE = new URL("../fixtures/ml-100k", import.meta.url).pathname;
const ML_1M_FIXTURE = new URL("../fixtures/ml-1m", import.meta.url).pathname;

const EXPECTED = {
  users: 610,
  movies: 9742,
  ratings: 100_836,
  tags: 3683,
  genres: 19,
};

let db: Database;

beforeAll(async () => {
  db = await openTestDatabase();
  await wipeGraph(db);
});

afterAll(async () => {
  await wipeGraph(db);
  await db.close();
});

/** A copy of ml-latest-small whose `file` has `line` (1-based, header = 1) replaced. */
function brokenCopy(file: string, line: number, text: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), "cinegraph-bad-")), "ml-latest-small");
  cpSync(ML_LATEST_SMALL, dir, { recursive: true });
  const lines = readFileSync(join(dir, file), "utf8").split("\r\n");
  lines[line - 1] = text;
  writeFileSync(join(dir, file), lines.join("\r\n"));
  return dir;
}

describe("loading ml-latest-small", () => {
  it("creates the documented counts, genres and genome", async () => {
    const summary = await loadRelease(db, openRelease(ML_LATEST_SMALL, { genomeDir: GENOME }));
    expect(summary.counts).toMatchObject(EXPECTED);
    expect(summary.counts.genomeTags).toBe(1128);
    const [genres] = await db.read(Q.genreNames);
    expect(genres.names).toEqual([
      "Action", "Adventure", "Animation", "Children", "Comedy", "Crime", "Documentary", "Drama", "Fantasy",
      "Film-Noir", "Horror", "IMAX", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
    ]);
    const [genome] = await db.read(Q.genomeCoverage);
    expect(genome).toEqual({ withVector: 158, vectorLength: 1128, withTags: 158 });
    expect(summary.warnings).toEqual([
      "19 genome movies are not in this release's movies.csv and were skipped",
      "1 genome movies have an incomplete vector and were skipped",
    ]);
    expect(await currentDataset(db)).toMatchObject([{ name: "ml-latest-small", format: "csv", status: "complete" }]);
  });

  it("stores titles, years and links as parsed", async () => {
    const rows = await db.read(Q.moviesById, { ids: [1, 27008, 40697, 171749, 193609] });
    expect(rows).toEqual([
      { id: 1, title: "Toy Story", year: 1995, imdbId: "0114709", tmdbId: 862, genres: ["Adventure", "Animation", "Children", "Comedy", "Fantasy"] },
      { id: 27008, title: "From Dusk Till Dawn 2: Texas Blood Money", year: 1999, imdbId: "0120860", tmdbId: 12095, genres: ["Comedy", "Crime", "Horror"] },
      { id: 40697, title: "Babylon 5", year: null, imdbId: "0105946", tmdbId: null, genres: ["Sci-Fi"] },
      { id: 171749, title: "Death Note: Desu nôto", year: 2006, imdbId: "0877057", tmdbId: 419787, genres: [] },
      { id: 193609, title: "Andrew Dice Clay: Dice Rules", year: 1991, imdbId: "0101726", tmdbId: 37891, genres: ["Comedy"] },
    ]);
  });

  it("is idempotent: loading the same folder again gives the same counts", async () => {
    const before = await graphCounts(db);
    const summary = await loadRelease(db, openRelease(ML_LATEST_SMALL, { genomeDir: GENOME }));
    expect(summary.counts).toEqual(before);
  });
});

describe("bad input changes nothing", () => {
  const cases: Array<[string, () => string, RegExp]> = [
    ["a rating outside 0.5–5", () => brokenCopy("ratings.csv", 10, "1,1,5.5,964982703"), /ratings\.csv, line 10, field "rating": rating 5\.5 is outside 0\.5–5/],
    ["a rating for an unknown movie", () => brokenCopy("ratings.csv", 3, "1,999999999,4.0,964982703"), /ratings\.csv, line 3, field "movieId": rating for unknown movie 999999999/],
    ["a malformed row", () => brokenCopy("ratings.csv", 5, "1,47"), /ratings\.csv, line 5: expected 4 fields, got 2/],
    ["a wrong header", () => brokenCopy("movies.csv", 1, "movieId,name,genres"), /movies\.csv, line 1: wrong header/],
    ["a non-numeric id", () => brokenCopy("tags.csv", 2, "x,60756,funny,1445714994"), /tags\.csv, line 2, field "userId": expected a positive integer id/],
  ];

  it.each(cases)("%s is reported with file, line and field", async (_name, makeDir, message) => {
    const before = await graphCounts(db);
    const datasets = await currentDataset(db);
    await expect(loadRelease(db, openRelease(makeDir()))).rejects.toThrow(message);
    expect(await graphCounts(db)).toEqual(before);
    expect(await currentDataset(db)).toEqual(datasets);
  });

  it("a missing required file is named", () => {
    const dir = mkdtempSync(join(tmpdir(), "cinegraph-missing-"));
    cpSync(join(ML_LATEST_SMALL, "movies.csv"), join(dir, "movies.csv"));
    expect(() => openRelease(dir)).toThrow(new LoadError(`missing required file ratings.csv in ${dir}`, "ratings.csv"));
  });
});

describe("another release", () => {
  it("is refused while the graph holds one, and nothing changes", async () => {
    const before = await graphCounts(db);
    await expect(loadRelease(db, openRelease(ML_100K_FIXTURE))).rejects.toThrow(LoadRefusedError);
    expect(await graphCounts(db)).toEqual(before);
  });

  it("replaces the graph with --replace", async () => {
    const summary = await loadRelease(db, openRelease(ML_100K_FIXTURE), { replace: true });
    expect(await currentDataset(db)).toMatchObject([{ name: "ml-100k", format: "ml-100k", status: "complete" }]);
    expect(summary.counts.movies).toBe(summary.rows.movies);
    expect(summary.counts.ratings).toBe(summary.rows.ratings);
    expect(summary.counts.genomeTags).toBe(0);
  });

  it("loads ml-1m with its users' demographics", async () => {
    const summary = await loadRelease(db, openRelease(ML_1M_FIXTURE), { replace: true });
    expect(await currentDataset(db)).toMatchObject([{ name: "ml-1m", format: "ml-1m", status: "complete" }]);
    expect(summary.counts).toMatchObject({ movies: summary.rows.movies, ratings: summary.rows.ratings, users: summary.rows.users });
    const [user] = await db.read(Q.userById, { id: 1 });
    expect(user).toEqual({ gender: "F", age: 1, occupation: "K-12 student" });
  });
});

describe("a load that fails while writing", () => {
  it("stays marked as loading, and running it again completes it", async () => {
    await wipeGraph(db);
    let ratingBatches = 0;
    const failing = new Proxy(db, {
      get(target, prop, receiver) {
        if (prop === "write") {
          return async (name: string, ...rest: unknown[]) => {
            if (name.startsWith("load/ratings") && ++ratingBatches === 3) throw new Error("connection lost");
            return (target.write as (...a: unknown[]) => unknown).call(target, name, ...rest);
          };
        }
        return Reflect.get(target, prop, receiver);
      },
    });
    await expect(loadRelease(failing, openRelease(ML_LATEST_SMALL))).rejects.toThrow("connection lost");
    expect(await currentDataset(db)).toMatchObject([{ name: "ml-latest-small", status: "loading" }]);
    const partial = await graphCounts(db);
    expect(partial.ratings).toBeGreaterThan(0);
    expect(partial.ratings).toBeLessThan(EXPECTED.ratings);

    const summary = await loadRelease(db, openRelease(ML_LATEST_SMALL));
    expect(summary.counts).toMatchObject(EXPECTED);
    expect(await currentDataset(db)).toMatchObject([{ name: "ml-latest-small", status: "complete" }]);
  });
});
