import { GENRE_COLUMNS } from "../formats/ml-100k.js";
import { LoadError } from "../load-error.js";

/**
 * RecBole's "atomic" files of ml-100k (https://recbole.io/docs/user_guide/data/atomic_files.html):
 * UTF-8, tab-separated, a header of `name:type` columns, for example
 *
 *   ml-100k.inter  user_id:token  item_id:token  rating:float  timestamp:float
 *   ml-100k.item   item_id:token  movie_title:token_seq  release_year:token  class:token_seq
 *   ml-100k.user   user_id:token  age:token  gender:token  occupation:token  zip_code:token
 *
 * where the title has lost its "(year)" to release_year and class lists the
 * genres separated by spaces.
 */
export interface AtomicMl100k {
  inter: string;
  item: string;
  user: string;
}

/** u.data, u.item and u.user as openMl100k reads them. */
export interface Ml100kFiles {
  "u.data": Buffer;
  "u.item": Buffer;
  "u.user": Buffer;
}

export interface Ml100kCounts {
  ratings: number;
  users: number;
  movies: number;
}

/** What GroupLens' ml-100k holds (its README: "100,000 ratings (1-5) from 943 users on 1682 movies"). */
export const ML_100K_COUNTS: Ml100kCounts = { ratings: 100_000, users: 943, movies: 1_682 };

/**
 * RecBole's converter wrote this (sic) where u.item has no value: movie 267,
 * whose u.item title is "unknown" with no date.
 */
const MISSING = "unkonwn";

/** u.item's title of the movie whose fields are all missing. */
const MISSING_TITLE = "unknown";

/**
 * Turns the atomic files back into the classic ml-100k layout:
 *
 * - u.data: `user \t item \t rating \t timestamp`, rows in the same order;
 * - u.item: `id|title|release date|video release date|IMDb URL|19 genre flags`,
 *   Latin-1 like the original, with the title rebuilt as "Title (year)". The
 *   year field is put back in parentheses whatever it holds, which also
 *   restores "… (1995) (V)" of movie 1412, split by RecBole into the title
 *   "… (1995)" and the year "V". The dates and the IMDb URL are not in the
 *   atomic files and stay empty;
 * - u.user: `id|age|gender|occupation|zip`.
 *
 * Values are copied, not validated: the loader checks every field later. What
 * is checked here is the layout (header columns, fields per row, genre names,
 * text u.item cannot hold) and the size of the data set, against `expected`.
 */
export function atomicToMl100k(files: AtomicMl100k, expected: Ml100kCounts = ML_100K_COUNTS): Ml100kFiles {
  const data: string[] = [];
  const raters = new Set<string>();
  for (const { f } of atomicRows(files.inter, "ml-100k.inter", ["user_id", "item_id", "rating", "timestamp"])) {
    data.push(`${f.user_id}\t${f.item_id}\t${f.rating}\t${f.timestamp}\n`);
    raters.add(f.user_id);
  }

  const items: string[] = [];
  for (const { f, line } of atomicRows(files.item, "ml-100k.item", ["item_id", "movie_title", "release_year", "class"])) {
    const title = f.movie_title === MISSING ? MISSING_TITLE : f.release_year === MISSING ? f.movie_title : `${f.movie_title} (${f.release_year})`;
    const fields = [f.item_id, title, "", "", "", ...genreFlags(f.class, line)];
    items.push(`${checkedItemLine(fields.join("|"), fields.length, line)}\n`);
  }

  const users: string[] = [];
  for (const { f } of atomicRows(files.user, "ml-100k.user", ["user_id", "age", "gender", "occupation", "zip_code"])) {
    users.push(`${f.user_id}|${f.age}|${f.gender}|${f.occupation}|${f.zip_code}\n`);
  }

  const found = { ratings: data.length, users: raters.size, movies: items.length };
  if (found.ratings !== expected.ratings || found.users !== expected.users || found.movies !== expected.movies || users.length !== expected.users) {
    throw new LoadError(
      `this copy of ml-100k has ${found.ratings} ratings by ${found.users} users of ${found.movies} movies and ${users.length} users in ml-100k.user, ` +
        `but ml-100k has ${expected.ratings} ratings by ${expected.users} users of ${expected.movies} movies; it is not ml-100k`,
    );
  }
  return { "u.data": Buffer.from(data.join(""), "utf8"), "u.item": Buffer.from(items.join(""), "latin1"), "u.user": Buffer.from(users.join(""), "utf8") };
}

/** The rows of an atomic file as values by column name (the part before ":type"); extra columns are ignored. */
function* atomicRows<C extends string>(text: string, file: string, columns: readonly C[]): Generator<{ f: Record<C, string>; line: number }> {
  const lines = text.split(/\r?\n/);
  const header = lines[0].split("\t").map((column) => column.split(":")[0]);
  const at = columns.map((column) => {
    const index = header.indexOf(column);
    if (index < 0) throw new LoadError(`the header has no column "${column}" (found: ${header.join(", ")})`, file, 1);
    return index;
  });
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === "") continue;
    const fields = lines[i].split("\t");
    if (fields.length !== header.length) {
      throw new LoadError(`expected ${header.length} tab-separated fields, got ${fields.length}`, file, i + 1);
    }
    const f = {} as Record<C, string>;
    columns.forEach((column, c) => (f[column] = fields[at[c]]));
    yield { f, line: i + 1 };
  }
}

/** The 19 flags of u.item from RecBole's space-separated genre names, which are ml-100k's own. */
function genreFlags(classes: string, line: number): string[] {
  const names = classes.split(" ").filter((name) => name !== "");
  for (const name of names) {
    if (!(GENRE_COLUMNS as readonly string[]).includes(name)) {
      throw new LoadError(`"${name}" is not one of ml-100k's genres (${GENRE_COLUMNS.join(", ")})`, "ml-100k.item", line, "class");
    }
  }
  return GENRE_COLUMNS.map((genre) => (names.includes(genre) ? "1" : "0"));
}

/** A u.item line, refused when a field holds the separator or a character Latin-1 cannot store. */
function checkedItemLine(text: string, fieldCount: number, line: number): string {
  if (text.split("|").length !== fieldCount) throw new LoadError(`a field holds "|", which u.item uses as its separator`, "ml-100k.item", line);
  for (const char of text) {
    if (char.codePointAt(0)! > 0xff) throw new LoadError(`"${char}" cannot be written in Latin-1, u.item's encoding`, "ml-100k.item", line);
  }
  return text;
}
