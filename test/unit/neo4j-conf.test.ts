import { describe, expect, it } from "vitest";
import { isAbsolute, relative } from "node:path";
import type { LocalNeo4jConfig } from "../../src/config.js";
import { loadConfig } from "../../src/config.js";
import { renderNeo4jConf } from "../../src/neo4j/neo4j-conf.js";

const LOCAL: LocalNeo4jConfig = {
  dir: "/srv/cinegraph/.neo4j",
  cacheDir: "/home/me/.cache/cinegraph/neo4j",
  boltPort: 17687,
  httpPort: 17474,
  heap: "512m",
  pageCache: "1g",
  startTimeoutSeconds: 60,
};

/** The settings of a rendered neo4j.conf, without comments. */
function settings(conf: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of conf.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    expect(eq, `line without "=": ${line}`).toBeGreaterThan(0);
    const key = line.slice(0, eq);
    expect(out.has(key), `duplicate setting ${key}`).toBe(false);
    out.set(key, line.slice(eq + 1));
  }
  return out;
}

describe("renderNeo4jConf", () => {
  const conf = renderNeo4jConf(LOCAL);
  const s = settings(conf);

  it("renders exactly the expected file", () => {
    expect(conf).toBe(
      [
        "# Written by cinegraph on every start; edit the project configuration instead.",
        "server.default_listen_address=127.0.0.1",
        "server.default_advertised_address=127.0.0.1",
        "server.bolt.listen_address=:17687",
        "server.bolt.advertised_address=:17687",
        "server.http.listen_address=:17474",
        "server.http.advertised_address=:17474",
        "server.https.enabled=false",
        "dbms.security.auth_enabled=true",
        "dbms.usage_report.enabled=false",
        "server.memory.heap.initial_size=512m",
        "server.memory.heap.max_size=512m",
        "server.memory.pagecache.size=1g",
        "db.tx_log.rotation.retention_policy=2 files",
        "server.directories.data=/srv/cinegraph/.neo4j/data",
        "server.directories.logs=/srv/cinegraph/.neo4j/logs",
        "server.directories.run=/srv/cinegraph/.neo4j/run",
        "server.directories.import=/srv/cinegraph/.neo4j/import",
        "server.directories.plugins=/srv/cinegraph/.neo4j/plugins",
        "server.directories.transaction.logs.root=/srv/cinegraph/.neo4j/data/transactions",
        "",
      ].join("\n"),
    );
  });

  it("binds to the loopback address only", () => {
    expect(s.get("server.default_listen_address")).toBe("127.0.0.1");
    expect(s.get("server.default_advertised_address")).toBe("127.0.0.1");
    // Ports only: the host comes from the loopback default above.
    for (const key of ["server.bolt.listen_address", "server.http.listen_address"]) {
      expect(s.get(key)).toMatch(/^:\d+$/);
    }
    expect(conf).not.toContain("0.0.0.0");
    expect(s.get("server.https.enabled")).toBe("false");
  });

  it("uses the configured ports", () => {
    expect(s.get("server.bolt.listen_address")).toBe(":17687");
    expect(s.get("server.bolt.advertised_address")).toBe(":17687");
    expect(s.get("server.http.listen_address")).toBe(":17474");
    expect(s.get("server.http.advertised_address")).toBe(":17474");
  });

  it("turns authentication on and the usage report off", () => {
    expect(s.get("dbms.security.auth_enabled")).toBe("true");
    expect(s.get("dbms.usage_report.enabled")).toBe("false");
  });

  it("uses the configured memory sizes", () => {
    expect(s.get("server.memory.heap.initial_size")).toBe("512m");
    expect(s.get("server.memory.heap.max_size")).toBe("512m");
    expect(s.get("server.memory.pagecache.size")).toBe("1g");
  });

  it("puts every directory inside the local folder, none in the cache", () => {
    const dirs = [...s].filter(([key]) => key.startsWith("server.directories."));
    expect(dirs.map(([key]) => key)).toEqual([
      "server.directories.data",
      "server.directories.logs",
      "server.directories.run",
      "server.directories.import",
      "server.directories.plugins",
      "server.directories.transaction.logs.root",
    ]);
    for (const [key, path] of dirs) {
      expect(isAbsolute(path), key).toBe(true);
      const inside = relative(LOCAL.dir, path);
      expect(inside.startsWith(".."), `${key}=${path}`).toBe(false);
      expect(inside, key).not.toBe("");
      expect(path.startsWith(LOCAL.cacheDir), key).toBe(false);
    }
  });

  it("renders the defaults from loadConfig", () => {
    const local = loadConfig({ env: {} }).local;
    const d = settings(renderNeo4jConf(local));
    expect(d.get("server.bolt.listen_address")).toBe(":7687");
    expect(d.get("server.http.listen_address")).toBe(":7474");
    expect(d.get("server.memory.heap.max_size")).toBe("2g");
    expect(d.get("server.directories.data")).toBe(`${local.dir}/data`);
  });
});
