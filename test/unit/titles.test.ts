import { describe, expect, it } from "vitest";
import { NO_GENRES, parseGenres, parseTitle } from "../../src/ingest/titles.js";

describe("parseTitle", () => {
  it("splits the year off a plain MovieLens title", () => {
    expect(parseTitle("Toy Story (1995)")).toEqual({ title: "Toy Story", year: 1995 });
    expect(parseTitle("Heat (1995)")).toEqual({ title: "Heat", year: 1995 });
  });

  it("ignores a trailing space after the year (movie 27008)", () => {
    expect(parseTitle("From Dusk Till Dawn 2: Texas Blood Money (1999) ")).toEqual({
      title: "From Dusk Till Dawn 2: Texas Blood Money",
      year: 1999,
    });
  });

  it("ignores trailing whitespace of any kind, including a stray carriage return", () => {
    expect(parseTitle("Heat (1995)\r")).toEqual({ title: "Heat", year: 1995 });
    expect(parseTitle("Heat (1995)\t \t")).toEqual({ title: "Heat", year: 1995 });
  });

  it("returns year null and the whole title when there is no year", () => {
    expect(parseTitle("Babylon 5")).toEqual({ title: "Babylon 5", year: null });
    expect(parseTitle("Hyena Road")).toEqual({ title: "Hyena Road", year: null });
    expect(parseTitle("Black Mirror")).toEqual({ title: "Black Mirror", year: null });
  });

  it("trims a title without a year", () => {
    expect(parseTitle("  Hyena Road  ")).toEqual({ title: "Hyena Road", year: null });
  });

  it("takes the first year of an en-dash range (movie 171749)", () => {
    expect(parseTitle("Death Note: Desu nôto (2006–2007)")).toEqual({ title: "Death Note: Desu nôto", year: 2006 });
  });

  it("takes the first year of a hyphen range, with or without spaces", () => {
    expect(parseTitle("Fawlty Towers (1975-1979)")).toEqual({ title: "Fawlty Towers", year: 1975 });
    expect(parseTitle("Fawlty Towers (1975 - 1979)")).toEqual({ title: "Fawlty Towers", year: 1975 });
  });

  it("accepts an open range such as a running series", () => {
    expect(parseTitle("Stranger Things (2016–)")).toEqual({ title: "Stranger Things", year: 2016 });
    expect(parseTitle("Stranger Things (2016– )")).toEqual({ title: "Stranger Things", year: 2016 });
  });

  it("keeps inner parentheses, commas and non-ASCII letters (movie 29)", () => {
    expect(parseTitle("City of Lost Children, The (Cité des enfants perdus, La) (1995)")).toEqual({
      title: "City of Lost Children, The (Cité des enfants perdus, La)",
      year: 1995,
    });
  });

  it("only strips the last parenthesised year when the title has two (movie 2117)", () => {
    expect(parseTitle("1984 (Nineteen Eighty-Four) (1984)")).toEqual({ title: "1984 (Nineteen Eighty-Four)", year: 1984 });
  });

  it("keeps quotes in the title", () => {
    expect(parseTitle('"Great Performances" Cats (1998)')).toEqual({ title: '"Great Performances" Cats', year: 1998 });
  });

  it("does not mistake a title that is a number for the year", () => {
    expect(parseTitle("1984 (1956)")).toEqual({ title: "1984", year: 1956 });
    expect(parseTitle("1984")).toEqual({ title: "1984", year: null });
  });

  it("tells a year-suffixed title from the same name without one", () => {
    expect(parseTitle("Cosmos (1980)")).toEqual({ title: "Cosmos", year: 1980 });
    expect(parseTitle("Cosmos")).toEqual({ title: "Cosmos", year: null });
  });

  it("accepts the year without a space before the parenthesis", () => {
    expect(parseTitle("Heat(1995)")).toEqual({ title: "Heat", year: 1995 });
  });

  it("never returns an empty title for a title that is only a year in parentheses", () => {
    expect(parseTitle("(1995)")).toEqual({ title: "(1995)", year: null });
    expect(parseTitle("  (1995) ")).toEqual({ title: "(1995)", year: null });
    expect(parseTitle(" (1995)").title).not.toBe("");
  });

  it("leaves a year that is not four digits, or not at the end, in the title", () => {
    expect(parseTitle("Heat (95)")).toEqual({ title: "Heat (95)", year: null });
    expect(parseTitle("Heat (19955)")).toEqual({ title: "Heat (19955)", year: null });
    expect(parseTitle("Heat (1995) (Director's Cut)")).toEqual({ title: "Heat (1995) (Director's Cut)", year: null });
    expect(parseTitle("Heat [1995]")).toEqual({ title: "Heat [1995]", year: null });
  });

  it("keeps a parenthesised word at the end that is not a year", () => {
    expect(parseTitle("Misérables, Les (Les Misérables)")).toEqual({ title: "Misérables, Les (Les Misérables)", year: null });
  });

  // The no-year branch trims both ends and the year branch trims the end, but not the start.
  it("trims leading whitespace the same way whether or not the title has a year", () => {
    expect(parseTitle("  Heat")).toEqual({ title: "Heat", year: null });
    expect(parseTitle("  Heat (1995)")).toEqual({ title: "Heat", year: 1995 });
  });
});

describe("parseGenres", () => {
  it("splits a pipe-separated list in file order", () => {
    expect(parseGenres("Adventure|Animation|Children|Comedy|Fantasy")).toEqual([
      "Adventure",
      "Animation",
      "Children",
      "Comedy",
      "Fantasy",
    ]);
    expect(parseGenres("Drama")).toEqual(["Drama"]);
  });

  it("keeps hyphenated and upper-case genre names as they are", () => {
    expect(parseGenres("Film-Noir|IMAX|Sci-Fi")).toEqual(["Film-Noir", "IMAX", "Sci-Fi"]);
  });

  it('treats "(no genres listed)" as no genres', () => {
    expect(NO_GENRES).toBe("(no genres listed)");
    expect(parseGenres("(no genres listed)")).toEqual([]);
    expect(parseGenres(" (no genres listed) ")).toEqual([]);
    expect(parseGenres("Action|(no genres listed)")).toEqual(["Action"]);
  });

  it("returns no genres for empty text", () => {
    expect(parseGenres("")).toEqual([]);
    expect(parseGenres("   ")).toEqual([]);
    expect(parseGenres("|")).toEqual([]);
  });

  it("trims names and drops empty entries", () => {
    expect(parseGenres(" Drama | Comedy\r")).toEqual(["Drama", "Comedy"]);
    expect(parseGenres("Drama||Comedy|")).toEqual(["Drama", "Comedy"]);
  });
});
