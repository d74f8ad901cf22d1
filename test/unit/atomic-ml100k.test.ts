import { afterEach, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openRelease } from "../../src/ingest/formats/detect.js";
import { LoadError } from "../../src/ingest/load-error.js";
import { atomicToMl100k, type AtomicMl100k } from "../../src/ingest/recbole/atomic-ml100k.js";

/** Four movies as RecBole writes them, including its two oddities: the missing movie 267 and 1412's "(V)". */
const FIXTURE = fileURLToPath(new URL("../fixtures/recbole-ml-100k/", import.meta.url));
const ATOMIC: AtomicMl100k = {
  inter: readFileSync(join(FIXTURE, "ml-100k.inter"), "utf8"),
  item: readFileSync(join(FIXTURE, "ml-100k.item"), "utf8"),
  user: readFileSync(join(FIXTURE, "ml-100k.user"), "utf8"),
};
const COUNTS = { ratings: 3, users: 2, movies: 4 };

const flags = (...on: number[]) => Array.from({ length: 19 }, (_, i) => (on.includes(i) ? "1" : "0")).join("|");

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function conversionError(atomic: AtomicMl100k, counts = COUNTS): LoadError {
  try {
    atomicToMl100k(atomic, counts);
  } catch (error) {
    expect(error).toBeInstanceOf(LoadError);
    return error as LoadError;
  }
  throw new Error("expected a LoadError");
}

describe("atomicToMl100k", () => {
  it("writes u.data, u.item and u.user in ml-100k's layout", () => {
    const files = atomicToMl100k(ATOMIC, COUNTS);
    expect(files["u.data"].toString("utf8")).toBe("196\t1\t3\t881250949\n186\t267\t1\t891717742\n196\t1412\t5\t881250950\n");
    expect(files["u.item"].toString("latin1").split("\n")).toEqual([
      `1|Toy Story (1995)||||${flags(3, 4, 5)}`,
      `267|unknown||||${flags(0)}`,
      `543|Misérables, Les (1995)||||${flags(8, 12)}`,
      `1412|Land Before Time III: The Time of the Great Giving (1995) (V)||||${flags(3, 4)}`,
      "",
    ]);
    // Latin-1 like GroupLens' u.item: one byte for "é".
    expect(files["u.item"].includes(Buffer.from([0xe9]))).toBe(true);
    expect(files["u.user"].toString("utf8")).toBe("186|39|F|executive|00000\n196|49|M|writer|55105\n");
  });

  it("gives a folder the ml-100k loader reads as GroupLens' files", async () => {
    dir = mkdtempSync(join(tmpdir(), "atomic-"));
    const folder = join(dir, "ml-100k");
    mkdirSync(folder);
    for (const [name, bytes] of Object.entries(atomicToMl100k(ATOMIC, COUNTS))) writeFileSync(join(folder, name), bytes);

    const release = openRelease(folder);
    expect(release.format).toBe("ml-100k");
    const movies = [];
    for await (const { value } of release.movies()) movies.push(value);
    expect(movies).toEqual([
      { id: 1, title: "Toy Story", year: 1995, genres: ["Animation", "Children", "Comedy"] },
      { id: 267, title: "unknown", year: null, genres: [] },
      { id: 543, title: "Misérables, Les", year: 1995, genres: ["Drama", "Musical"] },
      // Without u.item's release date the year of this one is lost: its title does not end in "(year)".
      { id: 1412, title: "Land Before Time III: The Time of the Great Giving (1995) (V)", year: null, genres: ["Animation", "Children"] },
    ]);
    const ratings = [];
    for await (const { value } of release.ratings()) ratings.push(value);
    expect(ratings[0]).toEqual({ userId: 196, movieId: 1, rating: 3, timestamp: 881250949 });
    const users = [];
    for await (const { value } of release.users()) users.push(value);
    expect(users[1]).toEqual({ id: 196, age: 49, gender: "M", occupation: "writer", zip: "55105" });
  });

  it("finds columns by name, whatever their order, and accepts CRLF", () => {
    const swapped = ATOMIC.inter
      .split("\n")
      .map((line) => line.split("\t"))
      .map(([a, b, ...rest]) => [b, a, ...rest].filter((f) => f !== undefined).join("\t"))
      .join("\r\n");
    expect(swapped.startsWith("item_id:token\tuser_id:token")).toBe(true);
    expect(atomicToMl100k({ ...ATOMIC, inter: swapped }, COUNTS)["u.data"]).toEqual(atomicToMl100k(ATOMIC, COUNTS)["u.data"]);
  });

  it("refuses a copy whose counts are not ml-100k's, with both counts in the message", () => {
    const error = conversionError(ATOMIC, { ratings: 100_000, users: 943, movies: 1_682 });
    expect(error.message).toContain("3 ratings by 2 users of 4 movies");
    expect(error.message).toContain("100000 ratings by 943 users of 1682 movies");

    const oneRatingShort = { ...ATOMIC, inter: ATOMIC.inter.split("\n").slice(0, 3).join("\n") };
    expect(conversionError(oneRatingShort).message).toContain("2 ratings");
  });

  it("refuses a genre ml-100k does not have, a missing column and a short row, naming file and line", () => {
    const sciFi = { ...ATOMIC, item: ATOMIC.item.replace("Drama Musical", "Drama Science-Fiction") };
    expect(conversionError(sciFi).message).toBe('ml-100k.item, line 4, field "class": "Science-Fiction" is not one of ml-100k\'s genres (' +
      "unknown, Action, Adventure, Animation, Children's, Comedy, Crime, Documentary, Drama, Fantasy, Film-Noir, Horror, Musical, Mystery, Romance, Sci-Fi, Thriller, War, Western)");

    const noRating = { ...ATOMIC, inter: ATOMIC.inter.replace("rating:float", "score:float") };
    expect(conversionError(noRating).message).toContain('ml-100k.inter, line 1: the header has no column "rating"');

    const short = { ...ATOMIC, user: ATOMIC.user.replace("\t55105", "") };
    expect(conversionError(short).message).toBe("ml-100k.user, line 3: expected 5 tab-separated fields, got 4");
  });

  it("refuses titles u.item cannot hold: its separator, or characters outside Latin-1", () => {
    const pipe = { ...ATOMIC, item: ATOMIC.item.replace("Toy Story", "Toy|Story") };
    expect(conversionError(pipe).message).toContain("ml-100k.item, line 2");
    const greek = { ...ATOMIC, item: ATOMIC.item.replace("Toy Story", "Toy Στόρι") };
    expect(conversionError(greek).message).toContain('"Σ" cannot be written in Latin-1');
  });
});
