import { describe, expect, it } from "vitest";
import { QueryRegistry } from "../../src/db/queries.js";

// Importing these modules declares, with cypher(), every name they run.
import "../../src/ingest/loader.js";
import "../../src/graph/schema.js";
import "../../src/graph/dataset.js";

describe("Cypher names declared by the loader and the graph modules", () => {
  it("all exist in the project's cypher/ folder", () => {
    const registry = QueryRegistry.load();
    for (const name of [
      "load/genres",
      "load/movies",
      "load/links",
      "load/users",
      "load/ratings",
      "load/tags",
      "load/genome-tags",
      "load/genome-movies",
      "dataset/begin",
      "dataset/complete",
      "dataset/wipe",
      "dataset/current",
      "dataset/counts",
      "admin/await-indexes",
    ]) {
      expect(registry.get(name).length, name).toBeGreaterThan(0);
    }
  });

  it("make a registry without them fail to load", () => {
    expect(() => QueryRegistry.load([])).toThrow(/^Missing Cypher files: .*cypher\/load\/genres\.cypher/);
  });
});
