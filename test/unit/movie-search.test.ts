import { describe, expect, it } from "vitest";
import { MovieSearchIndex, type MovieSearch, type SearchableMovie } from "../../src/graphql/movie/movie-search.js";

const movies: SearchableMovie[] = [
  { id: 1, title: "Star Wars", year: 1977, genres: ["Action", "Sci-Fi"], ratingCount: 250 },
  { id: 2, title: "Lone Star", year: 1996, genres: ["Drama"], ratingCount: 40 },
  { id: 3, title: "Stardust", year: 2007, genres: ["Fantasy", "Romance"], ratingCount: 90 },
  { id: 4, title: "Mustard", year: null, genres: ["Comedy"], ratingCount: 90 },
  { id: 5, title: "Alien", year: 1979, genres: ["Horror", "Sci-Fi"], ratingCount: 300 },
  { id: 6, title: "STAR TREK", year: 2009, genres: ["Action", "Sci-Fi"], ratingCount: 90 },
  { id: 7, title: "Amélie", year: 2001, genres: ["Comedy", "Romance"], ratingCount: 120 },
  { id: 8, title: "Alien", year: 1979, genres: ["Horror"], ratingCount: 300 },
];

const index = new MovieSearchIndex(movies);
const search = (query: Partial<MovieSearch>) => index.search({ orderBy: "RELEVANCE", offset: 0, limit: 20, ...query });

describe("MovieSearchIndex", () => {
  it("matches a case-insensitive substring, titles starting with it first, then the most rated, ties by title then id", () => {
    // Stardust and STAR TREK tie on 90 ratings: title order puts the upper-case one first, as Cypher does.
    expect(search({ search: "star" })).toEqual({ total: 5, ids: [1, 6, 3, 4, 2], hasNextPage: false });
  });

  it("orders by popularity, title or year when asked, whatever the text", () => {
    expect(search({ search: "star", orderBy: "POPULARITY" }).ids).toEqual([1, 4, 6, 3, 2]);
    expect(search({ orderBy: "POPULARITY" }).ids).toEqual([5, 8, 1, 7, 4, 6, 3, 2]);
    expect(search({ orderBy: "TITLE" }).ids).toEqual([5, 8, 7, 2, 4, 6, 1, 3]);
    expect(search({ orderBy: "NEWEST" }).ids).toEqual([6, 3, 7, 2, 5, 8, 1, 4]);
  });

  it("without text, RELEVANCE is popularity", () => {
    expect(search({}).ids).toEqual(search({ orderBy: "POPULARITY" }).ids);
    expect(search({ search: "" }).ids).toEqual(search({ orderBy: "POPULARITY" }).ids);
  });

  it("keeps movies in all the genres asked for", () => {
    expect(search({ genres: ["Sci-Fi", "Action"] }).ids).toEqual([1, 6]);
    expect(search({ genres: ["Western"] })).toEqual({ total: 0, ids: [], hasNextPage: false });
  });

  it("applies a year range, which drops movies without a year", () => {
    expect(search({ yearFrom: 1990, yearTo: 2007 }).ids).toEqual([7, 3, 2]);
    expect(search({ search: "star", yearFrom: 1900 }).ids).not.toContain(4);
  });

  it("pages through the whole order, across the line between prefix matches and the rest", () => {
    const all = search({ search: "star" }).ids;
    const pages = [0, 2, 4].map((offset) => search({ search: "star", offset, limit: 2 }));
    expect(pages.map((p) => p.ids).flat()).toEqual(all);
    expect(pages.map((p) => p.hasNextPage)).toEqual([true, true, false]);
    expect(pages.every((p) => p.total === 5)).toBe(true);
    expect(search({ search: "star", offset: 10, limit: 2 })).toEqual({ total: 5, ids: [], hasNextPage: false });
  });

  it("matches accented titles in lower case", () => {
    expect(search({ search: "AMÉL" }).ids).toEqual([7]);
  });
});
