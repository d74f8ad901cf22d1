import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig, type Config } from "../config.js";
import { Database } from "../db/database.js";
import type { Logger } from "../logger.js";
import { LocalNeo4j } from "../neo4j/local-server.js";
import { connectionSettings } from "../runtime.js";

export interface BenchServer {
  config: Config;
  server: LocalNeo4j;
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

/**
 * A throw-away local Neo4j in a temporary folder on ports of its own, so a
 * benchmark never touches the user's graph and always starts from empty.
 */
export async function startBenchServer(logger: Logger, memory: { heap: string; pageCache: string }): Promise<BenchServer> {
  const dir = mkdtempSync(join(tmpdir(), "cinegraph-bench-"));
  const config = loadConfig({
    overrides: {
      NEO4J_URI: undefined,
      NEO4J_LOCAL_DIR: dir,
      NEO4J_LOCAL_BOLT_PORT: 7717,
      NEO4J_LOCAL_HTTP_PORT: 7504,
      NEO4J_LOCAL_HEAP: memory.heap,
      NEO4J_LOCAL_PAGECACHE: memory.pageCache,
    },
    env: {},
  });
  const server = new LocalNeo4j(config.local, config.neo4j.password, logger);
  await server.start();
  const open = () => Database.open({ ...connectionSettings(config), queryTimeoutMs: 0 }, logger);
  return {
    config,
    server,
    open,
    async dispose() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
