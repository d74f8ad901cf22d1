import { existsSync, statSync } from "node:fs";
import { basename, resolve } from "node:path";
import { parseId, parseRating, parseTimestamp, requireText, type FieldSite } from "../fields.js";
import { LoadError } from "../load-error.js";
import type { Release } from "../release.js";
import { parseTitle } from "../titles.js";
import { delimitedRecords, normalizeGenre, parseAge, parseGender, parseZip } from "./delimited.js";
import { noRecords } from "./no-records.js";

/** The 19 genre flag columns of u.item, in file order. */
export const GENRE_COLUMNS = [
  "unknown",
  "Action",
  "Adventure",
  "Animation",
  "Children's",
  "Comedy",
  "Crime",
  "Documentary",
  "Drama",
  "Fantasy",
  "Film-Noir",
  "Horror",
  "Musical",
  "Mystery",
  "Romance",
  "Sci-Fi",
  "Thriller",
  "War",
  "Western",
] as const;

const ITEM_COLUMNS = ["movieId", "title", "releaseDate", "videoReleaseDate", "imdbUrl", ...GENRE_COLUMNS];
const DATA_COLUMNS = ["userId", "movieId", "rating", "timestamp"];
const USER_COLUMNS = ["userId", "age", "gender", "occupation", "zip"];

/** u.item release dates look like "01-Jan-1995". */
const RELEASE_DATE = /^\d{1,2}-[A-Za-z]{3}-(\d{4})$/;

export function isMl100k(dir: string): boolean {
  return existsSync(resolve(dir, "u.data")) && existsSync(resolve(dir, "u.item"));
}

function releaseYear(raw: string, at: FieldSite): number | null {
  const text = raw.trim();
  if (text === "") return null;
  const match = RELEASE_DATE.exec(text);
  if (!match) {
    throw new LoadError(`expected a date like 01-Jan-1995, got ${JSON.stringify(raw)}`, at.file, at.line, "releaseDate");
  }
  return Number(match[1]);
}

function genresOf(flags: string[], at: FieldSite): string[] {
  const genres: string[] = [];
  flags.forEach((flag, i) => {
    const column = GENRE_COLUMNS[i];
    const text = flag.trim();
    if (text !== "0" && text !== "1") {
      throw new LoadError(`expected a genre flag 0 or 1, got ${JSON.stringify(flag)}`, at.file, at.line, column);
    }
    // "unknown" marks a movie with no genre, not a genre of its own.
    if (text === "1" && column !== "unknown") genres.push(normalizeGenre(column));
  });
  return genres;
}

export function openMl100k(dir: string): Release {
  const data = resolve(dir, "u.data");
  const item = resolve(dir, "u.item");
  const user = resolve(dir, "u.user");
  for (const path of [data, item]) {
    if (!existsSync(path)) throw new LoadError(`missing required file ${basename(path)} in ${dir}`, basename(path));
  }
  const hasUsers = existsSync(user);

  return {
    format: "ml-100k",
    name: basename(dir),
    dir,
    files: hasUsers ? [data, item, user] : [data, item],
    movies: () =>
      delimitedRecords({ path: item, separator: "|", columns: ITEM_COLUMNS, encoding: "latin1" }, (fields, at) => {
        const id = parseId(fields[0], "movieId", at);
        const parsed = parseTitle(requireText(fields[1], "title", at));
        const fromDate = releaseYear(fields[2], at);
        return { id, title: parsed.title, year: parsed.year ?? fromDate, genres: genresOf(fields.slice(5), at) };
      }),
    links: () => noRecords(),
    ratings: () =>
      delimitedRecords(
        { path: data, separator: "\t", columns: DATA_COLUMNS, encoding: "utf8" },
        ([userId, movieId, rating, timestamp], at) => ({
          userId: parseId(userId, "userId", at),
          movieId: parseId(movieId, "movieId", at),
          rating: parseRating(rating, "rating", at),
          timestamp: parseTimestamp(timestamp, "timestamp", at),
        }),
      ),
    tags: () => noRecords(),
    users: () =>
      hasUsers
        ? delimitedRecords(
            { path: user, separator: "|", columns: USER_COLUMNS, encoding: "utf8" },
            ([id, age, gender, occupation, zip], at) => ({
              id: parseId(id, "userId", at),
              age: parseAge(age, "age", at),
              gender: parseGender(gender, "gender", at),
              occupation: requireText(occupation, "occupation", at).trim(),
              zip: parseZip(zip),
            }),
          )
        : noRecords(),
    genomeTags: () => noRecords(),
    genomeScores: () => noRecords(),
    ratingsBytes: () => statSync(data).size,
  };
}
