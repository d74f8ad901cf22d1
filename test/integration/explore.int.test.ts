import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CommitWatch } from "../../src/db/commit-watch.js";
import type { Database, Row } from "../../src/db/database.js";
import { cypher, QueryRegistry } from "../../src/db/queries.js";
import { ExploreService, type QueryResult } from "../../src/explore/explore.service.js";
import { wipeGraph } from "../../src/graph/dataset.js";
import { openRelease } from "../../src/ingest/formats/detect.js";
import { loadRelease } from "../../src/ingest/loader.js";
import { createLogger } from "../../src/logger.js";
import { trainModels } from "../../src/models/train/trainer.js";
import { CYPHER_DIR, PACKAGE_ROOT } from "../../src/paths.js";
import { ModelRuntime } from "../../src/recommend/model-runtime.js";
import { RecommendationService } from "../../src/recommend/recommendation.service.js";
import { SimilarService } from "../../src/recommend/similar.service.js";
import { GENOME, ML_LATEST_SMALL, openTestDatabase } from "./helpers.js";

const Q = {
  coRaters: cypher("check/explore-co-raters"),
  ratedIds: cypher("check/user-rated-ids"),
  moviesById: cypher("check/movies-by-id"),
  similarCount: cypher("check/similar-count"),
  topGenres: cypher("user/top-genres"),
  cfNeighbours: cypher("similar/cf"),
};

/** Queries that read a trained model and so have nothing to say before training. */
const NEED_MODELS = ["similar-users-by-model", "long-tail-from-neighbours", "cf-vs-content-neighbours", "recommendation-genres", "models"];

/** Well under the "few seconds" analysts were promised, with room for a busy test machine. */
const MAX_MS = 5000;

// With the test's own check queries, which this file declares too.
const pack = ExploreService.load(QueryRegistry.load([CYPHER_DIR, new URL("../cypher", import.meta.url).pathname]));
let db: Database;
const results = new Map<string, QueryResult>();

async function run(name: string, ...args: string[]): Promise<QueryResult> {
  return pack.run(db, pack.bind(name, args));
}

/** The rows of a query run with its defaults once the models are trained. */
function rowsOf(name: string): Row[] {
  const result = results.get(name);
  if (!result) throw new Error(`${name} did not run`);
  return result.rows;
}

/** The API's similar-movies service over the models active now. */
function similar(): SimilarService {
  return new SimilarService(db, new ModelRuntime(db, createLogger("silent")), new CommitWatch(db, 0));
}

function expectDescending(values: number[]): void {
  for (let i = 1; i < values.length; i++) expect(values[i]).toBeLessThanOrEqual(values[i - 1]);
}

beforeAll(async () => {
  db = await openTestDatabase();
  await wipeGraph(db);
});

afterAll(async () => {
  await wipeGraph(db);
  await db.close();
});

describe("the pack on an empty graph", () => {
  it.each(pack.list().map((q) => [q.name]))("%s returns no rows and no error", async (name) => {
    expect((await run(name)).rows).toEqual([]);
  });
});

describe("the pack on ml-latest-small with the genome, before any model is trained", () => {
  beforeAll(async () => {
    await loadRelease(db, openRelease(ML_LATEST_SMALL, { genomeDir: GENOME }));
  });

  it.each(NEED_MODELS.map((name) => [name]))("%s returns no rows", async (name) => {
    expect((await run(name)).rows).toEqual([]);
  });

  it("shows a movie's neighbourhood without model relations", async () => {
    const relations = new Set((await run("movie-neighbourhood")).rows.map((r) => r.relation));
    expect([...relations].sort()).toEqual(["CO_RATED", "HAS_TAG", "IN_GENRE", "TAGGED"]);
  });
});

describe("the pack with item-knn, user-knn, ALS and content trained", () => {
  beforeAll(async () => {
    await trainModels(db, { kinds: ["item-knn", "user-knn", "als", "content"], epochs: 5 });
    for (const query of pack.list()) results.set(query.name, await run(query.name));
    // Timings for the record: the first run pays for planning and a cold page cache, the second is what an analyst re-running sees.
    const lines = ["query                        rows  first ms  again ms"];
    for (const [name, first] of results) {
      const again = await run(name);
      lines.push(`${name.padEnd(28)} ${String(first.rows.length).padStart(4)}  ${first.milliseconds.toFixed(0).padStart(8)}  ${again.milliseconds.toFixed(0).padStart(8)}`);
    }
    console.log(lines.join("\n"));
  });

  it.each(pack.list().map((q) => [q.name]))("%s answers with its defaults, in the shape its header declares, quickly", (name) => {
    const result = results.get(name)!;
    expect(result.rows.length).toBeGreaterThan(0);
    expect(result.shapeProblems).toEqual([]);
    expect(Object.keys(result.rows[0])).toEqual(result.query.columns.map((c) => c.name));
    expect(result.milliseconds).toBeLessThan(MAX_MS);
  });

  it("co-rated-pairs: pairs of distinct movies, most co-raters first, counted right", async () => {
    const rows = rowsOf("co-rated-pairs");
    expect(rows).toHaveLength(10);
    for (const row of rows) {
      expect(row.movieA as number).toBeLessThan(row.movieB as number);
      const [check] = await db.read(Q.coRaters, { a: row.movieA, b: row.movieB, minRating: 0.5 });
      expect(row.coRaters).toBe(check.count);
      expect(row.jaccard as number).toBeGreaterThan(0);
      expect(row.jaccard as number).toBeLessThanOrEqual(1);
      expect(row.certain).toBe(true);
    }
    expectDescending(rows.map((r) => r.coRaters as number));
    expect(new Set(rows.map((r) => `${r.movieA}-${r.movieB}`)).size).toBe(10);
    expect(rows[0]).toMatchObject({ titleA: "Shawshank Redemption, The", titleB: "Forrest Gump", coRaters: 231 });
  });

  it("co-rated-pairs: only counts liked ratings with minRating, and says when a short candidate list may miss pairs", async () => {
    const liked = (await run("co-rated-pairs", "minRating=4", "limit=3")).rows;
    for (const row of liked) {
      const [check] = await db.read(Q.coRaters, { a: row.movieA, b: row.movieB, minRating: 4 });
      expect(row.coRaters).toBe(check.count);
    }
    const few = (await run("co-rated-pairs", "candidates=3", "limit=10")).rows;
    expect(few).toHaveLength(3);
    expect(few.some((r) => r.certain === false)).toBe(true);
  });

  it("user-genre-profile: the user's counts per genre, matching the API's top genres", async () => {
    const rows = rowsOf("user-genre-profile");
    const api = await db.read(Q.topGenres, { userId: 1, first: 100 });
    expect(rows.map((r) => [r.genre, r.ratings])).toEqual(api.map((r) => [r.genre, r.ratings]));
    const [{ ids }] = await db.read(Q.ratedIds, { userId: 1 });
    for (const row of rows) expect(row.share).toBeCloseTo((row.ratings as number) / (ids as number[]).length, 10);
    expect(rows.every((r) => (r.lift as number) > 0)).toBe(true);
    expect((await run("user-genre-profile", "userId=999999")).rows).toEqual([]);
  });

  it("user-tag-profile: genome tags of the user's movies, strongest likes and dislikes first", async () => {
    const rows = rowsOf("user-tag-profile");
    expect(rows.length).toBe(15);
    expect(rows.every((r) => (r.movies as number) >= 2 && (r.examples as string[]).length > 0)).toBe(true);
    expectDescending(rows.map((r) => Math.abs(r.evidence as number)));
    expect(rows.some((r) => (r.affinity as number) < 0)).toBe(true);
    expect(rows.some((r) => (r.affinity as number) > 0)).toBe(true);
  });

  it("shortest-rater-path: alternates movies and raters, and honours minRating", async () => {
    const [row] = rowsOf("shortest-rater-path");
    const path = row.path as string[];
    expect(row.hops).toBe(2 * (row.raters as number));
    expect(path).toHaveLength((row.hops as number) + 1);
    expect(path[0]).toBe("Toy Story (1995)");
    expect(path.at(-1)).toBe("Come See the Paradise (1990)");
    path.forEach((node, i) => expect(node.startsWith("user ")).toBe(i % 2 === 1));
    // The one person who rated Come See the Paradise gave it 1 star.
    expect((await run("shortest-rater-path", "minRating=4")).rows).toEqual([]);
    const [liked] = (await run("shortest-rater-path", "otherId=2", "minRating=4")).rows;
    expect((liked.ratings as number[]).every((r) => r >= 4)).toBe(true);
    expect((await run("shortest-rater-path", "otherId=1")).rows).toEqual([]);
  });

  it("similar-users-by-co-rating: other users with enough shared movies, by Jaccard", () => {
    const rows = rowsOf("similar-users-by-co-rating");
    expect(rows).toHaveLength(10);
    expect(rows.every((r) => r.userId !== 1 && (r.shared as number) >= 10)).toBe(true);
    expect(rows.every((r) => r.pearson === null || Math.abs(r.pearson as number) <= 1 + 1e-9)).toBe(true);
    expectDescending(rows.map((r) => r.jaccard as number));
  });

  it("similar-users-by-model: the active version's neighbours only, even with a retired version still stored", async () => {
    const before = rowsOf("similar-users-by-model");
    expect(before.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expectDescending(before.map((r) => r.score as number));
    await trainModels(db, { kinds: ["user-knn"] });
    const after = (await run("similar-users-by-model")).rows;
    expect(after.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(new Set(after.map((r) => r.version))).toEqual(new Set([(before[0].version as number) + 1]));
    expect(after.map((r) => r.userId)).toEqual(before.map((r) => r.userId));
    const models = (await run("models")).rows.filter((r) => r.name === "user-knn");
    expect(models.map((r) => [r.version, r.status])).toEqual([
      [(before[0].version as number) + 1, "active"],
      [before[0].version, "retired"],
    ]);
    expect((await run("similar-users-by-model", "model=item-knn")).rows).toEqual([]);
  });

  it("cf-vs-content-neighbours: well-rated movies, least content-like collaborative neighbours first, exact content cosines", async () => {
    const rows = rowsOf("cf-vs-content-neighbours");
    expect(rows).toHaveLength(10);
    for (const row of rows) {
      expect(row.ratings as number).toBeGreaterThanOrEqual(50);
      expect(row.shared as number).toBeLessThanOrEqual(20);
      for (const cosine of [row.cfCosine, row.contentCosine] as number[]) expect(Math.abs(cosine)).toBeLessThanOrEqual(1 + 1e-6);
      expect(row.contentCosine as number).toBeGreaterThan(row.cfCosine as number);
    }
    const cfCosines = rows.map((r) => r.cfCosine as number);
    expect(cfCosines).toEqual([...cfCosines].sort((a, b) => a - b));
    const api = await similar().similar(rows[0].movieId as number, 20, "CONTENT");
    expect(rows[0].contentCosine as number).toBeCloseTo(api.reduce((sum, r) => sum + r.score, 0) / api.length, 5);
  });

  it("cf-vs-content-neighbours: a hundred movies fit in the test server's transaction memory", async () => {
    expect((await run("cf-vs-content-neighbours", "limit=100")).rows).toHaveLength(100);
  });

  it("long-tail-from-neighbours: rarely rated movies the user has not rated, by support", async () => {
    const rows = rowsOf("long-tail-from-neighbours");
    const [{ ids }] = await db.read(Q.ratedIds, { userId: 1 });
    for (const row of rows) {
      expect(ids as number[]).not.toContain(row.movieId);
      expect(row.ratings as number).toBeLessThanOrEqual(20);
      expect(row.likedBy as number).toBeGreaterThan(0);
      expect(row.theirAverage as number).toBeGreaterThanOrEqual(4);
    }
    expectDescending(rows.map((r) => r.support as number));
  });

  it("recommendation-genres: the genres of the API's own ALS recommendations", async () => {
    const service = new RecommendationService(db, new ModelRuntime(db, createLogger("silent")), new CommitWatch(db, 0));
    const recommended = await service.forUser(1, { first: 50, strategy: "ALS", filter: {} });
    const movies = await db.read(Q.moviesById, { ids: recommended.map((r) => r.movieId) });
    const perGenre = new Map<string, number>();
    for (const movie of movies) for (const genre of movie.genres as string[]) perGenre.set(genre, (perGenre.get(genre) ?? 0) + 1);
    const rows = rowsOf("recommendation-genres");
    expect(new Map(rows.map((r) => [r.genre as string, r.recommended as number]))).toEqual(perGenre);
    const top = rows[0];
    expect(top.share).toBeCloseTo((top.recommended as number) / 50, 10);
    expect((top.examples as string[])[0]).toBe(movies.find((m) => (m.genres as string[]).includes(top.genre as string))!.title);
  });

  it("rating-trends-by-year: every rating once, half stars only from 2003", async () => {
    const rows = rowsOf("rating-trends-by-year");
    expect(rows.reduce((sum, r) => sum + (r.ratings as number), 0)).toBe(100_836);
    expect(rows[0].year).toBe(1996);
    expect(rows.at(-1)!.year).toBe(2018);
    expect(rows.filter((r) => (r.year as number) < 2003).every((r) => r.halfStarShare === 0)).toBe(true);
    const noir = (await run("rating-trends-by-year", "genre=Film-Noir")).rows;
    expect(noir.reduce((sum, r) => sum + (r.ratings as number), 0)).toBeLessThan(100_836);
    expect((await run("rating-trends-by-year", "genre=Nope")).rows).toEqual([]);
  });

  it("genre-co-occurrence, polarising-movies, top-taggers, top-user-tags: ordered as documented", () => {
    const pairs = rowsOf("genre-co-occurrence");
    expect(pairs.every((r) => (r.genreA as string) < (r.genreB as string))).toBe(true);
    expectDescending(pairs.map((r) => r.movies as number));
    const polarising = rowsOf("polarising-movies");
    expect(polarising.every((r) => (r.ratings as number) >= 30)).toBe(true);
    expectDescending(polarising.map((r) => r.stdDev as number));
    const taggers = rowsOf("top-taggers");
    expectDescending(taggers.map((r) => r.tags as number));
    expect(taggers.every((r) => (r.favourites as string[]).length > 0 && (r.distinctTags as number) <= (r.tags as number))).toBe(true);
    const tags = rowsOf("top-user-tags");
    expectDescending(tags.map((r) => r.users as number));
    expect(tags.some((r) => r.inGenome === true)).toBe(true);
  });

  it("top-movies-by-genre: ranks 1..3 per genre, Bayesian averages pulled toward the global mean", () => {
    const rows = rowsOf("top-movies-by-genre");
    const genres = new Set(rows.map((r) => r.genre));
    expect(genres.size).toBeGreaterThanOrEqual(19);
    for (const genre of genres) {
      const mine = rows.filter((r) => r.genre === genre);
      expect(mine.map((r) => r.rank)).toEqual([1, 2, 3].slice(0, mine.length));
      expectDescending(mine.map((r) => r.bayesianAverage as number));
    }
    for (const row of rows.filter((r) => (r.averageRating as number) > 3.6)) {
      expect(row.bayesianAverage as number).toBeLessThan(row.averageRating as number);
    }
  });

  it("movie-neighbourhood: every relation, SIMILAR and CONTENT matching the API's similar movies", async () => {
    const rows = rowsOf("movie-neighbourhood");
    expect([...new Set(rows.map((r) => r.relation))]).toEqual(["IN_GENRE", "HAS_TAG", "TAGGED", "SIMILAR", "CONTENT", "CO_RATED"]);
    const cf = await db.read(Q.cfNeighbours, { movieId: 1, first: 5 });
    expect(rows.filter((r) => r.relation === "SIMILAR").map((r) => r.id)).toEqual(cf.map((r) => r.movieId));
    // Compared by score: movies with the same embedding tie, and the two break ties differently.
    const content = rows.filter((r) => r.relation === "CONTENT");
    const api = await similar().similar(1, 5, "CONTENT");
    expect(content).toHaveLength(5);
    content.forEach((row, i) => expect(row.weight as number).toBeCloseTo(api[i].score, 5));
    expect(content.every((r) => r.id !== 1)).toBe(true);
  });

  it("models: the active versions with their neighbour relationships counted", async () => {
    const rows = rowsOf("models");
    expect(rows.filter((r) => r.status === "active").map((r) => r.name)).toEqual(["als", "content", "item-knn", "user-knn"]);
    const [similar] = await db.read(Q.similarCount, { model: "item-knn" });
    expect(rows.find((r) => r.name === "item-knn")!.neighbourLinks).toBe(similar.count);
  });
});

const TSX_LOADER = pathToFileURL(join(PACKAGE_ROOT, "node_modules/tsx/dist/loader.mjs")).href;

/** `cinegraph cypher …` as a user runs it, against the test server. */
function cli(...args: string[]) {
  const neo4j = inject("neo4j");
  const result = spawnSync(process.execPath, ["--import", TSX_LOADER, join(PACKAGE_ROOT, "src/cli/index.ts"), "cypher", ...args], {
    cwd: mkdtempSync(join(tmpdir(), "cinegraph-cli-")),
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      TSX_TSCONFIG_PATH: join(PACKAGE_ROOT, "tsconfig.json"),
      NEO4J_URI: neo4j.uri,
      NEO4J_USER: neo4j.user,
      NEO4J_PASSWORD: neo4j.password,
      NEO4J_DATABASE: neo4j.database,
      LOG_LEVEL: "warn",
    },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("cinegraph cypher against the graph", () => {
  it("prints a table", () => {
    const { code, stdout, stderr } = cli("co-rated-pairs", "-p", "limit=3");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^movieA +titleA +movieB +titleB +coRaters +jaccard +certain$/);
    expect(lines[1]).toMatch(/^-+( +-+){6}$/);
    expect(lines[2]).toMatch(/^ +318 +Shawshank Redemption, The +356 +Forrest Gump +231 +0\.5566 +true$/);
    expect(lines).toHaveLength(6);
    expect(lines[5]).toMatch(/^3 rows in \d+ ms$/);
  });

  it("prints the rows as JSON with --json", async () => {
    const { code, stdout } = cli("user-genre-profile", "--param", "userId=414", "-p", "limit=5", "--json");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual((await run("user-genre-profile", "userId=414", "limit=5")).rows);
  });

  it("prints nothing but an error for a bad parameter, and one for a value the server refuses", () => {
    const bad = cli("user-genre-profile", "-p", "userId=one");
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe("");
    expect(bad.stderr.trim()).toBe('error: parameter userId: expected an integer, got "one"');
    const refused = cli("co-rated-pairs", "-p", "limit=-1");
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe("");
    expect(refused.stderr.trim()).toMatch(/^error: co-rated-pairs: LIMIT: Invalid input\. '-1' is not a valid value\. Must be a non-negative integer\.$/);
  });
});
