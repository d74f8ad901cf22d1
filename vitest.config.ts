import { defineConfig } from "vitest/config";

export default defineConfig({
  // type-graphql and the tests must share one copy of graphql: without this, Vite hands one of them the
  // ESM build and the other the CommonJS build, and graphql refuses types from "another realm".
  resolve: { alias: { graphql: "graphql/index.js" } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          setupFiles: ["reflect-metadata"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.int.test.ts"],
          setupFiles: ["reflect-metadata"],
          globalSetup: ["test/integration/setup/neo4j.global.ts"],
          // One Neo4j for the whole run: files take turns so each sees only its own data.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
