import { describe, expect, it } from "vitest";
import { QueryRegistry } from "../../src/db/queries.js";

// Importing these modules declares, with cypher(), every name they run.
import "../../src/ingest/loader.js";
import "../../src/ingest/bulk/bulk-loader.js";
import "../../src/graph/schema.js";
import "../../src/graph/dataset.js";
import "../../src/server.js";

describe("Cypher names declared by the code", () => {
  it("all exist in the project's cypher/ folder", () => {
    const registry = QueryRegistry.load();
    expect(registry.get("load/ratings-create")).toContain("CREATE (u)-[:RATED");
  });

  it("make a registry without them fail to load", () => {
    expect(() => QueryRegistry.load([])).toThrow(/^Missing Cypher files: .*cypher\/load\/genres\.cypher/);
  });
});
