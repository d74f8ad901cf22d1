import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { GENRES, generateDataset, type GenerateOptions, type GenerateResult } from "../../src/datagen/generate.js";
import { NO_GENRES } from "../../src/ingest/titles.js";
import { openCsvRelease } from "../../src/ingest/formats/csv-release.js";

const FILES = ["movies.csv", "ratings.csv", "tags.csv", "links.csv"];
const SIZES = { users: 400, movies: 4000, ratings: 40000, seed: 7 };
const FIRST_TIMESTAMP = Date.UTC(1996, 0, 1) / 1000;
const END_TIMESTAMP = Date.UTC(2019, 0, 1) / 1000;

interface Rating {
  user: number;
  movie: number;
  rating: number;
  timestamp: number;
}

const root = mkdtempSync(join(tmpdir(), "datagen-"));
let dirCount = 0;

async function generate(options: Omit<GenerateOptions, "outDir">): Promise<{ dir: string; result: GenerateResult }> {
  const dir = join(root, String(dirCount++));
  return { dir, result: await generateDataset({ ...options, outDir: dir }) };
}

function rows(dir: string, file: string): string[][] {
  return parse(readFileSync(join(dir, file), "utf8"), { from_line: 2 });
}

function readRatings(dir: string): Rating[] {
  return readFileSync(join(dir, "ratings.csv"), "utf8")
    .split("\n")
    .slice(1, -1)
    .map((line) => {
      const [user, movie, rating, timestamp] = line.split(",").map(Number);
      return { user, movie, rating, timestamp };
    });
}

function groupBy<T>(items: T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function correlation(xs: number[], ys: number[]): number {
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("generateDataset", () => {
  let dir: string;
  let result: GenerateResult;
  let ratings: Rating[];
  const progress: [number, number][] = [];

  beforeAll(async () => {
    ({ dir, result } = await generate({ ...SIZES, onProgress: (written, total) => progress.push([written, total]) }));
    ratings = readRatings(dir);
  });

  it("writes the MovieLens CSV files with their headers and exactly the requested counts", () => {
    const headers = FILES.map((file) => readFileSync(join(dir, file), "utf8").split("\n", 1)[0]);
    expect(headers).toEqual(["movieId,title,genres", "userId,movieId,rating,timestamp", "userId,movieId,tag,timestamp", "movieId,imdbId,tmdbId"]);
    expect(rows(dir, "movies.csv")).toHaveLength(SIZES.movies);
    expect(ratings).toHaveLength(SIZES.ratings);
    expect(rows(dir, "tags.csv")).toHaveLength(Math.round(SIZES.ratings / 30));
    expect(rows(dir, "links.csv")).toHaveLength(SIZES.movies);
    expect(result).toMatchObject({ users: SIZES.users, movies: SIZES.movies, ratings: SIZES.ratings, tags: Math.round(SIZES.ratings / 30) });
    expect(result.bytes).toBe(FILES.reduce((sum, file) => sum + statSync(join(dir, file)).size, 0));
    for (const file of FILES) {
      const text = readFileSync(join(dir, file), "utf8");
      expect(text.endsWith("\n")).toBe(true);
      expect(text).not.toContain("\r");
    }
  });

  it("writes movies and links the way ml-latest-small does", () => {
    const movies = rows(dir, "movies.csv");
    const ids = movies.map(([id]) => Number(id));
    expect(ids.every((id, i) => Number.isInteger(id) && id > (ids[i - 1] ?? 0))).toBe(true);

    const genreCounts = new Map<string, number>();
    for (const [, title, genres] of movies) {
      const year = Number(/^\S.* \((\d{4})\)$/.exec(title)?.[1]);
      expect(year, title).toBeGreaterThanOrEqual(1920);
      expect(year, title).toBeLessThanOrEqual(2018);
      if (genres === NO_GENRES) continue;
      const list = genres.split("|");
      expect(list.length).toBeGreaterThanOrEqual(1);
      expect(list.length).toBeLessThanOrEqual(3);
      expect(new Set(list).size).toBe(list.length);
      for (const genre of list) {
        expect(GENRES).toContain(genre);
        genreCounts.set(genre, (genreCounts.get(genre) ?? 0) + 1);
      }
    }
    const byFrequency = [...genreCounts].sort((a, b) => b[1] - a[1]).map(([genre]) => genre);
    expect(byFrequency.slice(0, 2).sort()).toEqual(["Comedy", "Drama"]);
    const noGenres = movies.filter(([, , genres]) => genres === NO_GENRES).length;
    expect(noGenres).toBeGreaterThan(0);
    expect(noGenres).toBeLessThan(SIZES.movies * 0.05);

    // Titles with commas must have been quoted for csv-parse to see three fields.
    expect(movies.some(([, title]) => title.includes(","))).toBe(true);
    expect(readFileSync(join(dir, "movies.csv"), "utf8")).toMatch(/^\d+,"[^\n]*,[^\n]*",/m);
    const years = movies.map(([, title]) => Number(title.slice(-5, -1)));
    expect(years.filter((y) => y >= 1990).length).toBeGreaterThan(years.filter((y) => y < 1990).length);

    const links = rows(dir, "links.csv");
    expect(links.map(([id]) => Number(id))).toEqual(ids);
    expect(links.every(([, imdb]) => /^\d{7}$/.test(imdb))).toBe(true);
    expect(new Set(links.map(([, imdb]) => imdb)).size).toBe(links.length);
  });

  it("never repeats a (user, movie) pair and rates only listed movies", () => {
    const pairs = new Set(ratings.map((r) => `${r.user}:${r.movie}`));
    expect(pairs.size).toBe(ratings.length);
    const movieIds = new Set(rows(dir, "movies.csv").map(([id]) => Number(id)));
    expect(ratings.every((r) => movieIds.has(r.movie))).toBe(true);
  });

  it("rates in half stars with MovieLens's distribution: mean near 3.5, mode 4.0, whole stars more common", () => {
    const counts = new Map<number, number>();
    for (const { rating } of ratings) counts.set(rating, (counts.get(rating) ?? 0) + 1);
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5]);
    const average = mean(ratings.map((r) => r.rating));
    expect(average).toBeGreaterThan(3.2);
    expect(average).toBeLessThan(3.8);
    const mode = [...counts].sort((a, b) => b[1] - a[1])[0][0];
    expect(mode).toBe(4);
    const whole = ratings.filter((r) => Number.isInteger(r.rating)).length;
    expect(whole).toBeGreaterThan(ratings.length - whole);
  });

  it("concentrates ratings on a few popular movies", () => {
    const perMovie = [...groupBy(ratings, (r) => r.movie).values()].map((g) => g.length).sort((a, b) => b - a);
    const top = perMovie.slice(0, SIZES.movies / 10).reduce((a, b) => a + b, 0);
    expect(top / ratings.length).toBeGreaterThan(0.4);
    // ...without any movie being rated by nearly everyone.
    expect(perMovie[0]).toBeLessThan(SIZES.users * 0.9);
  });

  it("gives every user at least 20 ratings, with a heavy tail of active users", () => {
    const perUser = [...groupBy(ratings, (r) => r.user).values()].map((g) => g.length).sort((a, b) => a - b);
    expect(perUser).toHaveLength(SIZES.users);
    expect(perUser[0]).toBeGreaterThanOrEqual(20);
    const median = perUser[perUser.length >> 1];
    expect(perUser[perUser.length - 1]).toBeGreaterThan(5 * median);
  });

  it("stamps ratings between 1996 and 2018 and tags rated movies no earlier than their rating", () => {
    expect(ratings.every((r) => r.timestamp >= FIRST_TIMESTAMP && r.timestamp < END_TIMESTAMP)).toBe(true);
    const ratedAt = new Map(ratings.map((r) => [`${r.user}:${r.movie}`, r.timestamp]));
    const tags = rows(dir, "tags.csv");
    expect(tags.some(([, , tag]) => tag.includes(","))).toBe(true);
    for (const [user, movie, tag, timestamp] of tags) {
      const rated = ratedAt.get(`${user}:${movie}`);
      expect(rated, `${user}:${movie}`).toBeDefined();
      expect(tag.trim()).not.toBe("");
      expect(Number(timestamp)).toBeGreaterThanOrEqual(rated!);
      expect(Number(timestamp)).toBeLessThan(END_TIMESTAMP);
    }
    expect(new Set(tags.map((t) => t.join(","))).size).toBe(tags.length);
  });

  it("has movie quality that one half of the users agrees on with the other half", () => {
    const halves = [new Map<number, number[]>(), new Map<number, number[]>()];
    for (const r of ratings) {
      const half = halves[r.user % 2];
      const list = half.get(r.movie);
      if (list) list.push(r.rating);
      else half.set(r.movie, [r.rating]);
    }
    const shared = [...halves[0].keys()].filter((m) => halves[0].get(m)!.length >= 5 && (halves[1].get(m)?.length ?? 0) >= 5);
    expect(shared.length).toBeGreaterThan(100);
    const r = correlation(
      shared.map((m) => mean(halves[0].get(m)!)),
      shared.map((m) => mean(halves[1].get(m)!)),
    );
    expect(r).toBeGreaterThan(0.5);
  });

  it("has genre tastes: a user's leaning on a genre repeats across disjoint sets of their movies", () => {
    const genresOf = new Map(rows(dir, "movies.csv").map(([id, , genres]) => [Number(id), genres === NO_GENRES ? [] : genres.split("|")]));
    const movieMean = new Map([...groupBy(ratings, (r) => r.movie)].map(([m, g]) => [m, mean(g.map((r) => r.rating))]));
    const xs: number[] = [];
    const ys: number[] = [];
    for (const userRatings of groupBy(ratings, (r) => r.user).values()) {
      // Residuals after the movie's mean and the user's overall leniency leave the genre taste (and noise).
      const residual = userRatings.map((r) => r.rating - movieMean.get(r.movie)!);
      const leniency = mean(residual);
      const sums = new Map<string, [number[], number[]]>();
      userRatings.forEach((r, i) => {
        for (const genre of genresOf.get(r.movie)!) {
          const entry = sums.get(genre) ?? [[], []];
          entry[r.movie % 2].push(residual[i] - leniency);
          sums.set(genre, entry);
        }
      });
      for (const [even, odd] of sums.values()) {
        if (even.length >= 3 && odd.length >= 3) {
          xs.push(mean(even));
          ys.push(mean(odd));
        }
      }
    }
    expect(xs.length).toBeGreaterThan(500);
    // About +0.15 with genre tastes; without them it sits near −0.1, as removing each user's own mean pulls the halves apart.
    expect(correlation(xs, ys)).toBeGreaterThan(0.05);
  });

  it("reports progress up to the total", () => {
    expect(progress.length).toBeGreaterThan(10);
    expect(progress.every(([written, total], i) => total === SIZES.ratings && written >= (progress[i - 1]?.[0] ?? 0))).toBe(true);
    expect(progress.at(-1)).toEqual([SIZES.ratings, SIZES.ratings]);
  });

  it("is read back by the project's CSV release reader", async () => {
    const release = openCsvRelease(dir);
    let movies = 0;
    let rated = 0;
    let tagged = 0;
    for await (const _ of release.movies()) movies++;
    for await (const _ of release.ratings()) rated++;
    for await (const _ of release.tags()) tagged++;
    expect([movies, rated, tagged]).toEqual([SIZES.movies, SIZES.ratings, result.tags]);
  });

  it("writes byte-identical files for the same seed and different ones for another seed", async () => {
    const again = await generate(SIZES);
    const other = await generate({ ...SIZES, seed: SIZES.seed + 1 });
    for (const file of FILES) {
      const original = readFileSync(join(dir, file));
      expect(readFileSync(join(again.dir, file)).equals(original), file).toBe(true);
      expect(readFileSync(join(other.dir, file)).equals(original), file).toBe(false);
    }
  });
});

describe("generateDataset with tight sizes", () => {
  it("gives everyone the same floor when the total cannot afford 20 ratings each", async () => {
    const { dir, result } = await generate({ users: 50, movies: 200, ratings: 500, seed: 1 });
    const perUser = [...groupBy(readRatings(dir), (r) => r.user).values()].map((g) => g.length);
    expect(result.ratings).toBe(500);
    expect(perUser).toHaveLength(50);
    expect(Math.min(...perUser)).toBe(10);
  });

  it("fills a complete user × movie matrix without repeating a pair", async () => {
    const { dir } = await generate({ users: 6, movies: 40, ratings: 240, tags: 240, seed: 3 });
    const ratings = readRatings(dir);
    expect(new Set(ratings.map((r) => `${r.user}:${r.movie}`)).size).toBe(240);
    expect(rows(dir, "tags.csv")).toHaveLength(240);
  });

  it("leaves users out only when there are fewer ratings than users", async () => {
    const { dir, result } = await generate({ users: 30, movies: 10, ratings: 12, seed: 5 });
    expect(readRatings(dir)).toHaveLength(12);
    expect(result.users).toBe(new Set(readRatings(dir).map((r) => r.user)).size);
    expect(result.users).toBeLessThan(30);
  });

  it("rejects sizes that cannot be honoured", async () => {
    await expect(generate({ users: 2, movies: 3, ratings: 7, seed: 1 })).rejects.toThrow(/do not fit/);
    await expect(generate({ users: 2, movies: 3, ratings: 4, tags: 5, seed: 1 })).rejects.toThrow(/tags/);
    await expect(generate({ users: 1.5, movies: 3, ratings: 1, seed: 1 })).rejects.toThrow(/users/);
    await expect(generate({ users: 0, movies: 3, ratings: 0, seed: 1 })).rejects.toThrow(/users/);
  });
});
