import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/database.js";
import { cypher } from "../../src/db/queries.js";
import { wipeGraph } from "../../src/graph/dataset.js";
import { openRelease } from "../../src/ingest/formats/detect.js";
import { loadRelease } from "../../src/ingest/loader.js";
import { createLogger } from "../../src/logger.js";
import { defaultPlan } from "../../src/models/eval/background-evaluation.js";
import { EvaluationStore } from "../../src/models/eval/evaluation-store.js";
import { runEvaluation } from "../../src/models/eval/run-evaluation.js";
import { loadTrainingData } from "../../src/models/store/training-data.js";
import { trainModels } from "../../src/models/train/trainer.js";
import { FAVOURITES } from "../../src/recommend/explain.service.js";
import { buildServer, type BuiltServer } from "../../src/server.js";
import { GENOME, ML_LATEST_SMALL, openTestDatabase } from "./helpers.js";

const TOKEN = "test-token-0123456789";

const Q = {
  ratedIds: cypher("check/user-rated-ids"),
  addRating: cypher("check/add-rating"),
  addUser: cypher("check/add-user"),
  relationshipById: cypher("check/relationship-by-id"),
  favourites: cypher("check/user-favourites"),
  counts: cypher("check/graph-size"),
};

let db: Database;
let server: BuiltServer;

beforeAll(async () => {
  db = await openTestDatabase();
  await wipeGraph(db);
  await loadRelease(db, openRelease(ML_LATEST_SMALL, { genomeDir: GENOME }));
  await trainModels(db, { kinds: ["popularity", "bias", "item-knn", "user-knn", "mf", "als", "content", "hybrid"], epochs: 5 });
  server = await buildServer(db, createLogger("silent"), { apiToken: TOKEN });
});

afterAll(async () => {
  await server.stop();
  await wipeGraph(db);
  await db.close();
});

type Rec = { rank: number; score: number; movie: { id: string; title: string; year: number | null; genres: string[] }; components: { cf: number | null; content: number | null; popularity: number | null } };

async function run(query: string, variables: Record<string, unknown> = {}, authorization?: string) {
  const response = await server.apollo.executeOperation({ query, variables }, { contextValue: server.contextFor(undefined, authorization) });
  if (response.body.kind !== "single") throw new Error("expected a single result");
  return response.body.singleResult;
}

const RECOMMEND = `query($userId: ID!, $first: Int, $strategy: Strategy, $filter: RecommendationFilter) {
  recommendations(userId: $userId, first: $first, strategy: $strategy, filter: $filter) {
    rank score movie { id title year genres } components { cf content popularity }
  }
}`;

async function recommend(variables: Record<string, unknown>): Promise<Rec[]> {
  const result = await run(RECOMMEND, variables);
  expect(result.errors).toBeUndefined();
  return result.data?.recommendations as Rec[];
}

async function ratedBy(userId: number): Promise<Set<string>> {
  const [row] = await db.read(Q.ratedIds, { userId });
  return new Set((row.ids as number[]).map(String));
}

describe("recommendations", () => {
  it.each(["POPULAR", "ITEM_KNN", "USER_KNN", "MF", "ALS", "CONTENT", "HYBRID"])(
    "%s gives `first` movies the user has not rated, ranked 1…n by descending score",
    async (strategy) => {
      const recs = await recommend({ userId: "1", first: 10, strategy });
      expect(recs.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      const rated = await ratedBy(1);
      expect(recs.filter((r) => rated.has(r.movie.id))).toEqual([]);
      expect(new Set(recs.map((r) => r.movie.id)).size).toBe(10);
      for (let i = 1; i < recs.length; i++) expect(recs[i].score).toBeLessThanOrEqual(recs[i - 1].score);
    },
  );

  it("splits a hybrid score into parts that add up to it", async () => {
    for (const r of await recommend({ userId: "7", first: 5, strategy: "HYBRID" })) {
      expect(r.components.cf! + r.components.content! + r.components.popularity!).toBeCloseTo(r.score, 4);
    }
    const als = await recommend({ userId: "7", first: 1, strategy: "ALS" });
    expect(als[0].components).toEqual({ cf: null, content: null, popularity: null });
  });

  it("applies filters before cutting to `first`", async () => {
    const recs = await recommend({ userId: "1", first: 10, strategy: "ALS", filter: { genres: ["Horror"], excludeGenres: ["Comedy"], yearFrom: 2000, yearTo: 2010, minRatingCount: 5 } });
    expect(recs).toHaveLength(10);
    for (const r of recs) {
      expect(r.movie.genres).toContain("Horror");
      expect(r.movie.genres).not.toContain("Comedy");
      expect(r.movie.year).toBeGreaterThanOrEqual(2000);
      expect(r.movie.year).toBeLessThanOrEqual(2010);
    }
  });

  it("is deterministic", async () => {
    expect(await recommend({ userId: "42", first: 10, strategy: "HYBRID" })).toEqual(await recommend({ userId: "42", first: 10, strategy: "HYBRID" }));
  });

  it("follows a rating written outside the API (Cypher, another process) once CACHE_TTL_MS has passed", async () => {
    const ttl = 1000;
    const other = await buildServer(db, createLogger("silent"), { cacheTtlMs: ttl });
    const recommendOn = async (userId: string) => {
      const response = await other.apollo.executeOperation(
        { query: RECOMMEND, variables: { userId, first: 5, strategy: "ALS" } },
        { contextValue: other.contextFor() },
      );
      if (response.body.kind !== "single") throw new Error("expected a single result");
      expect(response.body.singleResult.errors).toBeUndefined();
      return response.body.singleResult.data?.recommendations as Rec[];
    };
    try {
      // Loading the models takes longer than the ttl, so it happens before the timed part.
      await recommendOn("4");
      const before = await recommendOn("3");
      await db.write(Q.addRating, { userId: 3, movieId: Number(before[0].movie.id), rating: 5, timestamp: 1_600_000_000 });
      expect(await recommendOn("3")).toEqual(before);
      await new Promise((resolve) => setTimeout(resolve, ttl + 100));
      const after = await recommendOn("3");
      expect(after.map((r) => r.movie.id)).not.toContain(before[0].movie.id);
      expect(after).not.toEqual(before.slice(1));
    } finally {
      await other.stop();
    }
  });

  it("reads nothing from the graph while nothing is written, after CACHE_TTL_MS as before it", async () => {
    const ttl = 200;
    const other = await buildServer(db, createLogger("silent"), { cacheTtlMs: ttl });
    const NEIGHBOURS = `query($movieId: ID!, $by: Similarity) { similarMovies(movieId: $movieId, first: 10, by: $by) { score source movie { id title } } }`;
    const ask = async (query: string, variables: Record<string, unknown>) => {
      const response = await other.apollo.executeOperation({ query, variables }, { contextValue: other.contextFor() });
      if (response.body.kind !== "single") throw new Error("expected a single result");
      expect(response.body.singleResult.errors).toBeUndefined();
    };
    const round = async () => {
      for (const userId of ["1", "2", "3", "4", "5"]) await ask(RECOMMEND, { userId, first: 10, strategy: "HYBRID" });
      for (const by of ["CF", "GENRE", "HYBRID"]) await ask(NEIGHBOURS, { movieId: "1", by });
    };
    try {
      await round();
      const before = db.statementsRun;
      for (let r = 0; r < 3; r++) {
        await new Promise((resolve) => setTimeout(resolve, ttl + 50));
        await round();
      }
      // One look at the last commit per round, and perhaps one look for newer models; reading the
      // users' ratings, their movies and the neighbour lists again would be 13 statements a round.
      expect(db.statementsRun - before).toBeLessThanOrEqual(4);
    } finally {
      await other.stop();
    }
  });

  it("sees the graph's last commit move with a write, and only with one", async () => {
    const first = await db.lastCommit();
    await db.read(Q.ratedIds, { userId: 1 });
    expect(await db.lastCommit()).toBe(first);
    await db.write(Q.addRating, { userId: 3, movieId: 1, rating: 4.5, timestamp: 1_600_000_001 });
    const written = await db.lastCommit();
    expect(written).not.toBe(first);
    await db.write(Q.addRating, { userId: 999_999_999, movieId: 1, rating: 4.5, timestamp: 1_600_000_001 });
    expect(await db.lastCommit()).toBe(written);
  });

  it("with CACHE_TTL_MS=0 reads a rating written outside the API on the very next request", async () => {
    const other = await buildServer(db, createLogger("silent"), { cacheTtlMs: 0 });
    const recommendOn = async () => {
      const response = await other.apollo.executeOperation(
        { query: RECOMMEND, variables: { userId: "5", first: 5, strategy: "ALS" } },
        { contextValue: other.contextFor() },
      );
      if (response.body.kind !== "single") throw new Error("expected a single result");
      return response.body.singleResult.data?.recommendations as Rec[];
    };
    try {
      const before = await recommendOn();
      await db.write(Q.addRating, { userId: 5, movieId: Number(before[0].movie.id), rating: 5, timestamp: 1_600_000_000 });
      expect((await recommendOn()).map((r) => r.movie.id)).not.toContain(before[0].movie.id);
    } finally {
      await other.stop();
    }
  });

  it("serves a user without ratings from popularity, not an error", async () => {
    await db.write(Q.addUser, { userId: 900001 });
    const recs = await recommend({ userId: "900001", first: 3, strategy: "MF" });
    expect(recs.map((r) => r.movie.title)).toEqual(["Forrest Gump", "Shawshank Redemption, The", "Pulp Fiction"]);
  });
});

describe("recommendationsFor an anonymous visitor", () => {
  it("follows the liked movies and never returns them", async () => {
    const result = await run(`{ recommendationsFor(likedMovieIds: ["1", "2355", "3114"], first: 10, strategy: CONTENT) { movie { id genres } } }`);
    expect(result.errors).toBeUndefined();
    const recs = result.data?.recommendationsFor as Array<{ movie: { id: string; genres: string[] } }>;
    expect(recs).toHaveLength(10);
    expect(recs.map((r) => r.movie.id)).not.toContain("1");
    const family = recs.filter((r) => r.movie.genres.includes("Animation") || r.movie.genres.includes("Children"));
    expect(family.length).toBeGreaterThanOrEqual(7);
  });

  it("takes ratings too: low ones steer away, and no rated movie comes back", async () => {
    const query = `query($ratings: [MovieRatingInput!], $liked: [ID!]) {
      recommendationsFor(likedMovieIds: $liked, ratings: $ratings, first: 10, strategy: MF) { movie { id } }
    }`;
    const ids = async (variables: Record<string, unknown>) => {
      const result = await run(query, variables);
      expect(result.errors).toBeUndefined();
      return (result.data?.recommendationsFor as Array<{ movie: { id: string } }>).map((r) => r.movie.id);
    };
    const likesOnly = await ids({ liked: ["1", "2355"] });
    const withDislikes = await ids({ liked: ["1", "2355"], ratings: [{ movieId: "318", rating: 1 }, { movieId: "2571", rating: 0.5 }] });
    expect(withDislikes).not.toEqual(likesOnly);
    for (const rated of ["1", "2355", "318", "2571"]) expect(withDislikes).not.toContain(rated);
    const overridden = await ids({ liked: ["1"], ratings: [{ movieId: "1", rating: 1 }] });
    expect(overridden).toEqual(await ids({ ratings: [{ movieId: "1", rating: 1 }] }));
  });

  it.each([
    [{ ratings: [{ movieId: "1", rating: 4.2 }] }, "ratings.rating must be 0.5 to 5 in half stars, got 4.2"],
    [{ ratings: [{ movieId: "x", rating: 4 }] }, 'ratings.movieId must be a positive integer id, got "x"'],
    [{ likedMovieIds: Array.from({ length: 501 }, (_, i) => String(i + 1)) }, "likedMovieIds and ratings take at most 500 movies together"],
  ])("refuses %#", async (variables, message) => {
    const result = await run(`query($ratings: [MovieRatingInput!], $likedMovieIds: [ID!]) { recommendationsFor(likedMovieIds: $likedMovieIds, ratings: $ratings) { rank } }`, variables);
    expect(result.errors?.[0]).toMatchObject({ message, extensions: { code: "BAD_USER_INPUT" } });
  });
});

describe("genres", () => {
  it("lists every genre with its movie count", async () => {
    const result = await run(`{ genres { name movieCount } }`);
    const genres = result.data?.genres as Array<{ name: string; movieCount: number }>;
    expect(genres).toHaveLength(19);
    expect(genres.find((g) => g.name === "Drama")?.movieCount).toBe(4361);
    expect(genres.map((g) => g.name)).toEqual([...genres.map((g) => g.name)].sort());
  });
});

describe("bad input", () => {
  it.each([
    [{ userId: "999999" }, "NOT_FOUND", "no user 999999"],
    [{ userId: "abc" }, "BAD_USER_INPUT", 'userId must be a positive integer id, got "abc"'],
    [{ userId: "1", first: 101 }, "BAD_USER_INPUT", "first must be between 0 and 100, got 101"],
    [{ userId: "1", first: -3 }, "BAD_USER_INPUT", "first must be between 0 and 100, got -3"],
    [{ userId: "1", filter: { yearFrom: 2010, yearTo: 2000 } }, "BAD_USER_INPUT", "filter.yearFrom must not be after filter.yearTo"],
  ])("%j is %s", async (variables, code, message) => {
    const result = await run(RECOMMEND, variables);
    expect(result.errors?.[0]).toMatchObject({ message, extensions: { code } });
  });
});

describe("similarMovies", () => {
  const SIMILAR = `query($movieId: ID, $title: String, $by: Similarity, $first: Int) {
    similarMovies(movieId: $movieId, title: $title, by: $by, first: $first) { score source movie { id title genres } }
  }`;
  type Similar = { score: number; source: string; movie: { id: string; title: string; genres: string[] } };

  it.each(["CONTENT", "CF", "HYBRID", "GENRE"])("finds family films for Toy Story by %s", async (by) => {
    const result = await run(SIMILAR, { movieId: "1", by, first: 10 });
    expect(result.errors).toBeUndefined();
    const similar = result.data?.similarMovies as Similar[];
    expect(similar).toHaveLength(10);
    expect(similar.map((s) => s.movie.id)).not.toContain("1");
    for (let i = 1; i < similar.length; i++) expect(similar[i].score).toBeLessThanOrEqual(similar[i - 1].score);
    const family = similar.filter((s) => s.movie.genres.some((g) => g === "Animation" || g === "Children"));
    expect(family.length, similar.map((s) => s.movie.title).join(", ")).toBeGreaterThanOrEqual(by === "CF" ? 4 : 7);
    expect(similar[0].source).toMatch({ CONTENT: /^content v\d+$/, CF: /^item-knn v\d+$/, HYBRID: /item-knn v\d+ \+ content v\d+/, GENRE: /^genres$/ }[by]!);
  });

  it("takes a title, exact or approximate, and the field on Movie agrees", async () => {
    const byTitle = await run(SIMILAR, { title: "toy story (1995)", by: "GENRE", first: 3 });
    const fuzzy = await run(SIMILAR, { title: "Shawshank Redemptoin", by: "GENRE", first: 3 });
    const byId = await run(SIMILAR, { movieId: "1", by: "GENRE", first: 3 });
    expect(byTitle.data).toEqual(byId.data);
    expect(fuzzy.errors).toBeUndefined();
    const field = await run(`{ movie(id: "1") { similar(by: GENRE, first: 3) { score source movie { id title genres } } } }`);
    expect((field.data?.movie as { similar: unknown }).similar).toEqual(byId.data?.similarMovies);
  });

  it.each([
    [{ title: "Hamlet" }, "BAD_USER_INPUT", /^"Hamlet" matches \d+ movies: .*; pass movieId$/],
    [{ title: "qqqqzzzz xxyyww" }, "NOT_FOUND", /^no movie is titled/],
    [{}, "BAD_USER_INPUT", /^give exactly one of movieId and title$/],
    [{ movieId: "1", title: "Heat" }, "BAD_USER_INPUT", /^give exactly one of movieId and title$/],
    [{ movieId: "999999999" }, "BAD_USER_INPUT", /^no movie 999999999$/],
  ])("%j is %s", async (variables, code, message) => {
    const result = await run(SIMILAR, variables);
    expect(result.errors?.[0].extensions?.code).toBe(code);
    expect(result.errors?.[0].message).toMatch(message);
  });
});

describe("writes", () => {
  const RATE = `mutation($userId: ID!, $movieId: ID!, $rating: Float!) {
    rateMovie(userId: $userId, movieId: $movieId, rating: $rating) { user { id ratingCount } movieId rating changed movie { ratingCount } }
  }`;
  const AUTH = `Bearer ${TOKEN}`;

  it("rateMovie needs the token, and without one changes nothing", async () => {
    const before = await ratedBy(10);
    for (const authorization of [undefined, "Bearer wrong-token-0123456", `Basic ${TOKEN}`]) {
      const result = await run(RATE, { userId: "10", movieId: "1", rating: 4 }, authorization);
      expect(result.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    }
    expect(await ratedBy(10)).toEqual(before);
  });

  it("rateMovie writes the rating, and the next recommendations exclude the movie", async () => {
    const [top] = await recommend({ userId: "12", first: 1, strategy: "HYBRID" });
    const count = (await ratedBy(12)).size;
    const movieRatings = ((await run(`{ movie(id: "${top.movie.id}") { ratingCount } }`)).data?.movie as { ratingCount: number }).ratingCount;
    const result = await run(RATE, { userId: "12", movieId: top.movie.id, rating: 4.5 }, AUTH);
    expect(result.errors).toBeUndefined();
    expect(result.data?.rateMovie).toEqual({
      user: { id: "12", ratingCount: count + 1 },
      movieId: top.movie.id,
      rating: 4.5,
      changed: true,
      movie: { ratingCount: movieRatings + 1 },
    });
    const next = await recommend({ userId: "12", first: 10, strategy: "HYBRID" });
    expect(next.map((r) => r.movie.id)).not.toContain(top.movie.id);
    const deleted = await run(`mutation { deleteRating(userId: "12", movieId: "${top.movie.id}") { rating changed user { ratingCount } } }`, {}, AUTH);
    expect(deleted.data?.deleteRating).toEqual({ rating: null, changed: true, user: { ratingCount: count } });
    // Both were served from memory before the writes; the writes must have dropped them.
    expect((await run(`{ movie(id: "${top.movie.id}") { ratingCount } }`)).data?.movie).toEqual({ ratingCount: movieRatings });
    expect((await recommend({ userId: "12", first: 1, strategy: "HYBRID" }))[0].movie.id).toBe(top.movie.id);
    const again = await run(`mutation { deleteRating(userId: "12", movieId: "${top.movie.id}") { changed } }`, {}, AUTH);
    expect(again.data?.deleteRating).toEqual({ changed: false });
  });

  it.each([
    [{ userId: "12", movieId: "1", rating: 5.5 }, "BAD_USER_INPUT", "rating must be 0.5 to 5 in half stars, got 5.5"],
    [{ userId: "12", movieId: "1", rating: 3.7 }, "BAD_USER_INPUT", "rating must be 0.5 to 5 in half stars, got 3.7"],
    [{ userId: "12", movieId: "1", rating: 0 }, "BAD_USER_INPUT", "rating must be 0.5 to 5 in half stars, got 0"],
    [{ userId: "999999", movieId: "1", rating: 4 }, "NOT_FOUND", "no user 999999"],
    [{ userId: "12", movieId: "999999999", rating: 4 }, "NOT_FOUND", "no movie 999999999"],
    [{ userId: "12", movieId: "'; DROP", rating: 4 }, "BAD_USER_INPUT", `movieId must be a positive integer id, got "'; DROP"`],
  ])("rateMovie %j is %s and changes nothing", async (variables, code, message) => {
    const before = await ratedBy(12);
    const result = await run(RATE, variables, AUTH);
    expect(result.errors?.[0]).toMatchObject({ message, extensions: { code } });
    expect(await ratedBy(12)).toEqual(before);
  });

  it.each([NaN, Infinity, "4"])("rateMovie with rating %s is a typed error and changes nothing", async (rating) => {
    const before = await ratedBy(12);
    const result = await run(RATE, { userId: "12", movieId: "1", rating }, AUTH);
    expect(result.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0].message).toMatch(/rating/);
    expect(await ratedBy(12)).toEqual(before);
  });

  it("createUser makes a user whose likes drive recommendations, all or nothing", async () => {
    const created = await run(`mutation { createUser(likedMovieIds: ["1", "2355", "3114"]) { id ratingCount } }`, {}, AUTH);
    expect(created.errors).toBeUndefined();
    const user = created.data?.createUser as { id: string; ratingCount: number };
    expect(user.ratingCount).toBe(3);
    const recs = await recommend({ userId: user.id, first: 5, strategy: "CONTENT" });
    expect(recs.map((r) => r.movie.id)).not.toContain("1");
    const taken = await run(`mutation { createUser(id: "${user.id}") { id } }`, {}, AUTH);
    expect(taken.errors?.[0]).toMatchObject({ message: `user ${user.id} already exists`, extensions: { code: "BAD_USER_INPUT" } });
    const broken = await run(`mutation { createUser(id: "800123", likedMovieIds: ["1", "999999999"]) { id } }`, {}, AUTH);
    expect(broken.errors?.[0]).toMatchObject({ message: "no movie 999999999", extensions: { code: "NOT_FOUND" } });
    const ghost = await run(`{ user(id: "800123") { id } }`);
    expect(ghost.data).toEqual({ user: null });
  });

  it("user shows rating count, top genres and recommendations", async () => {
    const result = await run(`{ user(id: "1") { id ratingCount topGenres(first: 3) { genre ratings } recommendations(first: 2, strategy: ALS) { rank } } }`);
    expect(result.errors).toBeUndefined();
    const user = result.data?.user as { ratingCount: number; topGenres: Array<{ genre: string; ratings: number }>; recommendations: unknown[] };
    expect(user.ratingCount).toBe(232);
    expect(user.topGenres).toHaveLength(3);
    expect(user.topGenres[0].ratings).toBeGreaterThanOrEqual(user.topGenres[1].ratings);
    expect(user.recommendations).toEqual([{ rank: 1 }, { rank: 2 }]);
  });

  it("writes are refused on a server without a token", async () => {
    const open = await buildServer(db, createLogger("silent"));
    try {
      const response = await open.apollo.executeOperation(
        { query: RATE, variables: { userId: "12", movieId: "1", rating: 4 } },
        { contextValue: open.contextFor(undefined, AUTH) },
      );
      const body = response.body.kind === "single" ? response.body.singleResult : undefined;
      expect(body?.errors?.[0]).toMatchObject({
        message: "writes are disabled on this server (no API_TOKEN is configured)",
        extensions: { code: "UNAUTHENTICATED" },
      });
    } finally {
      await open.stop();
    }
  });
});

describe("explanations", () => {
  type Path = {
    kind: string;
    via: { id: string } | null;
    viaRating: number | null;
    support: number;
    shared: string[];
    nodes: Array<{ id: string; labels: string[]; properties: Record<string, unknown> }>;
    relationships: Array<{ id: string; type: string; start: string; end: string }>;
  };
  const EXPLAIN = `query($userId: ID!, $movieId: ID!, $first: Int) {
    explain(userId: $userId, movieId: $movieId, first: $first) {
      summary
      paths { kind via { id } viaRating support shared nodes { id labels properties } relationships { id type start end } }
    }
  }`;

  const KIND_ORDER = ["CO_RATED", "SIMILAR_MOVIE", "SHARED_TAGS", "SIMILAR_USER", "SHARED_GENRES"];

  async function explain(userId: string, movieId: string, first = 10): Promise<{ summary: string; paths: Path[] }> {
    const result = await run(EXPLAIN, { userId, movieId, first });
    expect(result.errors).toBeUndefined();
    return result.data?.explain as { summary: string; paths: Path[] };
  }

  it("returns paths of every kind, each of which exists in the graph as a connected chain", async () => {
    const [top] = await recommend({ userId: "1", first: 1, strategy: "HYBRID" });
    const seen = new Set<string>();
    for (const movieId of [top.movie.id, "2", "3114"]) {
      const { summary, paths } = await explain("1", movieId);
      expect(summary).toMatch(/^Because /);
      expect(paths.length).toBeLessThanOrEqual(10);
      // The kinds take turns, strongest kind first: every kind shows once before any shows twice.
      const present = new Set(paths.map((p) => p.kind));
      expect(paths.slice(0, present.size).map((p) => p.kind)).toEqual(KIND_ORDER.filter((k) => present.has(k)));
      for (const path of paths) {
        seen.add(path.kind);
        expect(path.nodes[0].properties).toEqual({ id: 1 });
        expect(path.nodes.at(-1)!.properties.id).toBe(Number(movieId));
        expect(path.relationships).toHaveLength(path.nodes.length - 1);
        for (const [i, rel] of path.relationships.entries()) {
          const [stored] = await db.read(Q.relationshipById, { id: rel.id });
          expect(stored, `${path.kind} relationship ${i}`).toEqual({ type: rel.type, start: rel.start, end: rel.end });
          const ends = [path.nodes[i].id, path.nodes[i + 1].id].sort();
          expect([rel.start, rel.end].sort()).toEqual(ends);
        }
        if (path.via) {
          const rated = await ratedBy(1);
          expect(rated.has(path.via.id)).toBe(true);
        }
      }
    }
    expect([...seen].sort()).toEqual(["CO_RATED", "SHARED_GENRES", "SHARED_TAGS", "SIMILAR_MOVIE", "SIMILAR_USER"]);
  });

  it("goes only through a heavy rater's favourites: their highest rated, the most recent first", async () => {
    const { ratingCount } = (await run(`{ user(id: "1") { ratingCount } }`)).data?.user as { ratingCount: number };
    expect(ratingCount).toBeGreaterThan(FAVOURITES);
    const [top] = await recommend({ userId: "1", first: 1, strategy: "ALS" });
    for (const movieId of [top.movie.id, "2", "3114"]) {
      const [row] = await db.read(Q.favourites, { userId: 1, movieId, limit: FAVOURITES });
      const allowed = new Set((row.ids as number[]).map(String));
      const { paths } = await explain("1", movieId);
      const vias = paths.flatMap((p) => (p.via ? [p.via.id] : []));
      expect(vias.length).toBeGreaterThan(0);
      expect(vias.filter((id) => !allowed.has(id))).toEqual([]);
    }
  });

  it("is a lazy field of each recommendation", async () => {
    const result = await run(`{ recommendations(userId: "1", first: 2) { movie { title } explanation(first: 2) { summary paths { kind } } } }`);
    expect(result.errors).toBeUndefined();
    for (const rec of result.data?.recommendations as Array<{ movie: { title: string }; explanation: { summary: string; paths: unknown[] } }>) {
      expect(rec.explanation.summary).toContain(rec.movie.title);
      expect(rec.explanation.paths.length).toBeGreaterThan(0);
    }
  });

  const EXPLAIN_FOR = `query($movieId: ID!, $liked: [ID!], $ratings: [MovieRatingInput!], $first: Int) {
    explainFor(movieId: $movieId, likedMovieIds: $liked, ratings: $ratings, first: $first) {
      summary
      paths { kind via { id } viaRating support shared nodes { id labels properties } relationships { id type start end } }
    }
  }`;

  it("explains a visitor's list from the movies they rated: paths of every kind but similar users, each in the graph", async () => {
    const ratings = [
      { movieId: "1", rating: 5 },
      { movieId: "2355", rating: 4.5 },
      { movieId: "4886", rating: 4 },
      { movieId: "2571", rating: 1 },
    ];
    const seen = new Set<string>();
    // Toy Story 2, Finding Nemo, Jumanji: a sequel, a genome neighbour and a popular family film.
    for (const movie of [{ id: "3114" }, { id: "6377" }, { id: "2" }]) {
      const result = await run(EXPLAIN_FOR, { movieId: movie.id, ratings, first: 10 });
      expect(result.errors).toBeUndefined();
      const { summary, paths } = result.data?.explainFor as { summary: string; paths: Path[] };
      expect(summary).toMatch(/^Because you (rated|liked) /);
      expect(paths.length).toBeGreaterThan(0);
      for (const path of paths) {
        seen.add(path.kind);
        // Starts at a movie the visitor liked, with their rating; the disliked one is never a reason.
        const given = ratings.find((r) => Number(r.movieId) === path.nodes[0].properties.id);
        expect(given, `${path.kind} starts at a rated movie`).toBeDefined();
        expect(path.via?.id).toBe(given!.movieId);
        expect(path.viaRating).toBe(given!.rating);
        if (path.kind !== "SIMILAR_MOVIE") expect(given!.rating).toBeGreaterThanOrEqual(4);
        expect(path.nodes.at(-1)!.properties.id).toBe(Number(movie.id));
        expect(path.relationships).toHaveLength(path.nodes.length - 1);
        for (const [i, rel] of path.relationships.entries()) {
          const [stored] = await db.read(Q.relationshipById, { id: rel.id });
          expect(stored, `${path.kind} relationship ${i}`).toEqual({ type: rel.type, start: rel.start, end: rel.end });
          expect([rel.start, rel.end].sort()).toEqual([path.nodes[i].id, path.nodes[i + 1].id].sort());
        }
      }
    }
    expect([...seen].sort()).toEqual(["CO_RATED", "SHARED_GENRES", "SHARED_TAGS", "SIMILAR_MOVIE"]);
  });

  it("uses a visitor's favourite ratings only, when they give more than that", async () => {
    // The Matrix at 4.5 is the strongest link to its sequel, but a hundred 5-star ratings come before it.
    const fives = ((await run(`{ movies(first: 100, yearFrom: 1990, yearTo: 1995) { edges { node { id } } } }`)).data?.movies as {
      edges: Array<{ node: { id: string } }>;
    }).edges.map(({ node }) => ({ movieId: node.id, rating: 5 }));
    expect(fives).toHaveLength(FAVOURITES);
    const ratings = [...fives, { movieId: "2571", rating: 4.5 }];
    const alone = (await run(EXPLAIN_FOR, { movieId: "6365", ratings: [{ movieId: "2571", rating: 4.5 }], first: 10 })).data?.explainFor as { paths: Path[] };
    expect(alone.paths.some((p) => p.via?.id === "2571")).toBe(true);
    const result = await run(EXPLAIN_FOR, { movieId: "6365", ratings, first: 10 });
    expect(result.errors).toBeUndefined();
    const { paths } = result.data?.explainFor as { paths: Path[] };
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.filter((p) => p.via?.id === "2571")).toEqual([]);
  });

  it("is the lazy explanation field of a visitor's recommendations too, and writes nothing", async () => {
    const before = await db.read(Q.counts);
    const query = `{ recommendationsFor(likedMovieIds: ["1", "3114"], first: 2, strategy: CONTENT) { movie { id title } explanation(first: 3) { summary paths { kind } } } }`;
    const result = await run(query);
    expect(result.errors).toBeUndefined();
    const recs = result.data?.recommendationsFor as Array<{ movie: { id: string; title: string }; explanation: { summary: string; paths: unknown[] } }>;
    for (const rec of recs) {
      expect(rec.explanation.summary).toContain(rec.movie.title);
      expect(rec.explanation.paths.length).toBeGreaterThan(0);
      const direct = await run(`{ explainFor(movieId: "${rec.movie.id}", likedMovieIds: ["1", "3114"], first: 3) { summary paths { kind } } }`);
      expect(direct.data?.explainFor).toEqual(rec.explanation);
    }
    expect(await db.read(Q.counts)).toEqual(before);
  });

  it.each([
    [{ movieId: "999999999", liked: ["1"] }, "NOT_FOUND", "no movie 999999999"],
    [{ movieId: "1", liked: ["x"] }, "BAD_USER_INPUT", 'likedMovieIds must be a positive integer id, got "x"'],
    [{ movieId: "1", ratings: [{ movieId: "2", rating: 7 }] }, "BAD_USER_INPUT", "ratings.rating must be 0.5 to 5 in half stars, got 7"],
    [{ movieId: "1", liked: ["2"], first: 101 }, "BAD_USER_INPUT", "first must be between 0 and 100, got 101"],
  ])("explainFor %j is %s", async (variables, code, message) => {
    const result = await run(EXPLAIN_FOR, variables);
    expect(result.errors?.[0]).toMatchObject({ message, extensions: { code } });
  });

  it("explainFor with nothing rated finds no reason and says why the movie is there", async () => {
    const result = await run(EXPLAIN_FOR, { movieId: "356", liked: [] });
    expect(result.errors).toBeUndefined();
    expect(result.data?.explainFor).toMatchObject({ paths: [], summary: expect.stringMatching(/^Nothing you rated connects to Forrest Gump/) });
  });

  it.each([
    [{ userId: "999999", movieId: "1" }, "NOT_FOUND", "no user 999999"],
    [{ userId: "1", movieId: "999999999" }, "NOT_FOUND", "no movie 999999999"],
    [{ userId: "1", movieId: "1", first: 500 }, "BAD_USER_INPUT", "first must be between 0 and 100, got 500"],
  ])("%j is %s", async (variables, code, message) => {
    const result = await run(EXPLAIN, variables);
    expect(result.errors?.[0]).toMatchObject({ message, extensions: { code } });
  });
});

describe("serving details", () => {
  const PAGE = `query($first: Int) {
    recommendations(userId: "1", first: $first) { rank movie { id title genres averageRating ratingCount } }
  }`;

  it("answers recommendations with their movies, genres and stats in the same few queries however many are asked for", async () => {
    await run(PAGE, { first: 1 });
    const count = async (first: number) => {
      const before = db.statementsRun;
      const result = await run(PAGE, { first });
      expect(result.errors).toBeUndefined();
      expect(result.data?.recommendations).toHaveLength(first);
      return db.statementsRun - before;
    };
    const ten = await count(10);
    const fifty = await count(50);
    // The user's live ratings, the movies with their genres and stats, and at most one check for newer models.
    expect(ten).toBeLessThanOrEqual(3);
    expect(fifty).toBeLessThanOrEqual(3);
  });

  it("diversifies with maximal marginal relevance when asked, and refuses a knob outside 0 to 1", async () => {
    const genresOverlap = (recs: Rec[]) => {
      let sum = 0;
      let pairs = 0;
      for (let i = 0; i < recs.length; i++) {
        for (let j = i + 1; j < recs.length; j++) {
          const a = new Set(recs[i].movie.genres);
          const b = recs[j].movie.genres;
          const shared = b.filter((g) => a.has(g)).length;
          sum += shared / new Set([...a, ...b]).size;
          pairs += 1;
        }
      }
      return sum / pairs;
    };
    const plain = await recommend({ userId: "1", first: 10, strategy: "ALS" });
    const varied = await recommend({ userId: "1", first: 10, strategy: "ALS", filter: { diversity: 0.7 } });
    expect(varied.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(varied[0].movie.id).toBe(plain[0].movie.id);
    expect(varied.map((r) => r.movie.id)).not.toEqual(plain.map((r) => r.movie.id));
    expect(genresOverlap(varied)).toBeLessThan(genresOverlap(plain));
    const rated = await ratedBy(1);
    expect(varied.some((r) => rated.has(r.movie.id))).toBe(false);
    const bad = await run(RECOMMEND, { userId: "1", filter: { diversity: 1.5 } });
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" }, message: "filter.diversity must be between 0 and 1, got 1.5" });
  });

  it("lists a movie's genome tags by relevance", async () => {
    const result = await run(`{ movie(id: "1") { topTags(first: 5) { tag relevance } } }`);
    const tags = (result.data?.movie as { topTags: Array<{ tag: string; relevance: number }> }).topTags;
    expect(tags).toHaveLength(5);
    expect(tags.map((t) => t.relevance)).toEqual([...tags.map((t) => t.relevance)].sort((a, b) => b - a));
    expect(tags[0].relevance).toBeGreaterThan(0.9);
    expect(tags.map((t) => t.tag)).toContain("pixar animation");
  });

  it("shows each model's stored evaluation, and null before there is one", async () => {
    const before = await run(`{ models { name evaluation { split } } }`);
    expect((before.data?.models as Array<{ evaluation: unknown }>).every((m) => m.evaluation === null)).toBe(true);
    const data = await loadTrainingData(db);
    const evaluation = await runEvaluation(data, undefined, { ...defaultPlan(["popularity"]), epochs: 2 });
    await new EvaluationStore(db).save(evaluation, "random", data.fingerprint);
    const after = await run(`{ models { name evaluation { split k relevance evaluatedAt metrics { name value } } } }`);
    const byName = new Map((after.data?.models as Array<{ name: string; evaluation: { split: string; k: number; relevance: string; metrics: Array<{ name: string; value: number | null }> } | null }>).map((m) => [m.name, m.evaluation]));
    expect(byName.get("mf")).toBeNull();
    const popularity = byName.get("popularity")!;
    expect(popularity).toMatchObject({ split: "random", k: 10, relevance: "rating ≥ 4" });
    const metrics = new Map(popularity.metrics.map((m) => [m.name, m.value]));
    expect(metrics.get("ndcg@10")).toBeGreaterThan(0.05);
    expect(metrics.get("rmse")).toBeNull();
    expect(byName.get("bias")?.metrics.find((m) => m.name === "rmse")?.value).toBeGreaterThan(0.8);
  });
});
