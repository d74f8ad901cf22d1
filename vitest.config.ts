import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          setupFiles: ["reflect-metadata"],
        },
      },
      {
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
