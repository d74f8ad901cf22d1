import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildGraphQLSchema, printSortedSchema } from "../../src/graphql/schema.js";
import { SCHEMA_FILE } from "../../src/paths.js";

describe("schema/schema.graphql", () => {
  it("matches the schema the code builds (run `npm run schema` after changing it)", async () => {
    const generated = printSortedSchema(await buildGraphQLSchema());
    expect(readFileSync(SCHEMA_FILE, "utf8")).toBe(generated);
  });
});
