import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { boltUri, loadConfig, type LocalNeo4jConfig } from "../../../src/config.js";
import { createLogger } from "../../../src/logger.js";
import { LocalNeo4j } from "../../../src/neo4j/local-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    neo4j: { uri: string; user: string; password: string; database: string };
    /** The local server the suite started, absent when NEO4J_TEST_URI named one. */
    localNeo4j: LocalNeo4jConfig | null;
  }
}

/**
 * Integration tests get a Neo4j of their own: the server named by
 * NEO4J_TEST_URI (whose database they wipe), or a fresh local server in a
 * temporary folder on ports apart from the development server's.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const testUri = process.env.NEO4J_TEST_URI;
  const dir = join(tmpdir(), `cinegraph-test-neo4j-${process.pid}`);
  const config = loadConfig({
    env: testUri
      ? { ...process.env, NEO4J_URI: testUri }
      : {
          ...process.env,
          NEO4J_URI: undefined,
          NEO4J_LOCAL_DIR: dir,
          NEO4J_LOCAL_BOLT_PORT: process.env.NEO4J_TEST_BOLT_PORT ?? "7697",
          NEO4J_LOCAL_HTTP_PORT: process.env.NEO4J_TEST_HTTP_PORT ?? "7484",
          NEO4J_LOCAL_HEAP: "1g",
          NEO4J_LOCAL_PAGECACHE: "512m",
        },
  });
  const server = testUri ? undefined : new LocalNeo4j(config.local, config.neo4j.password, createLogger("warn"));
  await server?.start();
  project.provide("neo4j", {
    uri: boltUri(config),
    user: config.neo4j.user,
    password: config.neo4j.password,
    database: config.neo4j.database,
  });
  project.provide("localNeo4j", server ? config.local : null);
  return async () => {
    await server?.stop();
    if (server) rmSync(dir, { recursive: true, force: true });
  };
}
