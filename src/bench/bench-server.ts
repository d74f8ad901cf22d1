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

export interface BenchPorts {
  bolt: number;
  http: number;
}

/** The ports of bench:load, bench:api and bench:vectors, which run one at a time. */
export const BENCH_PORTS: BenchPorts = { bolt: 7717, http: 7504 };

/**
 * A throw-away local Neo4j in a temporary folder on ports of its own, so a
 * benchmark never touches the user's graph and always starts from empty. A
 * benchmark that may run while another does passes ports of its own.
 */
export async function startBenchServer(
  logger: Logger,
  memory: { heap: string; pageCache: string },
  ports: BenchPorts = BENCH_PORTS,
): Promise<BenchServer> {
  const dir = mkdtempSync(join(tmpdir(), "cinegraph-bench-"));
  const config = loadConfig({
    overrides: {
      NEO4J_URI: undefined,
      NEO4J_LOCAL_DIR: dir,
      NEO4J_LOCAL_BOLT_PORT: ports.bolt,
      NEO4J_LOCAL_HTTP_PORT: ports.http,
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
