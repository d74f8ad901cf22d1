import { join } from "node:path";
import type { LocalNeo4jConfig } from "../config.js";

/**
 * neo4j.conf for the local server: loopback only, auth on, every directory
 * inside the project's local folder so the cached distribution stays shared
 * and read-only.
 */
export function renderNeo4jConf(local: LocalNeo4jConfig): string {
  const dir = (name: string) => join(local.dir, name);
  const settings: Record<string, string | number | boolean> = {
    "server.default_listen_address": "127.0.0.1",
    "server.default_advertised_address": "127.0.0.1",
    "server.bolt.listen_address": `:${local.boltPort}`,
    "server.bolt.advertised_address": `:${local.boltPort}`,
    "server.http.listen_address": `:${local.httpPort}`,
    "server.http.advertised_address": `:${local.httpPort}`,
    "server.https.enabled": false,
    "dbms.security.auth_enabled": true,
    "dbms.usage_report.enabled": false,
    "server.memory.heap.initial_size": local.heap,
    "server.memory.heap.max_size": local.heap,
    "server.memory.pagecache.size": local.pageCache,
    "db.tx_log.rotation.retention_policy": "2 files",
    "server.directories.data": dir("data"),
    "server.directories.logs": dir("logs"),
    "server.directories.run": dir("run"),
    "server.directories.import": dir("import"),
    "server.directories.plugins": dir("plugins"),
    "server.directories.transaction.logs.root": dir("data/transactions"),
  };
  const lines = Object.entries(settings).map(([key, value]) => `${key}=${value}`);
  return `# Written by cinegraph on every start; edit the project configuration instead.\n${lines.join("\n")}\n`;
}
