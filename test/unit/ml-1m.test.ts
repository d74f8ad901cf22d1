import { describe, it, expect } from "vitest";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { openRelease } from "../../src/ingest/formats/detect.js";
import { LoadError } from "../../src/ingest/load-error.js";
import type { Located } from "../../src/ingest/records.js";

const FIXTURE = fileURLToPath(new URL("../fixtures/ml-1m/", import.meta.url));

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

/** A minimal valid ml-1m folder whose files the test then overrides. */
function withTemp<T>(files: Record<string, string>, run: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "ml-1m-"));
  writeFileSync(join(dir, "ratings.dat"), "1::1::5::978300760\n");
  writeFileSync(join(dir, "movies.dat"), "1::Toy Story (1995)::Animation|Children's|Comedy\n");
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text, "latin1");
  return run(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

describe("ml-1m fixture", () => {
  const release = openRelease(FIXTURE);

  it("is detected as ml-1m with absolute file paths", () => {
    expect(release.format).toBe("ml-1m");
    expect(release.name).toBe("ml-1m");
    expect(release.files).toEqual([resolve(FIXTURE, "ratings.dat"), resolve(FIXTURE, "movies.dat"), resolve(FIXTURE, "users.dat")]);
    expect(release.ratingsBytes()).toBe(statSync(join(FIXTURE, "ratings.dat")).size);
  });

  it("parses movies: titles with colons and parentheses, Latin-1, no year", async () => {
    const movies = await all(release.movies());
    expect(movies.map((m) => m.value)).toEqual([
      { id: 1, title: "Toy Story", year: 1995, genres: ["Animation", "Children", "Comedy"] },
      { id: 73, title: "Misérables, Les", year: 1995, genres: ["Drama", "Musical"] },
      { id: 260, title: "Star Wars: Episode IV - A New Hope", year: 1977, genres: ["Action", "Adventure", "Fantasy", "Sci-Fi"] },
      { id: 3000, title: "Princess Mononoke, The (Mononoke Hime)", year: 1997, genres: ["Action", "Adventure", "Animation"] },
      { id: 3999, title: "Untitled Fragment", year: null, genres: ["Documentary"] },
    ]);
    expect(movies[1]).toMatchObject({ file: "movies.dat", line: 2 });
    expect(movies[1].value.title.charCodeAt(3)).toBe(0xe9);
  });

  it("parses ratings", async () => {
    const ratings = await all(release.ratings());
    expect(ratings).toHaveLength(7);
    expect(ratings[0]).toEqual({ value: { userId: 1, movieId: 1, rating: 5, timestamp: 978300760 }, file: "ratings.dat", line: 1 });
    expect(ratings.map((r) => r.value.movieId)).toEqual([1, 260, 73, 3999, 3000, 1, 260]);
  });

  it("parses the CRLF users file and names occupation codes", async () => {
    expect(await values(release.users())).toEqual([
      { id: 1, gender: "F", age: 1, occupation: "K-12 student", zip: "48067" },
      { id: 2, gender: "M", age: 56, occupation: "self-employed", zip: "70072" },
      { id: 3, gender: "M", age: 25, occupation: "scientist", zip: "55117-1234" },
    ]);
  });

  it("has no tags, links or genome", async () => {
    expect(await all(release.tags())).toEqual([]);
    expect(await all(release.links())).toEqual([]);
    expect(await all(release.genomeTags())).toEqual([]);
    expect(await all(release.genomeScores())).toEqual([]);
  });
});

describe("ml-1m bad input", () => {
  it("names file, line and missing field for a ratings line with too few fields", async () => {
    const error = await withTemp({ "ratings.dat": "1::1::5::978300760\n1::2::4\n" }, (dir) => loadError(openRelease(dir).ratings()));
    expect(error.message).toBe('ratings.dat, line 2, field "timestamp": missing (expected 4 fields separated by "::", got 3)');
    expect(error).toMatchObject({ file: "ratings.dat", line: 2, field: "timestamp" });
  });

  it("rejects a title containing '::' as extra fields", async () => {
    const error = await withTemp({ "movies.dat": "5::Foo:: Bar (1999)::Comedy\n" }, (dir) => loadError(openRelease(dir).movies()));
    expect(error.message).toBe('movies.dat, line 1, field "genres": unexpected text after this field (expected 3 fields separated by "::", got 4)');
  });

  it("rejects a rating outside 0.5–5", async () => {
    const error = await withTemp({ "ratings.dat": "1::1::5::978300760\n\n1::2::0::978300761\n" }, (dir) => loadError(openRelease(dir).ratings()));
    expect(error.message).toBe('ratings.dat, line 3, field "rating": rating 0 is outside 0.5–5');
  });

  it("rejects an unknown occupation code", async () => {
    const error = await withTemp({ "users.dat": "1::F::1::21::48067\n" }, (dir) => loadError(openRelease(dir).users()));
    expect(error.message).toBe('users.dat, line 1, field "occupation": expected an occupation code 0–20, got "21"');
  });

  it("yields no users without users.dat", async () => {
    await withTemp({}, async (dir) => {
      const release = openRelease(dir);
      expect(await all(release.users())).toEqual([]);
      expect(release.files).toEqual([join(dir, "ratings.dat"), join(dir, "movies.dat")]);
    });
  });
});
