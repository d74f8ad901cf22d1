import { parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { exampleOperations } from "../../src/graphql/ide/ide.js";
import { buildGraphQLSchema } from "../../src/graphql/schema.js";

describe("schema/operations", () => {
  it("holds example operations that are valid against the schema", async () => {
    const schema = await buildGraphQLSchema();
    const operations = exampleOperations();
    expect(operations.map((o) => o.name)).toEqual(
      expect.arrayContaining(["explain", "new-visitor", "rate-movie", "recommendations", "search", "similar-movies", "stats"]),
    );
    for (const { name, query } of operations) {
      expect(validate(schema, parse(query)), name).toEqual([]);
    }
  });
});
