import { createReadStream, existsSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { parse } from "csv-parse";
import { parse as parseSync } from "csv-parse/sync";
import { CrlfToLf } from "./crlf.js";
import { readLines } from "./lines.js";
import { LoadError } from "../load-error.js";
import {
  parseId,
  parseOptionalId,
  parseRating,
  parseRelevance,
  parseTimestamp,
  requireText,
  type FieldSite,
} from "../fields.js";
import type { Release } from "../release.js";
import { parseGenres, parseTitle } from "../titles.js";
import type { Located } from "../records.js";
import { noRecords } from "./no-records.js";

/** Headers of the CSV releases (ml-latest-small, ml-latest, ml-25m, ml-32m). */
const HEADERS = {
  movies: ["movieId", "title", "genres"],
  ratings: ["userId", "movieId", "rating", "timestamp"],
  tags: ["userId", "movieId", "tag", "timestamp"],
  links: ["movieId", "imdbId", "tmdbId"],
  genomeTags: ["tagId", "tag"],
  genomeScores: ["movieId", "tagId", "relevance"],
} as const;

type FileKey = keyof typeof HEADERS;

const FILE_NAMES: Record<FileKey, string> = {
  movies: "movies.csv",
  ratings: "ratings.csv",
  tags: "tags.csv",
  links: "links.csv",
  genomeTags: "genome-tags.csv",
  genomeScores: "genome-scores.csv",
};

const REQUIRED: FileKey[] = ["movies", "ratings"];

export function isCsvRelease(dir: string): boolean {
  return existsSync(join(dir, FILE_NAMES.movies)) || existsSync(join(dir, FILE_NAMES.ratings));
}

/** Files that hold only numbers: read line by line, several times faster than a general CSV parser. */
const NUMERIC: ReadonlySet<FileKey> = new Set(["ratings", "genomeScores", "links"]);

/**
 * Streams RFC 4180 rows (quoted titles with commas, CRLF) with their line
 * numbers, after checking the header names exactly.
 */
async function* csvRows(path: string, expected: readonly string[], numeric: boolean): AsyncGenerator<{ fields: string[]; line: number }> {
  const file = basename(path);
  const rows = numeric ? simpleRows(path, file) : parsedRows(path, file);
  let first = true;
  for await (const { fields, line } of rows) {
    if (first) {
      first = false;
      const got = fields.map((h) => h.trim());
      if (got.length !== expected.length || got.some((h, i) => h !== expected[i])) {
        throw new LoadError(`wrong header: expected "${expected.join(",")}", got "${got.join(",")}"`, file, 1);
      }
      continue;
    }
    if (fields.length !== expected.length) {
      throw new LoadError(`expected ${expected.length} fields, got ${fields.length}`, file, line);
    }
    yield { fields, line };
  }
  if (first) throw new LoadError("file is empty (no header)", file, 1);
}

async function* parsedRows(path: string, file: string): AsyncGenerator<{ fields: string[]; line: number }> {
  const parser = createReadStream(path, { highWaterMark: 1 << 20 }).pipe(new CrlfToLf()).pipe(
    parse({ bom: true, relax_column_count: true, info: true, skip_empty_lines: true }),
  );
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield { fields: record, line: info.lines };
    }
  } catch (error) {
    if (error instanceof LoadError) throw error;
    throw new LoadError(`malformed CSV: ${(error as Error).message}`, file, (error as { lines?: number }).lines);
  } finally {
    parser.destroy();
  }
}

/** Splits on commas; the rare line with quotes still goes through the full parser. */
async function* simpleRows(path: string, file: string): AsyncGenerator<{ fields: string[]; line: number }> {
  for await (const { text, line } of readLines(path)) {
    if (text === "") continue;
    if (!text.includes('"')) {
      yield { fields: text.split(","), line };
      continue;
    }
    try {
      const [fields] = parseSync(text, { relax_column_count: true }) as string[][];
      yield { fields, line };
    } catch (error) {
      throw new LoadError(`malformed CSV: ${(error as Error).message}`, file, line);
    }
  }
}

export function openCsvRelease(dir: string, genomeDir?: string): Release {
  const pathOf = (key: FileKey): string | undefined => {
    const inDir = join(dir, FILE_NAMES[key]);
    if (existsSync(inDir)) return inDir;
    if (genomeDir && (key === "genomeTags" || key === "genomeScores")) {
      const inGenome = join(genomeDir, FILE_NAMES[key]);
      if (existsSync(inGenome)) return inGenome;
    }
    return undefined;
  };
  for (const key of REQUIRED) {
    if (!pathOf(key)) throw new LoadError(`missing required file ${FILE_NAMES[key]} in ${dir}`, FILE_NAMES[key]);
  }
  const hasGenomeScores = pathOf("genomeScores") !== undefined;
  if (hasGenomeScores !== (pathOf("genomeTags") !== undefined)) {
    const missing = hasGenomeScores ? FILE_NAMES.genomeTags : FILE_NAMES.genomeScores;
    throw new LoadError(`the tag genome needs both genome files; ${missing} is missing`, missing);
  }

  async function* rows<T>(key: FileKey, map: (f: string[], at: FieldSite) => T): AsyncGenerator<Located<T>> {
    const path = pathOf(key);
    if (!path) return;
    const file = basename(path);
    for await (const { fields, line } of csvRows(path, HEADERS[key], NUMERIC.has(key))) {
      yield { value: map(fields, { file, line }), file, line };
    }
  }

  return {
    format: "csv",
    name: basename(dir),
    dir,
    files: (Object.keys(FILE_NAMES) as FileKey[]).map(pathOf).filter((p): p is string => p !== undefined),
    movies: () =>
      rows("movies", ([id, title, genres], at) => {
        const parsed = parseTitle(requireText(title, "title", at));
        return { id: parseId(id, "movieId", at), title: parsed.title, year: parsed.year, genres: parseGenres(genres) };
      }),
    links: () =>
      rows("links", ([movieId, imdbId, tmdbId], at) => {
        const imdb = imdbId.trim();
        if (imdb !== "" && !/^\d+$/.test(imdb)) {
          throw new LoadError(`expected digits, got ${JSON.stringify(imdbId)}`, at.file, at.line, "imdbId");
        }
        return { movieId: parseId(movieId, "movieId", at), imdbId: imdb === "" ? null : imdb, tmdbId: parseOptionalId(tmdbId, "tmdbId", at) };
      }),
    ratings: () =>
      rows("ratings", ([userId, movieId, rating, timestamp], at) => ({
        userId: parseId(userId, "userId", at),
        movieId: parseId(movieId, "movieId", at),
        rating: parseRating(rating, "rating", at),
        timestamp: parseTimestamp(timestamp, "timestamp", at),
      })),
    tags: () =>
      rows("tags", ([userId, movieId, tag, timestamp], at) => ({
        userId: parseId(userId, "userId", at),
        movieId: parseId(movieId, "movieId", at),
        tag: requireText(tag, "tag", at),
        timestamp: parseTimestamp(timestamp, "timestamp", at),
      })),
    users: () => noRecords(),
    genomeTags: () => rows("genomeTags", ([id, tag], at) => ({ id: parseId(id, "tagId", at), name: requireText(tag, "tag", at) })),
    genomeScores: () =>
      rows("genomeScores", ([movieId, tagId, relevance], at) => ({
        movieId: parseId(movieId, "movieId", at),
        tagId: parseId(tagId, "tagId", at),
        relevance: parseRelevance(relevance, "relevance", at),
      })),
    ratingsBytes: () => statSync(pathOf("ratings")!).size,
  };
}
