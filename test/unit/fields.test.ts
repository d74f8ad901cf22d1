import { describe, expect, it } from "vitest";
import {
  parseId,
  parseOptionalId,
  parseRating,
  parseRelevance,
  parseTimestamp,
  requireText,
  type FieldSite,
} from "../../src/ingest/fields.js";
import { LoadError } from "../../src/ingest/load-error.js";

const AT: FieldSite = { file: "ratings.csv", line: 7 };

/** Runs `fn`, expects a LoadError and returns it for closer checks. */
function loadError(fn: () => unknown): LoadError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(LoadError);
    return error as LoadError;
  }
  throw new Error("expected a LoadError, but nothing was thrown");
}

describe("LoadError", () => {
  it("prefixes the message with file, line and field", () => {
    const error = new LoadError("bad value", "movies.csv", 12, "movieId");
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("LoadError");
    expect(error.message).toBe('movies.csv, line 12, field "movieId": bad value');
    expect(error.file).toBe("movies.csv");
    expect(error.line).toBe(12);
    expect(error.field).toBe("movieId");
  });

  it("leaves out the parts it does not have", () => {
    expect(new LoadError("bad value").message).toBe("bad value");
    expect(new LoadError("bad value", "movies.csv").message).toBe("movies.csv: bad value");
    expect(new LoadError("bad value", "movies.csv", 1).message).toBe("movies.csv, line 1: bad value");
    expect(new LoadError("bad value", undefined, 3, "tag").message).toBe('line 3, field "tag": bad value');
  });
});

describe("parseId", () => {
  it("parses positive integers, ignoring surrounding spaces", () => {
    expect(parseId("1", "movieId", AT)).toBe(1);
    expect(parseId("193609", "movieId", AT)).toBe(193609);
    expect(parseId(" 42 ", "userId", AT)).toBe(42);
    expect(parseId("007", "movieId", AT)).toBe(7);
  });

  it("accepts the largest safe integer", () => {
    expect(parseId("9007199254740991", "movieId", AT)).toBe(9007199254740991);
  });

  it("rejects 0 as out of range", () => {
    const error = loadError(() => parseId("0", "movieId", AT));
    expect(error.message).toBe('ratings.csv, line 7, field "movieId": id out of range: 0');
    expect(error).toMatchObject({ file: "ratings.csv", line: 7, field: "movieId" });
  });

  it("rejects a number beyond 2^53 instead of rounding it", () => {
    expect(loadError(() => parseId("9007199254740993", "movieId", AT)).message).toBe(
      'ratings.csv, line 7, field "movieId": id out of range: 9007199254740993',
    );
    expect(loadError(() => parseId("9007199254740992", "movieId", AT)).message).toBe(
      'ratings.csv, line 7, field "movieId": id out of range: 9007199254740992',
    );
  });

  it.each([
    ["-1", '"-1"'],
    ["1.5", '"1.5"'],
    ["", '""'],
    ["   ", '"   "'],
    ["abc", '"abc"'],
    ["1e3", '"1e3"'],
    ["0x10", '"0x10"'],
    ["+5", '"+5"'],
    ["1 2", '"1 2"'],
  ])("rejects %j as not a positive integer", (raw, shown) => {
    const error = loadError(() => parseId(raw, "userId", AT));
    expect(error.message).toBe(`ratings.csv, line 7, field "userId": expected a positive integer id, got ${shown}`);
    expect(error.field).toBe("userId");
  });

  it("rejects a missing value", () => {
    expect(loadError(() => parseId(undefined, "userId", AT)).message).toBe(
      'ratings.csv, line 7, field "userId": expected a positive integer id, got ""',
    );
  });
});

describe("parseOptionalId", () => {
  it("returns null for empty, blank or missing text", () => {
    expect(parseOptionalId("", "tmdbId", AT)).toBeNull();
    expect(parseOptionalId("  ", "tmdbId", AT)).toBeNull();
    expect(parseOptionalId(undefined, "tmdbId", AT)).toBeNull();
  });

  it("parses a present id", () => {
    expect(parseOptionalId("862", "tmdbId", AT)).toBe(862);
  });

  it("still rejects a present but invalid id", () => {
    expect(loadError(() => parseOptionalId("n/a", "tmdbId", AT)).message).toBe(
      'ratings.csv, line 7, field "tmdbId": expected a positive integer id, got "n/a"',
    );
    expect(loadError(() => parseOptionalId("0", "tmdbId", AT)).message).toBe(
      'ratings.csv, line 7, field "tmdbId": id out of range: 0',
    );
  });
});

describe("parseRating", () => {
  it("accepts the bounds 0.5 and 5", () => {
    expect(parseRating("0.5", "rating", AT)).toBe(0.5);
    expect(parseRating("5", "rating", AT)).toBe(5);
    expect(parseRating("5.0", "rating", AT)).toBe(5);
  });

  it("accepts every half-star step, with spaces around", () => {
    expect(parseRating("4.0", "rating", AT)).toBe(4);
    expect(parseRating("3.5", "rating", AT)).toBe(3.5);
    expect(parseRating(" 1 ", "rating", AT)).toBe(1);
    expect(parseRating("2.50", "rating", AT)).toBe(2.5);
  });

  it.each(["0", "0.0", "5.5", "-1", "10", "0.25"])("rejects %j as outside 0.5–5", (raw) => {
    const error = loadError(() => parseRating(raw, "rating", AT));
    expect(error.message).toBe(`ratings.csv, line 7, field "rating": rating ${raw} is outside 0.5–5`);
    expect(error).toMatchObject({ file: "ratings.csv", line: 7, field: "rating" });
  });

  it.each(["3.7", "4.25", "1.1"])("rejects %j as not a half-star step", (raw) => {
    expect(loadError(() => parseRating(raw, "rating", AT)).message).toBe(
      `ratings.csv, line 7, field "rating": rating ${raw} is not a half-star step`,
    );
  });

  it.each([
    ["", '""'],
    ["  ", '"  "'],
    ["abc", '"abc"'],
    ["NaN", '"NaN"'],
    ["Infinity", '"Infinity"'],
    ["-Infinity", '"-Infinity"'],
    ["4,5", '"4,5"'],
  ])("rejects %j as not a number", (raw, shown) => {
    expect(loadError(() => parseRating(raw, "rating", AT)).message).toBe(
      `ratings.csv, line 7, field "rating": expected a number, got ${shown}`,
    );
  });

  it("rejects a missing value", () => {
    expect(loadError(() => parseRating(undefined, "rating", AT)).message).toBe(
      'ratings.csv, line 7, field "rating": expected a number, got ""',
    );
  });

  // Number() also reads hexadecimal, binary and exponent notation; a ratings file with "0x4"
  // is corrupt, not a 4-star rating.
  it.each(["0x4", "0b11", "4e0"])("rejects %j, which is not decimal notation", (raw) => {
    const error = loadError(() => parseRating(raw, "rating", AT));
    expect(error.field).toBe("rating");
  });
});

describe("parseTimestamp", () => {
  it("parses Unix seconds", () => {
    expect(parseTimestamp("964982703", "timestamp", AT)).toBe(964982703);
    expect(parseTimestamp(" 828124615 ", "timestamp", AT)).toBe(828124615);
    expect(parseTimestamp("0", "timestamp", AT)).toBe(0);
  });

  it.each([
    ["", '""'],
    ["-1", '"-1"'],
    ["1.5", '"1.5"'],
    ["abc", '"abc"'],
    ["2018-09-24", '"2018-09-24"'],
  ])("rejects %j", (raw, shown) => {
    const error = loadError(() => parseTimestamp(raw, "timestamp", AT));
    expect(error.message).toBe(`ratings.csv, line 7, field "timestamp": expected Unix seconds, got ${shown}`);
    expect(error.field).toBe("timestamp");
  });

  it("rejects a missing value", () => {
    expect(loadError(() => parseTimestamp(undefined, "timestamp", AT)).message).toBe(
      'ratings.csv, line 7, field "timestamp": expected Unix seconds, got ""',
    );
  });

  // parseId refuses digits beyond 2^53; parseTimestamp silently rounds them.
  it("rejects a timestamp too large to hold exactly", () => {
    const error = loadError(() => parseTimestamp("99999999999999999999", "timestamp", AT));
    expect(error.field).toBe("timestamp");
  });
});

describe("parseRelevance", () => {
  it("accepts 0, 1 and values between", () => {
    expect(parseRelevance("0", "relevance", AT)).toBe(0);
    expect(parseRelevance("1", "relevance", AT)).toBe(1);
    expect(parseRelevance("1.0", "relevance", AT)).toBe(1);
    expect(parseRelevance("0.029", "relevance", AT)).toBe(0.029);
    expect(parseRelevance("0.00075", "relevance", AT)).toBe(0.00075);
    expect(parseRelevance("0.029000000000000026", "relevance", AT)).toBe(0.029000000000000026);
    expect(parseRelevance(" 0.5 ", "relevance", AT)).toBe(0.5);
  });

  it.each([
    ["1.0001", '"1.0001"'],
    ["-0.1", '"-0.1"'],
    ["2", '"2"'],
    ["", '""'],
    ["abc", '"abc"'],
    ["NaN", '"NaN"'],
    ["Infinity", '"Infinity"'],
  ])("rejects %j", (raw, shown) => {
    const error = loadError(() => parseRelevance(raw, "relevance", { file: "genome-scores.csv", line: 3 }));
    expect(error.message).toBe(`genome-scores.csv, line 3, field "relevance": expected a relevance between 0 and 1, got ${shown}`);
  });
});

describe("requireText", () => {
  it("returns the text unchanged", () => {
    expect(requireText("funny", "tag", AT)).toBe("funny");
    expect(requireText(" Highly quotable ", "tag", AT)).toBe(" Highly quotable ");
  });

  it.each([[""], ["   "], ["\t"]])("rejects %j", (raw) => {
    const error = loadError(() => requireText(raw, "tag", { file: "tags.csv", line: 4 }));
    expect(error.message).toBe('tags.csv, line 4, field "tag": must not be empty');
    expect(error).toMatchObject({ file: "tags.csv", line: 4, field: "tag" });
  });

  it("rejects a missing value", () => {
    expect(loadError(() => requireText(undefined, "title", { file: "movies.csv", line: 2 })).message).toBe(
      'movies.csv, line 2, field "title": must not be empty',
    );
  });
});
