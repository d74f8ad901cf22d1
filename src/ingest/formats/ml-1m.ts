import { existsSync, statSync } from "node:fs";
import { basename, resolve } from "node:path";
import { parseId, parseRating, parseTimestamp, requireText, type FieldSite } from "../fields.js";
import { LoadError } from "../load-error.js";
import type { Release } from "../release.js";
import { parseGenres, parseTitle } from "../titles.js";
import { delimitedRecords, normalizeGenre, parseAge, parseGender, parseZip } from "./delimited.js";
import { noRecords } from "./no-records.js";

/** Titles may contain ":" ("Star Wars: Episode IV"), never "::". */
const SEPARATOR = "::";

const RATING_COLUMNS = ["userId", "movieId", "rating", "timestamp"];
const MOVIE_COLUMNS = ["movieId", "title", "genres"];
const USER_COLUMNS = ["userId", "gender", "age", "occupation", "zip"];

/** users.dat stores occupations as codes; the ml-1m README lists their names. */
const OCCUPATIONS = [
  "other or not specified",
  "academic/educator",
  "artist",
  "clerical/admin",
  "college/grad student",
  "customer service",
  "doctor/health care",
  "executive/managerial",
  "farmer",
  "homemaker",
  "K-12 student",
  "lawyer",
  "programmer",
  "retired",
  "sales/marketing",
  "scientist",
  "self-employed",
  "technician/engineer",
  "tradesman/craftsman",
  "unemployed",
  "writer",
];

export function isMl1m(dir: string): boolean {
  return existsSync(resolve(dir, "ratings.dat")) && existsSync(resolve(dir, "movies.dat"));
}

function occupationName(raw: string, at: FieldSite): string {
  const text = raw.trim();
  const name = /^\d+$/.test(text) ? OCCUPATIONS[Number(text)] : undefined;
  if (name === undefined) {
    throw new LoadError(`expected an occupation code 0–${OCCUPATIONS.length - 1}, got ${JSON.stringify(raw)}`, at.file, at.line, "occupation");
  }
  return name;
}

export function openMl1m(dir: string): Release {
  const ratings = resolve(dir, "ratings.dat");
  const movies = resolve(dir, "movies.dat");
  const users = resolve(dir, "users.dat");
  for (const path of [ratings, movies]) {
    if (!existsSync(path)) throw new LoadError(`missing required file ${basename(path)} in ${dir}`, basename(path));
  }
  const hasUsers = existsSync(users);

  return {
    format: "ml-1m",
    name: basename(dir),
    dir,
    files: hasUsers ? [ratings, movies, users] : [ratings, movies],
    movies: () =>
      delimitedRecords({ path: movies, separator: SEPARATOR, columns: MOVIE_COLUMNS, encoding: "latin1" }, ([id, title, genres], at) => {
        const parsed = parseTitle(requireText(title, "title", at));
        return { id: parseId(id, "movieId", at), title: parsed.title, year: parsed.year, genres: parseGenres(genres).map(normalizeGenre) };
      }),
    links: () => noRecords(),
    ratings: () =>
      delimitedRecords(
        { path: ratings, separator: SEPARATOR, columns: RATING_COLUMNS, encoding: "utf8" },
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
            { path: users, separator: SEPARATOR, columns: USER_COLUMNS, encoding: "utf8" },
            ([id, gender, age, occupation, zip], at) => ({
              id: parseId(id, "userId", at),
              gender: parseGender(gender, "gender", at),
              // An age bucket code (1 = "under 18", 18 = "18-24", ...), kept as the release ships it.
              age: parseAge(age, "age", at),
              occupation: occupationName(occupation, at),
              zip: parseZip(zip),
            }),
          )
        : noRecords(),
    genomeTags: () => noRecords(),
    genomeScores: () => noRecords(),
    ratingsBytes: () => statSync(ratings).size,
  };
}
