import { createReadStream, existsSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { parse } from "csv-parse";
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

/**
 * Streams RFC 4180 rows (quoted titles with commas, CRLF) with their line
 * numbers, after checking the header names exactly.
 */
async function* csvRows(path: string, expected: readonly string[]): AsyncGenerator<{ fields: string[]; line: number }> {
  const file = basename(path);
  const parser = createReadStream(path, { highWaterMark: 1 << 20 }).pipe(
    parse({ bom: true, relax_column_count: true, info: true, skip_empty_lines: true }),
  );
  let first = true;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (first) {
        first = false;
        const got = record.map((h) => h.trim());
        if (got.length !== expected.length || got.some((h, i) => h !== expected[i])) {
          throw new LoadError(`wrong header: expected "${expected.join(",")}", got "${got.join(",")}"`, file, 1);
        }
        continue;
      }
      if (record.length !== expected.length) {
        throw new LoadError(`expected ${expected.length} fields, got ${record.length}`, file, info.lines);
      }
      yield { fields: record, line: info.lines };
    }
  } catch (error) {
    if (error instanceof LoadError) throw error;
    const lines = (error as { lines?: number }).lines;
    throw new LoadError(`malformed CSV: ${(error as Error).message}`, file, lines);
  } finally {
    parser.destroy();
  }
  if (first) throw new LoadError("file is empty (no header)", file, 1);
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
    for await (const { fields, line } of csvRows(path, HEADERS[key])) {
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
