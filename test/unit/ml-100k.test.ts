import { describe, it, expect } from "vitest";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { openRelease } from "../../src/ingest/formats/detect.js";
import { LoadError } from "../../src/ingest/load-error.js";
import type { Located } from "../../src/ingest/records.js";

const FIXTURE = fileURLToPath(new URL("../fixtures/ml-100k/", import.meta.url));

async function all<T>(stream: AsyncIterable<Located<T>>): Promise<Located<T>[]> {
  const out: Located<T>[] = [];
  for await (const record of stream) out.push(record);
  return out;
}

async function values<T>(stream: AsyncIterable<Located<T>>): Promise<T[]> {
  return (await all(stream)).map((r) => r.value);
}

async function loadError(stream: AsyncIterable<Located<unknown>>): Promise<LoadError> {
  try {
    await all(stream);
  } catch (error) {
    expect(error).toBeInstanceOf(LoadError);
    return error as LoadError;
  }
  throw new Error("expected a LoadError, but the stream ended normally");
}

const FLAGS_NONE = Array(19).fill("0");
function flags(...on: number[]): string {
  return FLAGS_NONE.map((f, i) => (on.includes(i) ? "1" : f)).join("|");
}

/** A minimal valid ml-100k folder whose files the test then overrides. */
function tempRelease(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "ml-100k-"));
  writeFileSync(join(dir, "u.data"), "1\t1\t4\t874965758\n");
  writeFileSync(join(dir, "u.item"), `1|Toy Story (1995)|01-Jan-1995|||${flags(3, 4, 5)}\n`);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text, "latin1");
  return dir;
}

function withTemp<T>(files: Record<string, string>, run: (dir: string) => Promise<T>): Promise<T> {
  const dir = tempRelease(files);
  return run(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

describe("ml-100k fixture", () => {
  const release = openRelease(FIXTURE);

  it("is detected as ml-100k with absolute file paths", () => {
    expect(release.format).toBe("ml-100k");
    expect(release.name).toBe("ml-100k");
    expect(release.files).toEqual([resolve(FIXTURE, "u.data"), resolve(FIXTURE, "u.item"), resolve(FIXTURE, "u.user")]);
    expect(release.ratingsBytes()).toBe(statSync(join(FIXTURE, "u.data")).size);
  });

  it("parses movies: titles, years, genres, Latin-1 and the unknown movie", async () => {
    const movies = await all(release.movies());
    expect(movies.map((m) => m.value)).toEqual([
      { id: 1, title: "Toy Story", year: 1995, genres: ["Animation", "Children", "Comedy"] },
      { id: 2, title: "GoldenEye", year: 1995, genres: ["Action", "Adventure", "Thriller"] },
      { id: 267, title: "unknown", year: null, genres: [] },
      { id: 1012, title: "Misérables, Les", year: 1995, genres: ["Drama", "War"] },
      { id: 1300, title: "Mirage", year: 1996, genres: ["Film-Noir"] },
    ]);
    expect(movies[3]).toMatchObject({ file: "u.item", line: 4 });
    expect(movies[3].value.title.charCodeAt(3)).toBe(0xe9);
    expect(movies[0].value).not.toHaveProperty("imdbId");
  });

  it("parses the CRLF ratings file", async () => {
    const ratings = await all(release.ratings());
    expect(ratings).toHaveLength(6);
    expect(ratings[0]).toEqual({ value: { userId: 1, movieId: 1, rating: 5, timestamp: 874965758 }, file: "u.data", line: 1 });
    expect(ratings[5]).toEqual({ value: { userId: 3, movieId: 1300, rating: 4, timestamp: 889237455 }, file: "u.data", line: 6 });
    expect(ratings.map((r) => r.value.rating)).toEqual([5, 3, 4, 2, 1, 4]);
  });

  it("parses users with demographics", async () => {
    expect(await values(release.users())).toEqual([
      { id: 1, age: 24, gender: "M", occupation: "technician", zip: "85711" },
      { id: 2, age: 53, gender: "F", occupation: "other", zip: "94043" },
      { id: 3, age: 23, gender: "M", occupation: "writer", zip: "T8H1N" },
    ]);
  });

  it("has no tags, links or genome", async () => {
    expect(await all(release.tags())).toEqual([]);
    expect(await all(release.links())).toEqual([]);
    expect(await all(release.genomeTags())).toEqual([]);
    expect(await all(release.genomeScores())).toEqual([]);
  });

  it("can be read more than once", async () => {
    expect((await all(release.ratings())).length).toBe(6);
    expect((await all(release.ratings())).length).toBe(6);
  });
});

describe("ml-100k bad input", () => {
  it("names file, line and field for a rating outside 0.5–5", async () => {
    const error = await withTemp({ "u.data": "1\t1\t4\t874965758\n2\t1\t3\t874965759\n3\t1\t7\t874965760\n" }, (dir) =>
      loadError(openRelease(dir).ratings()),
    );
    expect(error.message).toBe('u.data, line 3, field "rating": rating 7 is outside 0.5–5');
    expect(error).toMatchObject({ file: "u.data", line: 3, field: "rating" });
  });

  it("names the first missing genre column of a line with 18 flags", async () => {
    const short = FLAGS_NONE.slice(1).join("|");
    const error = await withTemp({ "u.item": `1|Toy Story (1995)|01-Jan-1995|||${flags(3)}\n2|GoldenEye (1995)|01-Jan-1995|||${short}\n` }, (dir) =>
      loadError(openRelease(dir).movies()),
    );
    expect(error.message).toBe('u.item, line 2, field "Western": missing (expected 24 fields separated by "|", got 23)');
  });

  it("names the genre column of a flag other than 0 or 1", async () => {
    const bad = FLAGS_NONE.map((f, i) => (i === 5 ? "2" : f)).join("|");
    const error = await withTemp({ "u.item": `7|Heat (1995)|01-Jan-1995|||${bad}\n` }, (dir) => loadError(openRelease(dir).movies()));
    expect(error.message).toBe('u.item, line 1, field "Comedy": expected a genre flag 0 or 1, got "2"');
  });

  it("rejects a non-numeric user id", async () => {
    const error = await withTemp({ "u.data": "x1\t1\t4\t874965758\n" }, (dir) => loadError(openRelease(dir).ratings()));
    expect(error).toMatchObject({ file: "u.data", line: 1, field: "userId" });
  });

  it("rejects an unreadable release date", async () => {
    const error = await withTemp({ "u.item": `7|Heat|1995-12-15|||${flags(6)}\n` }, (dir) => loadError(openRelease(dir).movies()));
    expect(error).toMatchObject({ file: "u.item", line: 1, field: "releaseDate" });
  });

  it("rejects a bad gender in u.user", async () => {
    const error = await withTemp({ "u.user": "1|24|M|technician|85711\n2|53|X|other|94043\n" }, (dir) => loadError(openRelease(dir).users()));
    expect(error.message).toBe('u.user, line 2, field "gender": expected M or F, got "X"');
  });

  it("skips empty lines and yields no users without u.user", async () => {
    await withTemp({ "u.data": "\n1\t1\t4\t874965758\n\n2\t1\t3\t874965759\n\n" }, async (dir) => {
      const release = openRelease(dir);
      expect((await all(release.ratings())).map((r) => r.line)).toEqual([2, 4]);
      expect(await all(release.users())).toEqual([]);
      expect(release.files).toEqual([join(dir, "u.data"), join(dir, "u.item")]);
    });
  });
});
