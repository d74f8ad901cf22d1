import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { LocalNeo4j } from "../../src/neo4j/local-server.js";
import { connect } from "../../src/runtime.js";

const local = inject("localNeo4j");
const settings = inject("neo4j");
const logger = createLogger("silent");

describe.skipIf(local === null)("the local Neo4j server", () => {
  const server = () => new LocalNeo4j(local!, settings.password, logger);

  it("reports itself running, and a second start is a no-op", async () => {
    const before = await server().status();
    expect(before).toMatchObject({ running: true, boltUri: `bolt://127.0.0.1:${local!.boltPort}` });
    expect(await server().start()).toEqual({ alreadyRunning: true });
    expect((await server().status()).pid).toBe(before.pid);
  });

  it("listens on loopback only, with auth on and its folders inside the local dir", () => {
    const conf = readFileSync(join(local!.dir, "conf", "neo4j.conf"), "utf8");
    expect(conf).toContain("server.default_listen_address=127.0.0.1");
    expect(conf).toContain(`server.bolt.listen_address=:${local!.boltPort}`);
    expect(conf).toContain("dbms.security.auth_enabled=true");
    expect(conf).toContain(`server.directories.data=${join(local!.dir, "data")}`);
  });

  it("is Neo4j 5.26 community and serves Neo4j Browser on the http port", async () => {
    const discovery = (await (await fetch(`http://127.0.0.1:${local!.httpPort}/`)).json()) as Record<string, string>;
    expect(discovery.neo4j_version).toMatch(/^5\.26\./);
    expect(discovery.neo4j_edition).toBe("community");
    const browser = await fetch(`http://127.0.0.1:${local!.httpPort}/browser/`);
    expect(browser.status).toBe(200);
    expect(await browser.text()).toContain("Neo4j Browser");
  });

  it("refuses to start a second server on ports that are taken", async () => {
    const other = new LocalNeo4j({ ...local!, dir: mkdtempSync(join(tmpdir(), "cinegraph-second-")) }, settings.password, logger);
    await expect(other.start()).rejects.toThrow(new RegExp(`port ${local!.boltPort} on 127.0.0.1 is taken`));
  });
});

describe("NEO4J_URI", () => {
  it("uses the given server and starts nothing", async () => {
    const unusedLocalDir = mkdtempSync(join(tmpdir(), "cinegraph-unused-"));
    const config = loadConfig({
      env: {
        NEO4J_URI: settings.uri,
        NEO4J_PASSWORD: settings.password,
        NEO4J_LOCAL_DIR: unusedLocalDir,
        NEO4J_LOCAL_BOLT_PORT: "7999",
      },
    });
    const { db, startedLocal } = await connect(config, logger);
    try {
      expect(startedLocal).toBeUndefined();
      expect(db.uri).toBe(settings.uri);
      expect(await db.ping()).toBe(true);
      expect(readdirSync(unusedLocalDir)).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it("names the server when it cannot be reached", async () => {
    const config = loadConfig({ env: { NEO4J_URI: "bolt://127.0.0.1:1", NEO4J_PASSWORD: settings.password } });
    await expect(connect(config, logger)).rejects.toThrow(/Neo4j at bolt:\/\/127\.0\.0\.1:1 is not available/);
  });
});

