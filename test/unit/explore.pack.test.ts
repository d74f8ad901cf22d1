import { describe, expect, it } from "vitest";
import { QueryRegistry } from "../../src/db/queries.js";
import { ExploreError } from "../../src/explore/explore-error.js";
import { ExploreService } from "../../src/explore/explore.service.js";

const registry = QueryRegistry.load();
const pack = ExploreService.load(registry);
const queries = pack.list();

/** The query text after the header, without // comments and string literals, where $names and clauses are looked for. */
function body(name: string): string {
  const text = registry.get(`explore/${name}`);
  const lines = text.split("\n");
  const start = lines.findIndex((line) => !line.trim().startsWith("//"));
  return lines
    .slice(start)
    .map((line) => line.replace(/\/\/.*$/, ""))
    .join("\n")
    .replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, "''");
}

describe("the analysts' Cypher pack", () => {
  it("has at least 12 queries covering what analysts asked for", () => {
    expect(queries.length).toBeGreaterThanOrEqual(12);
    expect(queries.map((q) => q.name)).toEqual(
      expect.arrayContaining([
        "co-rated-pairs",
        "user-genre-profile",
        "user-tag-profile",
        "shortest-rater-path",
        "similar-users-by-co-rating",
        "similar-users-by-model",
        "cf-vs-content-neighbours",
        "long-tail-from-neighbours",
        "recommendation-genres",
        "rating-trends-by-year",
        "genre-co-occurrence",
        "polarising-movies",
        "top-taggers",
        "top-user-tags",
        "top-movies-by-genre",
        "movie-neighbourhood",
      ]),
    );
  });

  it.each(queries.map((q) => [q.name, q] as const))("%s states its question, how it works and what it returns", (_name, query) => {
    expect(query.question).toMatch(/^[A-Z].*\?$/);
    expect(query.description.length).toBeGreaterThan(20);
    expect(query.columns.length).toBeGreaterThan(0);
  });

  it.each(queries.map((q) => [q.name, q] as const))("%s uses exactly the parameters it declares", (name, query) => {
    const used = new Set([...body(name).matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]));
    expect([...used].sort()).toEqual(query.params.map((p) => p.name).sort());
  });

  it.each(queries.map((q) => [q.name, q] as const))("%s can run with defaults alone", (name, query) => {
    expect(query.params.filter((p) => p.default === undefined)).toEqual([]);
    expect(Object.keys(pack.bind(name).params)).toEqual(query.params.map((p) => p.name));
  });

  it.each(queries.map((q) => [q.name, q] as const))("%s turns every int parameter into an integer (they arrive as floats)", (name, query) => {
    const text = body(name);
    for (const param of query.params.filter((p) => p.type === "int")) {
      const uses = text.split(`$${param.name}`).length - 1;
      const wrapped = text.split(`toInteger($${param.name})`).length - 1;
      expect(wrapped, `$${param.name}`).toBe(uses);
    }
  });

  it.each(queries.map((q) => [q.name] as const))("%s only reads", (name) => {
    expect(body(name)).not.toMatch(/\b(CREATE|MERGE|SET|DELETE|DETACH|REMOVE|FOREACH|LOAD\s+CSV)\b/i);
  });

  it("fails on an unknown name with the names it has", () => {
    expect(() => pack.get("co-rated")).toThrow(ExploreError);
    expect(() => pack.bind("co-rated")).toThrow(/^no query named "co-rated"; available: cf-vs-content-neighbours, co-rated-pairs, /);
  });

  it("binds arguments against the query's declaration", () => {
    expect(pack.bind("co-rated-pairs", ["limit=3", "minRating=4"]).params).toEqual({ limit: 3, candidates: 100, minRating: 4 });
    expect(() => pack.bind("co-rated-pairs", ["userId=1"])).toThrow("co-rated-pairs has no parameter userId; its parameters: limit, candidates, minRating");
  });
});
