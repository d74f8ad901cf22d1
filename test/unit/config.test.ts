import { afterEach, describe, expect, it, vi } from "vitest";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { boltUri, ConfigError, loadConfig, type LoadConfigOptions } from "../../src/config.js";
import { PACKAGE_ROOT } from "../../src/paths.js";

function configError(options: LoadConfigOptions): ConfigError {
  try {
    loadConfig(options);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected a ConfigError, but the configuration was accepted");
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("loadConfig defaults", () => {
  it("fills every setting from an empty environment", () => {
    expect(loadConfig({ env: {} })).toEqual({
      neo4j: { uri: undefined, user: "neo4j", password: "cinegraph-local", database: "neo4j", queryTimeoutMs: 30_000 },
      local: {
        dir: join(PACKAGE_ROOT, ".neo4j"),
        cacheDir: join(homedir(), ".cache", "cinegraph", "neo4j"),
        boltPort: 7687,
        httpPort: 7474,
        heap: "2g",
        pageCache: "2g",
        startTimeoutSeconds: 120,
      },
      server: { host: "127.0.0.1", port: 4000, cacheTtlMs: 2000 },
      logLevel: "info",
      demoDataDir: join(PACKAGE_ROOT, "data", "ml-latest-small"),
      dataCacheDir: join(homedir(), ".cache", "cinegraph", "datasets"),
    });
  });

  it("places the package folders at the repository root", () => {
    const config = loadConfig({ env: {} });
    expect(config.local.dir).toBe(resolve(PACKAGE_ROOT, ".neo4j"));
    expect(PACKAGE_ROOT).toBe(resolve(import.meta.dirname, "..", ".."));
  });

  it("treats an empty variable as unset", () => {
    const config = loadConfig({ env: { PORT: "", NEO4J_DATABASE: "", NEO4J_URI: "" } });
    expect(config.server.port).toBe(4000);
    expect(config.neo4j.database).toBe("neo4j");
    expect(config.neo4j.uri).toBeUndefined();
  });

  it("reads only the env it is given, not process.env", () => {
    vi.stubEnv("PORT", "1234");
    vi.stubEnv("NEO4J_DATABASE", "from-process");
    const config = loadConfig({ env: {} });
    expect(config.server.port).toBe(4000);
    expect(config.neo4j.database).toBe("neo4j");
  });
});

describe("loadConfig from the environment", () => {
  it("reads and coerces every kind of value", () => {
    const config = loadConfig({
      env: {
        NEO4J_URI: "neo4j+s://db.example.com:7687",
        NEO4J_USER: "reader",
        NEO4J_PASSWORD: "correct horse",
        NEO4J_DATABASE: "movies",
        NEO4J_QUERY_TIMEOUT_MS: "5000",
        NEO4J_LOCAL_BOLT_PORT: "17687",
        NEO4J_LOCAL_HTTP_PORT: "17474",
        NEO4J_LOCAL_HEAP: "512m",
        NEO4J_LOCAL_PAGECACHE: "1G",
        NEO4J_LOCAL_START_TIMEOUT: "30",
        HOST: "0.0.0.0",
        PORT: "8080",
        CACHE_TTL_MS: "0",
        LOG_LEVEL: "debug",
        UNRELATED: "ignored",
      },
    });
    expect(config.neo4j).toEqual({
      uri: "neo4j+s://db.example.com:7687",
      user: "reader",
      password: "correct horse",
      database: "movies",
      queryTimeoutMs: 5000,
    });
    expect(config.local).toMatchObject({ boltPort: 17687, httpPort: 17474, heap: "512m", pageCache: "1G", startTimeoutSeconds: 30 });
    expect(config.server).toEqual({ host: "0.0.0.0", port: 8080, cacheTtlMs: 0 });
    expect(config.logLevel).toBe("debug");
  });

  it("resolves relative folders against the working directory and keeps absolute ones", () => {
    const config = loadConfig({
      env: { NEO4J_LOCAL_DIR: "tmp/neo4j", NEO4J_LOCAL_CACHE_DIR: "/var/cache/neo4j", DEMO_DATA_DIR: "data/ml-1m" },
    });
    expect(config.local.dir).toBe(join(process.cwd(), "tmp", "neo4j"));
    expect(config.local.cacheDir).toBe("/var/cache/neo4j");
    expect(config.demoDataDir).toBe(join(process.cwd(), "data", "ml-1m"));
  });

  it.each(["bolt://localhost:7687", "neo4j://h", "bolt+s://h:1", "bolt+ssc://h", "neo4j+ssc://h"])("accepts the URI %s", (uri) => {
    expect(loadConfig({ env: { NEO4J_URI: uri } }).neo4j.uri).toBe(uri);
  });
});

describe("loadConfig overrides", () => {
  it("lets overrides win over the environment", () => {
    const config = loadConfig({
      env: { PORT: "5000", NEO4J_DATABASE: "env-db", LOG_LEVEL: "warn" },
      overrides: { PORT: 6000, NEO4J_DATABASE: "flag-db" },
    });
    expect(config.server.port).toBe(6000);
    expect(config.neo4j.database).toBe("flag-db");
    expect(config.logLevel).toBe("warn");
  });

  it("falls back to the environment for an undefined override", () => {
    const config = loadConfig({ env: { PORT: "5000" }, overrides: { PORT: undefined } });
    expect(config.server.port).toBe(5000);
  });

  it("accepts string overrides and coerces them", () => {
    expect(loadConfig({ env: {}, overrides: { NEO4J_LOCAL_BOLT_PORT: "7999" } }).local.boltPort).toBe(7999);
  });

  it("validates overrides too", () => {
    expect(configError({ env: { PORT: "5000" }, overrides: { PORT: 0 } }).message).toContain("  PORT: ");
  });
});

describe("loadConfig rejects", () => {
  it("a PORT that is not a number", () => {
    const error = configError({ env: { PORT: "abc" } });
    expect(error.name).toBe("ConfigError");
    expect(error.message).toBe(
      "Invalid configuration:\n  PORT: Invalid input: expected number, received NaN\nSee .env.example for every setting.",
    );
  });

  it("a PORT above 65535, below 1 or fractional", () => {
    expect(configError({ env: { PORT: "70000" } }).message).toBe(
      "Invalid configuration:\n  PORT: Too big: expected number to be <=65535\nSee .env.example for every setting.",
    );
    expect(configError({ env: { PORT: "0" } }).message).toMatch(/^Invalid configuration:\n {2}PORT: Too small/);
    expect(configError({ env: { PORT: "1.5" } }).message).toMatch(/^Invalid configuration:\n {2}PORT: /);
  });

  it("a NEO4J_URI that is not bolt or neo4j", () => {
    expect(configError({ env: { NEO4J_URI: "http://x" } }).message).toBe(
      "Invalid configuration:\n  NEO4J_URI: expected a bolt:// or neo4j:// URI\nSee .env.example for every setting.",
    );
    expect(configError({ env: { NEO4J_URI: "bolt://" } }).message).toContain("  NEO4J_URI: ");
    expect(configError({ env: { NEO4J_URI: "localhost:7687" } }).message).toContain("  NEO4J_URI: ");
  });

  it("a NEO4J_PASSWORD shorter than 8 characters", () => {
    expect(configError({ env: { NEO4J_PASSWORD: "short" } }).message).toBe(
      "Invalid configuration:\n  NEO4J_PASSWORD: Neo4j requires at least 8 characters\nSee .env.example for every setting.",
    );
    expect(loadConfig({ env: { NEO4J_PASSWORD: "12345678" } }).neo4j.password).toBe("12345678");
  });

  it("a NEO4J_LOCAL_HEAP or NEO4J_LOCAL_PAGECACHE that is not a size", () => {
    expect(configError({ env: { NEO4J_LOCAL_HEAP: "lots" } }).message).toBe(
      'Invalid configuration:\n  NEO4J_LOCAL_HEAP: expected a size such as "512m" or "2g"\nSee .env.example for every setting.',
    );
    expect(configError({ env: { NEO4J_LOCAL_PAGECACHE: "2" } }).message).toContain("  NEO4J_LOCAL_PAGECACHE: expected a size");
    expect(configError({ env: { NEO4J_LOCAL_HEAP: "2gb" } }).message).toContain("  NEO4J_LOCAL_HEAP: expected a size");
  });

  it("equal bolt and http ports", () => {
    const error = configError({ env: { NEO4J_LOCAL_BOLT_PORT: "7474" } });
    expect(error.message).toBe("Invalid configuration:\n  NEO4J_LOCAL_BOLT_PORT and NEO4J_LOCAL_HTTP_PORT must differ");
    expect(configError({ env: { NEO4J_LOCAL_BOLT_PORT: "9000", NEO4J_LOCAL_HTTP_PORT: "9000" } }).message).toContain(
      "NEO4J_LOCAL_BOLT_PORT and NEO4J_LOCAL_HTTP_PORT must differ",
    );
  });

  it("an unknown LOG_LEVEL, a too short query timeout and a too short start timeout", () => {
    expect(configError({ env: { LOG_LEVEL: "loud" } }).message).toContain("  LOG_LEVEL: ");
    expect(configError({ env: { NEO4J_QUERY_TIMEOUT_MS: "99" } }).message).toContain("  NEO4J_QUERY_TIMEOUT_MS: ");
    expect(configError({ env: { NEO4J_LOCAL_START_TIMEOUT: "4" } }).message).toContain("  NEO4J_LOCAL_START_TIMEOUT: ");
  });

  it("a CACHE_TTL_MS that is negative, fractional or above an hour", () => {
    expect(configError({ env: { CACHE_TTL_MS: "-1" } }).message).toContain("  CACHE_TTL_MS: Too small");
    expect(configError({ env: { CACHE_TTL_MS: "0.5" } }).message).toContain("  CACHE_TTL_MS: ");
    expect(configError({ env: { CACHE_TTL_MS: "3600001" } }).message).toContain("  CACHE_TTL_MS: Too big");
  });

  it("lists every invalid key, one per line", () => {
    const error = configError({ env: { PORT: "abc", NEO4J_PASSWORD: "short", NEO4J_LOCAL_HEAP: "lots" } });
    const lines = error.message.split("\n");
    expect(lines[0]).toBe("Invalid configuration:");
    expect(lines.at(-1)).toBe("See .env.example for every setting.");
    expect(lines.slice(1, -1).map((l) => l.trim().split(":")[0]).sort()).toEqual(["NEO4J_LOCAL_HEAP", "NEO4J_PASSWORD", "PORT"]);
  });
});

describe("boltUri", () => {
  it("points at the local server on its bolt port when no URI is set", () => {
    expect(boltUri(loadConfig({ env: {} }))).toBe("bolt://127.0.0.1:7687");
    expect(boltUri(loadConfig({ env: { NEO4J_LOCAL_BOLT_PORT: "17687" } }))).toBe("bolt://127.0.0.1:17687");
  });

  it("uses an external URI as given, ignoring the local port", () => {
    const config = loadConfig({ env: { NEO4J_URI: "neo4j+s://db.example.com:7687", NEO4J_LOCAL_BOLT_PORT: "17687" } });
    expect(boltUri(config)).toBe("neo4j+s://db.example.com:7687");
  });
});
