import { afterAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { openRelease } from "../../src/ingest/formats/detect.js";
import { LoadError } from "../../src/ingest/load-error.js";
import type { Located } from "../../src/ingest/records.js";
import { ML_LATEST_SMALL } from "../shared-data.js";

const REAL = ML_LATEST_SMALL;

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp folder holding `files` (UTF-8, written byte for byte). */
function folder(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "csv-release-"));
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text, "utf8");
  return dir;
}

/** Joins lines with CRLF and ends with one, as GroupLens ships its files. */
const crlf = (...lines: string[]) => lines.map((l) => `${l}\r\n`).join("");
const BOM = "\uFEFF";

async function all<T>(stream: AsyncIterable<Located<T>>): Promise<Located<T>[]> {
  const out: Located<T>[] = [];
  for await (const record of stream) out.push(record);
  return out;
}

async function values<T>(stream: AsyncIterable<Located<T>>): Promise<T[]> {
  return (await all(stream)).map((r) => r.value);
}

async function streamError(stream: AsyncIterable<unknown>): Promise<LoadError> {
  try {
    for await (const _ of stream) {
      // drain
    }
  } catch (error) {
    expect(error).toBeInstanceOf(LoadError);
    return error as LoadError;
  }
  throw new Error("expected a LoadError, but the stream ended normally");
}

function openError(fn: () => unknown): LoadError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(LoadError);
    return error as LoadError;
  }
  throw new Error("expected a LoadError, but nothing was thrown");
}

const MOVIES = crlf(
  `${BOM}movieId,title,genres`,
  "1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy",
  '29,"City of Lost Children, The (Cité des enfants perdus, La) (1995)",Adventure|Drama|Fantasy|Mystery|Sci-Fi',
  "27008,From Dusk Till Dawn 2: Texas Blood Money (1999) ,Comedy|Crime|Horror",
  "171749,Death Note: Desu nôto (2006–2007),(no genres listed)",
  '5000,"""Great Performances"" Cats (1998)",Musical',
  "40697,Babylon 5,Sci-Fi",
);
const LINKS = crlf("movieId,imdbId,tmdbId", "1,0114709,862", "29,0112682,902", "791,0113610,");
const RATINGS = crlf("userId,movieId,rating,timestamp", "1,1,4.0,964982703", "1,29,0.5,964982224", "15,27008,5.0,1510571747");
const TAGS = crlf(
  "userId,movieId,tag,timestamp",
  "2,1,funny,1445714994",
  '62,29,"dark, surreal",1528843929',
  '474,5000,"""musical"" classic",1137375552',
  "474,40697,Ivanova,1137375553",
);
const GENOME_TAGS = crlf("tagId,tag", "1,007", "2,007 (series)", "3,18th century");
const GENOME_SCORES = crlf("movieId,tagId,relevance", "1,1,0.029", "1,2,0.02375", "1,3,1", "29,1,0.5");

const FULL = {
  "movies.csv": MOVIES,
  "links.csv": LINKS,
  "ratings.csv": RATINGS,
  "tags.csv": TAGS,
  "genome-tags.csv": GENOME_TAGS,
  "genome-scores.csv": GENOME_SCORES,
};

describe("a CSV release (CRLF, BOM, quotes, non-ASCII)", () => {
  const dir = folder(FULL);
  const release = openRelease(dir);

  it("is detected as csv and lists its files in a fixed order", () => {
    expect(release.format).toBe("csv");
    expect(release.name).toBe(basename(dir));
    expect(release.dir).toBe(dir);
    expect(release.files).toEqual(
      ["movies.csv", "ratings.csv", "tags.csv", "links.csv", "genome-tags.csv", "genome-scores.csv"].map((f) => join(dir, f)),
    );
    expect(release.ratingsBytes()).toBe(Buffer.byteLength(RATINGS));
    expect(release.ratingsBytes()).toBe(statSync(join(dir, "ratings.csv")).size);
  });

  it("reads movies: BOM stripped, quotes unescaped, years split, no \\r left", async () => {
    expect(await all(release.movies())).toEqual([
      {
        value: { id: 1, title: "Toy Story", year: 1995, genres: ["Adventure", "Animation", "Children", "Comedy", "Fantasy"] },
        file: "movies.csv",
        line: 2,
      },
      {
        value: {
          id: 29,
          title: "City of Lost Children, The (Cité des enfants perdus, La)",
          year: 1995,
          genres: ["Adventure", "Drama", "Fantasy", "Mystery", "Sci-Fi"],
        },
        file: "movies.csv",
        line: 3,
      },
      {
        value: { id: 27008, title: "From Dusk Till Dawn 2: Texas Blood Money", year: 1999, genres: ["Comedy", "Crime", "Horror"] },
        file: "movies.csv",
        line: 4,
      },
      { value: { id: 171749, title: "Death Note: Desu nôto", year: 2006, genres: [] }, file: "movies.csv", line: 5 },
      { value: { id: 5000, title: '"Great Performances" Cats', year: 1998, genres: ["Musical"] }, file: "movies.csv", line: 6 },
      { value: { id: 40697, title: "Babylon 5", year: null, genres: ["Sci-Fi"] }, file: "movies.csv", line: 7 },
    ]);
  });

  it("reads links: imdbId keeps its leading zeros, an empty tmdbId is null", async () => {
    expect(await all(release.links())).toEqual([
      { value: { movieId: 1, imdbId: "0114709", tmdbId: 862 }, file: "links.csv", line: 2 },
      { value: { movieId: 29, imdbId: "0112682", tmdbId: 902 }, file: "links.csv", line: 3 },
      { value: { movieId: 791, imdbId: "0113610", tmdbId: null }, file: "links.csv", line: 4 },
    ]);
  });

  it("reads ratings as numbers", async () => {
    expect(await all(release.ratings())).toEqual([
      { value: { userId: 1, movieId: 1, rating: 4, timestamp: 964982703 }, file: "ratings.csv", line: 2 },
      { value: { userId: 1, movieId: 29, rating: 0.5, timestamp: 964982224 }, file: "ratings.csv", line: 3 },
      { value: { userId: 15, movieId: 27008, rating: 5, timestamp: 1510571747 }, file: "ratings.csv", line: 4 },
    ]);
  });

  it("reads tags with commas and doubled quotes", async () => {
    expect(await values(release.tags())).toEqual([
      { userId: 2, movieId: 1, tag: "funny", timestamp: 1445714994 },
      { userId: 62, movieId: 29, tag: "dark, surreal", timestamp: 1528843929 },
      { userId: 474, movieId: 5000, tag: '"musical" classic', timestamp: 1137375552 },
      { userId: 474, movieId: 40697, tag: "Ivanova", timestamp: 1137375553 },
    ]);
  });

  it("reads the genome tags and scores", async () => {
    expect(await all(release.genomeTags())).toEqual([
      { value: { id: 1, name: "007" }, file: "genome-tags.csv", line: 2 },
      { value: { id: 2, name: "007 (series)" }, file: "genome-tags.csv", line: 3 },
      { value: { id: 3, name: "18th century" }, file: "genome-tags.csv", line: 4 },
    ]);
    expect(await all(release.genomeScores())).toEqual([
      { value: { movieId: 1, tagId: 1, relevance: 0.029 }, file: "genome-scores.csv", line: 2 },
      { value: { movieId: 1, tagId: 2, relevance: 0.02375 }, file: "genome-scores.csv", line: 3 },
      { value: { movieId: 1, tagId: 3, relevance: 1 }, file: "genome-scores.csv", line: 4 },
      { value: { movieId: 29, tagId: 1, relevance: 0.5 }, file: "genome-scores.csv", line: 5 },
    ]);
  });

  it("has no users file", async () => {
    expect(await all(release.users())).toEqual([]);
  });

  it("gives the same records when a stream is read twice", async () => {
    const first = await all(release.movies());
    const second = await all(release.movies());
    expect(second).toEqual(first);
    expect(second).toHaveLength(6);
    expect(await all(release.ratings())).toEqual(await all(release.ratings()));
  });

  it("can be read again after a reader stopped early", async () => {
    for await (const record of release.movies()) {
      expect(record.value.id).toBe(1);
      break;
    }
    expect((await values(release.movies())).map((m) => m.id)).toEqual([1, 29, 27008, 171749, 5000, 40697]);
  });

  it("serves two readers of the same file at once", async () => {
    const [a, b] = await Promise.all([values(release.tags()), values(release.tags())]);
    expect(a).toHaveLength(4);
    expect(b).toEqual(a);
  });
});

describe("optional files", () => {
  it("yields nothing for links, tags and the genome when only movies and ratings exist", async () => {
    const release = openRelease(folder({ "movies.csv": MOVIES, "ratings.csv": RATINGS }));
    expect(release.files.map((f) => basename(f))).toEqual(["movies.csv", "ratings.csv"]);
    expect(await all(release.links())).toEqual([]);
    expect(await all(release.tags())).toEqual([]);
    expect(await all(release.genomeTags())).toEqual([]);
    expect(await all(release.genomeScores())).toEqual([]);
    expect(await values(release.ratings())).toHaveLength(3);
  });

  it("reads a file that has only its header as empty", async () => {
    const release = openRelease(folder({ "movies.csv": MOVIES, "ratings.csv": crlf("userId,movieId,rating,timestamp") }));
    expect(await all(release.ratings())).toEqual([]);
  });
});

describe("line handling", () => {
  it("reads LF files and a last line without a line ending", async () => {
    const release = openRelease(
      folder({ "movies.csv": "movieId,title,genres\n1,Heat (1995),Action\n2,Cosmos,Documentary", "ratings.csv": RATINGS }),
    );
    expect(await all(release.movies())).toEqual([
      { value: { id: 1, title: "Heat", year: 1995, genres: ["Action"] }, file: "movies.csv", line: 2 },
      { value: { id: 2, title: "Cosmos", year: null, genres: ["Documentary"] }, file: "movies.csv", line: 3 },
    ]);
  });

  it("skips blank lines and keeps the line numbers of the rows after them", async () => {
    const release = openRelease(
      folder({ "movies.csv": "movieId,title,genres\n\n1,Heat (1995),Action\n\n\n2,Cosmos,Documentary\n\n", "ratings.csv": RATINGS }),
    );
    expect((await all(release.movies())).map((r) => [r.value.id, r.line])).toEqual([
      [1, 3],
      [2, 6],
    ]);
  });

  it("accepts a header with spaces around the names", async () => {
    const release = openRelease(folder({ "movies.csv": "movieId , title,genres \n1,Heat (1995),Action\n", "ratings.csv": RATINGS }));
    expect(await values(release.movies())).toEqual([{ id: 1, title: "Heat", year: 1995, genres: ["Action"] }]);
  });

  it("keeps a line break inside a quoted field (LF file) and numbers the next row by its own line", async () => {
    const release = openRelease(
      folder({
        "movies.csv": MOVIES,
        "ratings.csv": RATINGS,
        "tags.csv": 'userId,movieId,tag,timestamp\n2,1,"dark\nsurreal",1445714994\n3,1,funny,1445714995\n',
      }),
    );
    expect(await all(release.tags())).toEqual([
      { value: { userId: 2, movieId: 1, tag: "dark\nsurreal", timestamp: 1445714994 }, file: "tags.csv", line: 3 },
      { value: { userId: 3, movieId: 1, tag: "funny", timestamp: 1445714995 }, file: "tags.csv", line: 4 },
    ]);
  });

  // csv-parse counts the "\r" and the "\n" of a CRLF inside quotes as two lines, so every
  // line number after such a field is one too high (per quoted CRLF) in a GroupLens-style file.
  it("numbers the row after a quoted CRLF line break by its own line (CRLF file)", async () => {
    const release = openRelease(
      folder({
        "movies.csv": MOVIES,
        "ratings.csv": RATINGS,
        "tags.csv": crlf("userId,movieId,tag,timestamp", '2,1,"dark\r\nsurreal",1445714994', "3,1,funny,1445714995"),
      }),
    );
    const tags = await all(release.tags());
    expect(tags.map((t) => t.value.tag)).toEqual(["dark\nsurreal", "funny"]);
    expect(tags.map((t) => t.line)).toEqual([3, 4]);
  });

  it("names the right line for a bad value after a quoted CRLF line break", async () => {
    const release = openRelease(
      folder({
        "movies.csv": MOVIES,
        "ratings.csv": RATINGS,
        "tags.csv": crlf("userId,movieId,tag,timestamp", '2,1,"dark\r\nsurreal",1445714994', "x,1,funny,1445714995"),
      }),
    );
    const error = await streamError(release.tags());
    expect(error.message).toBe('tags.csv, line 4, field "userId": expected a positive integer id, got "x"');
  });
});

describe("bad files", () => {
  it("names the expected and the found header", async () => {
    const release = openRelease(folder({ "movies.csv": crlf("movieId,name,genres", "1,Heat (1995),Action"), "ratings.csv": RATINGS }));
    const error = await streamError(release.movies());
    expect(error.message).toBe('movies.csv, line 1: wrong header: expected "movieId,title,genres", got "movieId,name,genres"');
    expect(error).toMatchObject({ file: "movies.csv", line: 1 });
  });

  it("rejects a header with a missing or an extra column", async () => {
    const missing = openRelease(folder({ "movies.csv": MOVIES, "ratings.csv": crlf("userId,movieId,rating", "1,1,4") }));
    expect((await streamError(missing.ratings())).message).toBe(
      'ratings.csv, line 1: wrong header: expected "userId,movieId,rating,timestamp", got "userId,movieId,rating"',
    );
    const extra = openRelease(folder({ "movies.csv": MOVIES, "ratings.csv": RATINGS, "links.csv": crlf("movieId,imdbId,tmdbId,x") }));
    expect((await streamError(extra.links())).message).toBe(
      'links.csv, line 1: wrong header: expected "movieId,imdbId,tmdbId", got "movieId,imdbId,tmdbId,x"',
    );
  });

  it("rejects a header in another order", async () => {
    const release = openRelease(folder({ "movies.csv": MOVIES, "ratings.csv": crlf("movieId,userId,rating,timestamp", "1,1,4,1") }));
    expect((await streamError(release.ratings())).message).toBe(
      'ratings.csv, line 1: wrong header: expected "userId,movieId,rating,timestamp", got "movieId,userId,rating,timestamp"',
    );
  });

  it("rejects an empty file, and a file that is only a BOM", async () => {
    const empty = openRelease(folder({ "movies.csv": "", "ratings.csv": RATINGS }));
    expect((await streamError(empty.movies())).message).toBe("movies.csv, line 1: file is empty (no header)");
    const bom = openRelease(folder({ "movies.csv": BOM, "ratings.csv": RATINGS }));
    expect((await streamError(bom.movies())).message).toBe("movies.csv, line 1: file is empty (no header)");
  });

  it("rejects a row with too many fields, naming its line", async () => {
    const release = openRelease(
      folder({ "movies.csv": crlf("movieId,title,genres", "1,Heat (1995),Action", "2,Heat, The (1995),Action"), "ratings.csv": RATINGS }),
    );
    const error = await streamError(release.movies());
    expect(error.message).toBe("movies.csv, line 3: expected 3 fields, got 4");
    expect(error).toMatchObject({ file: "movies.csv", line: 3 });
  });

  it("rejects a row with too few fields, naming its line", async () => {
    const release = openRelease(folder({ "movies.csv": MOVIES, "ratings.csv": crlf("userId,movieId,rating,timestamp", "1,1,4.0,964982703", "1,2,4.0") }));
    const error = await streamError(release.ratings());
    expect(error.message).toBe("ratings.csv, line 3: expected 4 fields, got 3");
  });

  it("yields the good rows before the bad one", async () => {
    const release = openRelease(folder({ "movies.csv": MOVIES, "ratings.csv": crlf("userId,movieId,rating,timestamp", "1,1,4.0,964982703", "1,2,4.0") }));
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const r of release.ratings()) seen.push(r.value.movieId);
      })(),
    ).rejects.toThrow("ratings.csv, line 3: expected 4 fields, got 3");
    expect(seen).toEqual([1]);
  });

  it("reports an unterminated quote as malformed CSV with file and line (LF file)", async () => {
    const release = openRelease(
      folder({ "movies.csv": 'movieId,title,genres\n1,Heat (1995),Action\n2,"Cosmos,Documentary\n3,Babylon 5,Sci-Fi\n', "ratings.csv": RATINGS }),
    );
    const error = await streamError(release.movies());
    expect(error.file).toBe("movies.csv");
    expect(error.message).toMatch(/^movies\.csv, line \d+: malformed CSV: Quote Not Closed/);
    // The quote opens on line 3 and the file ends on line 4.
    expect(error.line).toBeGreaterThanOrEqual(3);
    expect(error.line).toBeLessThanOrEqual(4);
  });

  it("reports an unterminated quote on a line that exists (CRLF file)", async () => {
    const release = openRelease(
      folder({ "movies.csv": crlf("movieId,title,genres", "1,Heat (1995),Action", '2,"Cosmos,Documentary', "3,Babylon 5,Sci-Fi"), "ratings.csv": RATINGS }),
    );
    const error = await streamError(release.movies());
    expect(error.file).toBe("movies.csv");
    expect(error.message).toMatch(/^movies\.csv, line \d+: malformed CSV: Quote Not Closed/);
    // The file has 4 lines; the quote opens on line 3.
    expect(error.line).toBeGreaterThanOrEqual(3);
    expect(error.line).toBeLessThanOrEqual(4);
  });

  it("reports text after a closing quote as malformed CSV on its line", async () => {
    const release = openRelease(
      folder({ "movies.csv": crlf("movieId,title,genres", "1,Heat (1995),Action", '2,"Cosmos" (1980),Documentary'), "ratings.csv": RATINGS }),
    );
    const error = await streamError(release.movies());
    expect(error).toMatchObject({ file: "movies.csv", line: 3 });
    expect(error.message).toMatch(/^movies\.csv, line 3: malformed CSV: Invalid Closing Quote/);
  });

  it("names file, line and field for a bad value", async () => {
    const release = openRelease(
      folder({ "movies.csv": MOVIES, "ratings.csv": crlf("userId,movieId,rating,timestamp", "1,1,4.0,964982703", "1,29,abc,964982224") }),
    );
    const error = await streamError(release.ratings());
    expect(error.message).toBe('ratings.csv, line 3, field "rating": expected a number, got "abc"');
    expect(error).toMatchObject({ file: "ratings.csv", line: 3, field: "rating" });
  });

  it("rejects an empty title", async () => {
    const release = openRelease(folder({ "movies.csv": crlf("movieId,title,genres", "1,,Action"), "ratings.csv": RATINGS }));
    expect((await streamError(release.movies())).message).toBe('movies.csv, line 2, field "title": must not be empty');
  });

  it("rejects an empty tag", async () => {
    const release = openRelease(folder({ "movies.csv": MOVIES, "ratings.csv": RATINGS, "tags.csv": crlf("userId,movieId,tag,timestamp", "2,1, ,1445714994") }));
    expect((await streamError(release.tags())).message).toBe('tags.csv, line 2, field "tag": must not be empty');
  });

  it("rejects an imdbId that is not digits, and a bad tmdbId", async () => {
    const imdb = openRelease(folder({ "movies.csv": MOVIES, "ratings.csv": RATINGS, "links.csv": crlf("movieId,imdbId,tmdbId", "1,tt0114709,862") }));
    expect((await streamError(imdb.links())).message).toBe('links.csv, line 2, field "imdbId": expected digits, got "tt0114709"');
    const tmdb = openRelease(folder({ "movies.csv": MOVIES, "ratings.csv": RATINGS, "links.csv": crlf("movieId,imdbId,tmdbId", "1,0114709,-5") }));
    expect((await streamError(tmdb.links())).message).toBe('links.csv, line 2, field "tmdbId": expected a positive integer id, got "-5"');
  });

  it("reads an empty imdbId as null", async () => {
    const release = openRelease(folder({ "movies.csv": MOVIES, "ratings.csv": RATINGS, "links.csv": crlf("movieId,imdbId,tmdbId", "1,,862") }));
    expect(await values(release.links())).toEqual([{ movieId: 1, imdbId: null, tmdbId: 862 }]);
  });

  it("rejects a genome relevance above 1 and a bad genome tag id", async () => {
    const scores = openRelease(
      folder({
        "movies.csv": MOVIES,
        "ratings.csv": RATINGS,
        "genome-tags.csv": GENOME_TAGS,
        "genome-scores.csv": crlf("movieId,tagId,relevance", "1,1,1.5"),
      }),
    );
    expect((await streamError(scores.genomeScores())).message).toBe(
      'genome-scores.csv, line 2, field "relevance": expected a relevance between 0 and 1, got "1.5"',
    );
    const tags = openRelease(
      folder({ "movies.csv": MOVIES, "ratings.csv": RATINGS, "genome-tags.csv": crlf("tagId,tag", "one,007"), "genome-scores.csv": GENOME_SCORES }),
    );
    expect((await streamError(tags.genomeTags())).message).toBe('genome-tags.csv, line 2, field "tagId": expected a positive integer id, got "one"');
  });
});

describe("opening a folder", () => {
  it("requires ratings.csv", () => {
    const dir = folder({ "movies.csv": MOVIES });
    const error = openError(() => openRelease(dir));
    expect(error.message).toBe(`ratings.csv: missing required file ratings.csv in ${dir}`);
    expect(error.file).toBe("ratings.csv");
  });

  it("requires movies.csv", () => {
    const dir = folder({ "ratings.csv": RATINGS });
    expect(openError(() => openRelease(dir)).message).toBe(`movies.csv: missing required file movies.csv in ${dir}`);
  });

  it("refuses genome-scores.csv without genome-tags.csv, and the reverse", () => {
    const scoresOnly = folder({ "movies.csv": MOVIES, "ratings.csv": RATINGS, "genome-scores.csv": GENOME_SCORES });
    const error = openError(() => openRelease(scoresOnly));
    expect(error.message).toBe("genome-tags.csv: the tag genome needs both genome files; genome-tags.csv is missing");
    expect(error.file).toBe("genome-tags.csv");
    const tagsOnly = folder({ "movies.csv": MOVIES, "ratings.csv": RATINGS, "genome-tags.csv": GENOME_TAGS });
    expect(openError(() => openRelease(tagsOnly)).message).toBe(
      "genome-scores.csv: the tag genome needs both genome files; genome-scores.csv is missing",
    );
  });

  it("takes the genome files from genomeDir", async () => {
    const dir = folder({ "movies.csv": MOVIES, "ratings.csv": RATINGS });
    const genomeDir = folder({ "genome-tags.csv": GENOME_TAGS, "genome-scores.csv": GENOME_SCORES });
    const release = openRelease(dir, { genomeDir });
    expect(release.files).toEqual([
      join(dir, "movies.csv"),
      join(dir, "ratings.csv"),
      join(genomeDir, "genome-tags.csv"),
      join(genomeDir, "genome-scores.csv"),
    ]);
    expect(release.name).toBe(basename(dir));
    expect(await values(release.genomeTags())).toEqual([
      { id: 1, name: "007" },
      { id: 2, name: "007 (series)" },
      { id: 3, name: "18th century" },
    ]);
    expect(await all(release.genomeScores())).toHaveLength(4);
    expect((await all(release.genomeScores()))[3]).toEqual({
      value: { movieId: 29, tagId: 1, relevance: 0.5 },
      file: "genome-scores.csv",
      line: 5,
    });
  });

  it("prefers genome files in the release folder over genomeDir", async () => {
    const dir = folder({
      "movies.csv": MOVIES,
      "ratings.csv": RATINGS,
      "genome-tags.csv": crlf("tagId,tag", "1,own"),
      "genome-scores.csv": crlf("movieId,tagId,relevance", "1,1,0.25"),
    });
    const genomeDir = folder({ "genome-tags.csv": GENOME_TAGS, "genome-scores.csv": GENOME_SCORES });
    const release = openRelease(dir, { genomeDir });
    expect(release.files).toEqual(
      ["movies.csv", "ratings.csv", "genome-tags.csv", "genome-scores.csv"].map((f) => join(dir, f)),
    );
    expect(await values(release.genomeTags())).toEqual([{ id: 1, name: "own" }]);
    expect(await values(release.genomeScores())).toEqual([{ movieId: 1, tagId: 1, relevance: 0.25 }]);
  });

  it("refuses a genomeDir that lacks a genome file", () => {
    const dir = folder({ "movies.csv": MOVIES, "ratings.csv": RATINGS });
    const genomeDir = folder({ "genome-scores.csv": GENOME_SCORES });
    const error = openError(() => openRelease(dir, { genomeDir }));
    expect(error.message).toBe(`genome-tags.csv: missing genome-tags.csv in ${genomeDir}`);
    const missingDir = join(genomeDir, "nope");
    expect(openError(() => openRelease(dir, { genomeDir: missingDir })).message).toBe(
      `genome-scores.csv: missing genome-scores.csv in ${missingDir}`,
    );
  });

  it("refuses an empty folder", () => {
    const dir = folder();
    expect(openError(() => openRelease(dir)).message).toBe(
      `no MovieLens release found in ${dir}: expected movies.csv + ratings.csv (CSV releases), u.data + u.item (ml-100k) or ratings.dat + movies.dat (ml-1m)`,
    );
  });

  it("refuses a folder that does not exist, and a file", () => {
    const missing = join(folder(), "does-not-exist");
    expect(openError(() => openRelease(missing)).message).toBe(`not a folder: ${missing}`);
    const file = join(folder({ "movies.csv": MOVIES }), "movies.csv");
    expect(openError(() => openRelease(file)).message).toBe(`not a folder: ${file}`);
  });

  it("names the folder after its last path segment", () => {
    const parent = folder();
    const dir = join(parent, "ml-latest-small");
    mkdirSync(dir);
    writeFileSync(join(dir, "movies.csv"), MOVIES);
    writeFileSync(join(dir, "ratings.csv"), RATINGS);
    expect(openRelease(dir).name).toBe("ml-latest-small");
  });
});

describe("the real ml-latest-small release", () => {
  const release = openRelease(REAL);

  it("is a csv release with four files", () => {
    expect(release.format).toBe("csv");
    expect(release.name).toBe("ml-latest-small");
    expect(release.files).toEqual(["movies.csv", "ratings.csv", "tags.csv", "links.csv"].map((f) => join(REAL, f)));
    expect(release.ratingsBytes()).toBe(2_483_723);
  });

  it("has 9742 movies, starting with Toy Story", async () => {
    const movies = await all(release.movies());
    expect(movies).toHaveLength(9742);
    expect(movies[0]).toEqual({
      value: { id: 1, title: "Toy Story", year: 1995, genres: ["Adventure", "Animation", "Children", "Comedy", "Fantasy"] },
      file: "movies.csv",
      line: 2,
    });
    expect(movies.at(-1)!.line).toBe(9743);
    const byId = new Map(movies.map((m) => [m.value.id, m.value]));
    expect(byId.size).toBe(9742);
    expect(byId.get(29)).toEqual({
      id: 29,
      title: "City of Lost Children, The (Cité des enfants perdus, La)",
      year: 1995,
      genres: ["Adventure", "Drama", "Fantasy", "Mystery", "Sci-Fi"],
    });
    expect(byId.get(27008)).toMatchObject({ title: "From Dusk Till Dawn 2: Texas Blood Money", year: 1999 });
    expect(byId.get(171749)).toEqual({ id: 171749, title: "Death Note: Desu nôto", year: 2006, genres: [] });
    expect(byId.get(40697)).toEqual({ id: 40697, title: "Babylon 5", year: null, genres: ["Sci-Fi"] });
    expect(movies.some((m) => m.value.title.includes("\r") || m.value.genres.some((g) => g.includes("\r")))).toBe(false);
  });

  it("has 100836 ratings, the first being user 1 rating movie 1 with 4 stars", async () => {
    const ratings = await all(release.ratings());
    expect(ratings).toHaveLength(100_836);
    expect(ratings[0]).toEqual({ value: { userId: 1, movieId: 1, rating: 4, timestamp: 964982703 }, file: "ratings.csv", line: 2 });
    expect(ratings.at(-1)).toEqual({
      value: { userId: 610, movieId: 170875, rating: 3, timestamp: 1493846415 },
      file: "ratings.csv",
      line: 100_837,
    });
    expect(new Set(ratings.map((r) => r.value.userId)).size).toBe(610);
    expect(new Set(ratings.map((r) => r.value.movieId)).size).toBe(9724);
  });

  it("has 3683 tags", async () => {
    const tags = await all(release.tags());
    expect(tags).toHaveLength(3683);
    expect(tags[0].value).toEqual({ userId: 2, movieId: 60756, tag: "funny", timestamp: 1445714994 });
    expect(tags.at(-1)!.value).toEqual({ userId: 610, movieId: 168248, tag: "Heroic Bloodshed", timestamp: 1493844270 });
    expect(new Set(tags.map((t) => t.value.tag)).size).toBe(1589);
  });

  it("has 9742 links, 8 of them without a tmdbId", async () => {
    const links = await all(release.links());
    expect(links).toHaveLength(9742);
    expect(links[0].value).toEqual({ movieId: 1, imdbId: "0114709", tmdbId: 862 });
    expect(links.filter((l) => l.value.tmdbId === null)).toHaveLength(8);
    expect(links.find((l) => l.value.movieId === 791)).toEqual({
      value: { movieId: 791, imdbId: "0113610", tmdbId: null },
      file: "links.csv",
      line: 626,
    });
  });
});
