import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QueryTimeoutError, type Database } from "../../src/db/database.js";
import { wipeGraph } from "../../src/graph/dataset.js";
import { cypher } from "../../src/db/queries.js";
import { openRelease } from "../../src/ingest/formats/detect.js";
import { loadRelease } from "../../src/ingest/loader.js";
import { loadSearchIndex, type MovieSearch } from "../../src/graphql/movie/movie-search.js";
import { createLogger } from "../../src/logger.js";
import { trainModels } from "../../src/models/train/trainer.js";
import { buildServer, type BuiltServer } from "../../src/server.js";
import { ML_LATEST_SMALL, openTestDatabase } from "./helpers.js";

const Q = { referenceSearch: cypher("check/reference-search") };

let db: Database;
let server: BuiltServer;
let http: Server;
let base: string;

beforeAll(async () => {
  db = await openTestDatabase();
  await wipeGraph(db);
  await loadRelease(db, openRelease(ML_LATEST_SMALL));
  server = await buildServer(db, createLogger("silent"));
  http = server.app.listen(0, "127.0.0.1");
  await new Promise((resolve) => http.once("listening", resolve));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => http.close(() => resolve()));
  await server.stop();
  await wipeGraph(db);
  await db.close();
});

async function run(query: string, variables: Record<string, unknown> = {}) {
  const response = await server.apollo.executeOperation({ query, variables }, { contextValue: server.contextFor() });
  if (response.body.kind !== "single") throw new Error("expected a single result");
  return response.body.singleResult;
}

describe("movie", () => {
  it("returns a movie with links and rating stats", async () => {
    const result = await run(`{ movie(id: "1") { id title year genres imdbUrl tmdbUrl ratingCount averageRating } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.movie).toEqual({
      id: "1",
      title: "Toy Story",
      year: 1995,
      genres: ["Adventure", "Animation", "Children", "Comedy", "Fantasy"],
      imdbUrl: "https://www.imdb.com/title/tt0114709/",
      tmdbUrl: "https://www.themoviedb.org/movie/862",
      ratingCount: 215,
      averageRating: expect.closeTo(3.92093, 4),
    });
  });

  it("is null for an unknown id and BAD_USER_INPUT for a malformed one", async () => {
    expect((await run(`{ movie(id: "999999999") { id } }`)).data?.movie).toBeNull();
    const bad = await run(`{ movie(id: "1 OR 1=1") { id } }`);
    expect(bad.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("movie details", () => {
  it("has a rating histogram with every half star, summing to the rating count", async () => {
    const result = await run(`{ movie(id: "1") { ratingCount ratingHistogram { rating count } } }`);
    const movie = result.data?.movie as { ratingCount: number; ratingHistogram: Array<{ rating: number; count: number }> };
    expect(movie.ratingHistogram.map((b) => b.rating)).toEqual([0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5]);
    expect(movie.ratingHistogram.map((b) => b.count)).toEqual([1, 0, 1, 6, 8, 34, 18, 82, 18, 47]);
    expect(movie.ratingHistogram.reduce((sum, b) => sum + b.count, 0)).toBe(movie.ratingCount);
  });

  it("lists user tags by use, no genome tags without a genome, and no poster without a TMDB key", async () => {
    const result = await run(`{ movie(id: "1") { userTags { tag count } topTags { tag } posterUrl } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.movie).toEqual({ userTags: [{ tag: "pixar", count: 2 }, { tag: "fun", count: 1 }], topTags: [], posterUrl: null });
  });

  it("pages through a movie's ratings newest first, with their users and movie", async () => {
    const query = `query($after: String) { movie(id: "1") { ratings(first: 2, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { rating ratedAt user { id } movie { title } } } } } }`;
    type Page = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: Array<{ node: { rating: number; ratedAt: string; user: { id: string }; movie: { title: string } } }> };
    const first = (await run(query)).data?.movie as { ratings: Page };
    expect(first.ratings.totalCount).toBe(215);
    expect(first.ratings.edges.map((e) => e.node)).toEqual([
      { rating: 4, ratedAt: new Date(1535709666 * 1000).toISOString(), user: { id: "596" }, movie: { title: "Toy Story" } },
      { rating: 4, ratedAt: new Date(1533872400 * 1000).toISOString(), user: { id: "514" }, movie: { title: "Toy Story" } },
    ]);
    const second = (await run(query, { after: first.ratings.pageInfo.endCursor })).data?.movie as { ratings: Page };
    expect(second.ratings.edges).toHaveLength(2);
    expect(second.ratings.edges.map((e) => e.node.user.id)).not.toContain("596");
  });
});

describe("users", () => {
  const ratings = `query($order: RatingOrder) { user(id: "1") { ratingCount ratings(first: 3, orderBy: $order) { totalCount edges { node { rating movie { id } } } } } }`;
  const ids = async (order: string) =>
    ((await run(ratings, { order })).data?.user as { ratings: { edges: Array<{ node: { movie: { id: string } } }> } }).ratings.edges.map((e) => e.node.movie.id);

  it("orders a user's ratings as asked, ties newest first", async () => {
    expect(await ids("HIGHEST")).toEqual(["553", "157", "1298"]);
    expect((await ids("LOWEST")).slice(0, 2)).toEqual(["3176", "2338"]);
    expect((await ids("RECENT")).slice(0, 2)).toEqual(["2492", "2012"]);
    const oldest = await ids("OLDEST");
    expect(oldest).toHaveLength(3);
    expect(oldest).not.toContain("2492");
  });

  it("lists users by id with their rating counts, page by page", async () => {
    const query = `query($after: String) { users(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id ratingCount } } } }`;
    const page1 = (await run(query)).data?.users as { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: Array<{ node: { id: string; ratingCount: number } }> };
    expect(page1.totalCount).toBe(610);
    expect(page1.edges.map((e) => e.node)).toEqual([{ id: "1", ratingCount: 232 }, { id: "2", ratingCount: 29 }]);
    const page2 = (await run(query, { after: page1.pageInfo.endCursor })).data?.users as typeof page1;
    expect(page2.edges.map((e) => e.node.id)).toEqual(["3", "4"]);
  });

  it("answers an unknown user's ratings with null, and a bad order with a validation error", async () => {
    expect((await run(`{ user(id: "999999") { ratings { totalCount } } }`)).data?.user).toBeNull();
    const bad = await run(`{ user(id: "1") { ratings(orderBy: BEST) { totalCount } } }`);
    expect(bad.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});

describe("limits", () => {
  it("refuses queries nested deeper than the limit before running them", async () => {
    const deep = `{ movie(id: "1") { similar { movie { similar { movie { similar { movie { similar { movie { similar { movie { similar { movie { title } } } } } } } } } } } } } }`;
    const result = await run(deep);
    expect(result.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(result.errors?.[0].message).toMatch(/depth/i);
    expect(result.data).toBeUndefined();
  });

  it("prices pages by their size and refuses an operation that costs too much", async () => {
    const wide = `{ movies(first: 100) { edges { node { similar(first: 100) { movie { similar(first: 100) { score } } } } } } }`;
    const result = await run(wide);
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });
    expect(result.errors?.[0].message).toMatch(/too complex/);
    const sameButSmall = await run(`{ movies(first: 2) { edges { node { title } } } }`);
    expect(sameButSmall.errors).toBeUndefined();
  });

  it("prices the same query text again when a page size or an @include it depends on changes", async () => {
    const query = `query($n: Int, $deep: Boolean!, $id: ID!) {
      movie(id: $id) { title similar(first: $n, by: GENRE) { movie { similar(first: $n, by: GENRE) { movie { title similar(first: $n, by: GENRE) @include(if: $deep) { score } } } } } }
    }`;
    const code = async (variables: Record<string, unknown>) => (await run(query, variables)).errors?.[0]?.extensions?.code;
    expect(await code({ n: 3, deep: true, id: "1" })).toBeUndefined();
    expect(await code({ n: 40, deep: true, id: "1" })).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(await code({ n: 40, deep: false, id: "1" })).toBeUndefined();
    expect(await code({ n: 40, deep: true, id: "2" })).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(await code({ n: 3, deep: true, id: "2" })).toBeUndefined();
    expect(await code({ n: "many", deep: true, id: "1" })).toBe("BAD_USER_INPUT");
  });

  it("refuses too many aliases", async () => {
    const aliases = Array.from({ length: 30 }, (_, i) => `m${i}: movie(id: "1") { title }`).join(" ");
    expect((await run(`{ ${aliases} }`)).errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});

describe("service unavailable", () => {
  it("says which model to train when a strategy's model is not trained", async () => {
    const result = await run(`{ recommendations(userId: "1", strategy: ALS) { rank } }`);
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: "SERVICE_UNAVAILABLE" } });
    expect(result.errors?.[0].message).toContain("cinegraph train");
  });

  it("stops a query that runs past the configured timeout, with an error of its own", async () => {
    const impatient = await openTestDatabase(300);
    try {
      const started = Date.now();
      await expect(impatient.read(cypher("check/slow"))).rejects.toBeInstanceOf(QueryTimeoutError);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await impatient.close();
    }
  });
});

describe("movies", () => {
  const query = `query($search: String, $genres: [String!], $yearFrom: Int, $yearTo: Int, $first: Int, $after: String) {
    movies(search: $search, genres: $genres, yearFrom: $yearFrom, yearTo: $yearTo, first: $first, after: $after) {
      totalCount
      edges { cursor node { id title year } }
      pageInfo { hasNextPage endCursor }
    }
  }`;

  it("filters by title text, genres and years and pages through results", async () => {
    const first = await run(query, { search: "toy story", first: 2 });
    expect(first.errors).toBeUndefined();
    const page1 = first.data?.movies as { totalCount: number; edges: Array<{ node: { title: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string } };
    expect(page1.totalCount).toBe(3);
    expect(page1.edges.map((e) => e.node.title)).toEqual(["Toy Story", "Toy Story 2"]);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await run(query, { search: "toy story", first: 2, after: page1.pageInfo.endCursor });
    const page2 = second.data?.movies as typeof page1;
    expect(page2.edges.map((e) => e.node.title)).toEqual(["Toy Story 3"]);
    expect(page2.pageInfo.hasNextPage).toBe(false);

    const animated90s = await run(query, { genres: ["Animation", "Children"], yearFrom: 1995, yearTo: 1995, first: 100 });
    const titles = (animated90s.data?.movies as typeof page1).edges.map((e) => e.node.title);
    expect(titles).toContain("Toy Story");
    expect(titles).not.toContain("Toy Story 2");
  });

  it.each([
    [{ first: 101 }, "first must be between 0 and 100, got 101"],
    [{ first: -1 }, "first must be between 0 and 100, got -1"],
    [{ after: "not-a-cursor" }, "after is not a cursor this API returned"],
    [{ yearFrom: 2000, yearTo: 1990 }, "yearFrom must not be after yearTo"],
  ])("rejects %j as BAD_USER_INPUT", async (variables, message) => {
    const result = await run(query, variables);
    expect(result.errors?.[0]).toMatchObject({ message, extensions: { code: "BAD_USER_INPUT" } });
  });

  it("puts titles that start with the text first, then the most rated, unless asked otherwise", async () => {
    const titles = async (orderBy?: string) =>
      ((await run(`query($o: MovieOrder! = RELEVANCE) { movies(search: "matrix", first: 3, orderBy: $o) { edges { node { title } } } }`, orderBy ? { o: orderBy } : {})).data?.movies as {
        edges: Array<{ node: { title: string } }>;
      }).edges.map((e) => e.node.title);
    expect((await titles())[0]).toBe("Matrix, The");
    expect(await titles("TITLE")).toEqual(["Animatrix, The", "Matrix Reloaded, The", "Matrix Revolutions, The"]);
    const newest = await run(`{ movies(genres: ["Animation"], first: 2, orderBy: NEWEST) { edges { node { year } } } }`);
    expect((newest.data?.movies as { edges: Array<{ node: { year: number } }> }).edges[0].node.year).toBe(2018);
  });

  it("agrees with the search Cypher ran before, on the whole catalogue", async () => {
    const index = await loadSearchIndex(db);
    expect(index.size).toBe(9742);
    let compared = 0;
    for (const search of [null, "", "the", "star", "a", "ii", "é", "(19", "zzzz"]) {
      for (const orderBy of ["RELEVANCE", "POPULARITY", "TITLE", "NEWEST"] as const) {
        for (const [genres, yearFrom, yearTo] of [[[], null, null], [["Drama", "Romance"], 1990, 1999]] as Array<[string[], number | null, number | null]>) {
          for (const offset of [0, 37]) {
            const query: MovieSearch = { search, genres, yearFrom, yearTo, orderBy, offset, limit: 12 };
            const [row] = await db.read(Q.referenceSearch, { search, genres, yearFrom, yearTo, order: orderBy, offset, limit: 12 });
            const page = row.page as number[];
            expect(index.search(query), JSON.stringify(query)).toEqual({ total: row.total, ids: page.slice(0, 12), hasNextPage: page.length > 12 });
            compared += 1;
          }
        }
      }
    }
    expect(compared).toBe(144);
  });

  it("treats injection-looking search text as plain text", async () => {
    const result = await run(query, { search: "') MATCH (n) DETACH DELETE n //" });
    expect(result.errors).toBeUndefined();
    expect((result.data?.movies as { totalCount: number }).totalCount).toBe(0);
    expect((await run(`{ stats { movies } }`)).data?.stats).toEqual({ movies: 9742 });
  });
});

describe("stats", () => {
  it("counts the data set and its rating distribution", async () => {
    const result = await run(`{ stats { users movies ratings tags genres ratingDistribution { rating count } ratingsPerGenre { genre ratings } } }`);
    const stats = result.data?.stats as {
      users: number; movies: number; ratings: number; tags: number; genres: number;
      ratingDistribution: Array<{ rating: number; count: number }>;
      ratingsPerGenre: Array<{ genre: string; ratings: number }>;
    };
    expect(stats).toMatchObject({ users: 610, movies: 9742, ratings: 100836, tags: 3683, genres: 19 });
    expect(stats.ratingDistribution).toHaveLength(10);
    expect(stats.ratingDistribution.reduce((sum, b) => sum + b.count, 0)).toBe(100836);
    expect(stats.ratingDistribution.find((b) => b.rating === 4)?.count).toBe(26818);
    expect(stats.ratingsPerGenre[0]).toEqual({ genre: "Drama", ratings: 41928 });
  });
});

describe("HTTP", () => {
  it("reports live, and ready only once a model is active", async () => {
    expect(await (await fetch(`${base}/health/live`)).json()).toEqual({ status: "ok" });
    const before = await fetch(`${base}/health/ready`);
    expect(before.status).toBe(503);
    expect(await before.json()).toEqual({
      status: "not ready",
      database: "up",
      dataset: { name: "ml-latest-small", status: "complete" },
      models: [],
    });
    await trainModels(db, { kinds: ["popularity"] });
    const after = await fetch(`${base}/health/ready`);
    expect(after.status).toBe(200);
    expect(await after.json()).toEqual({
      status: "ready",
      database: "up",
      dataset: { name: "ml-latest-small", status: "complete" },
      models: [{ name: "popularity", version: 1 }],
    });
  });

  it("answers GraphQL over POST with a request id header", async () => {
    const response = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "test-123" },
      body: JSON.stringify({ query: `{ movie(id: "2") { title } }` }),
    });
    expect(response.headers.get("x-request-id")).toBe("test-123");
    expect(await response.json()).toEqual({ data: { movie: { title: "Jumanji" } } });
  });

  it("serves the GraphQL IDE with its scripts to browsers, and GraphQL to everyone else", async () => {
    const page = await fetch(`${base}/graphql`, { headers: { accept: "text/html,application/xhtml+xml" } });
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<script src="/ide/graphiql.js"></script>');
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain("recommendations(userId");
    for (const asset of ["react.js", "react-dom.js", "graphiql.js", "graphiql.css"]) {
      expect((await fetch(`${base}/ide/${asset}`)).status, asset).toBe(200);
    }
    const query = await fetch(`${base}/graphql?query=${encodeURIComponent('{ movie(id: "2") { title } }')}`, {
      headers: { accept: "application/json", "apollo-require-preflight": "true" },
    });
    expect(await query.json()).toEqual({ data: { movie: { title: "Jumanji" } } });
  });

  it("answers malformed queries with a parse error, not a crash", async () => {
    const response = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ movie(id: " }),
    });
    const body = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0].extensions.code).toBe("GRAPHQL_PARSE_FAILED");
  });
});
