import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { z } from "zod";
import { PACKAGE_ROOT } from "./paths.js";

/**
 * Every setting the service reads, validated once. Sources, strongest first:
 * CLI flags (passed in as overrides), environment variables, a `.env` file in
 * the working directory, defaults. Nothing else in the code reads process.env.
 */
const port = z.coerce.number().int().min(1).max(65535);
const size = z.string().regex(/^\d+[kmg]$/i, 'expected a size such as "512m" or "2g"');

/** See CACHE_TTL_MS. */
export const DEFAULT_CACHE_TTL_MS = 2000;

const schema = z.object({
  /** An existing Neo4j (bolt://, neo4j://, neo4j+s://…). Unset: the project runs its own local server. */
  NEO4J_URI: z
    .string()
    .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/.+/, "expected a bolt:// or neo4j:// URI")
    .optional(),
  NEO4J_USER: z.string().min(1).default("neo4j"),
  /** For the local server this becomes the initial password, so Neo4j's 8-character minimum applies. */
  NEO4J_PASSWORD: z.string().min(8, "Neo4j requires at least 8 characters").default("cinegraph-local"),
  NEO4J_DATABASE: z.string().min(1).default("neo4j"),
  /** Per-transaction timeout for queries sent by the service. */
  NEO4J_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  NEO4J_LOCAL_DIR: z.string().min(1).default(join(PACKAGE_ROOT, ".neo4j")),
  NEO4J_LOCAL_CACHE_DIR: z.string().min(1).default(join(homedir(), ".cache", "cinegraph", "neo4j")),
  NEO4J_LOCAL_BOLT_PORT: port.default(7687),
  NEO4J_LOCAL_HTTP_PORT: port.default(7474),
  NEO4J_LOCAL_HEAP: size.default("2g"),
  NEO4J_LOCAL_PAGECACHE: size.default("2g"),
  /** Seconds to wait for the local server to answer after starting it. */
  NEO4J_LOCAL_START_TIMEOUT: z.coerce.number().int().min(5).default(120),
  /** Bearer token that mutations require. Unset: writes are disabled (not open). */
  API_TOKEN: z.string().min(16, "use at least 16 characters").optional(),
  /**
   * How long the API may serve a user's ratings and a movie's rating stats from memory. Its own
   * writes drop what they touch at once; writes from elsewhere (another API process, Cypher) show
   * within this many milliseconds. 0 reads them from the graph on every request.
   */
  CACHE_TTL_MS: z.coerce.number().int().min(0).max(3_600_000).default(DEFAULT_CACHE_TTL_MS),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: port.default(4000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** TMDB API key (v3) or read access token (v4); unset means no posters, and no calls to TMDB. */
  TMDB_API_KEY: z.string().min(16, "expected a TMDB v3 API key or v4 read access token").optional(),
  TMDB_API_URL: z.url().default("https://api.themoviedb.org/3"),
  /** Poster images are linked from here (w342: about the width of a card). */
  TMDB_IMAGE_URL: z.url().default("https://image.tmdb.org/t/p/w342"),
  /** Where `load --download` keeps the releases it fetched. */
  DATA_CACHE_DIR: z.string().min(1).default(join(homedir(), ".cache", "cinegraph", "datasets")),
  /** Folder loaded by `npm start` when the graph is empty. */
  DEMO_DATA_DIR: z.string().min(1).default(join(PACKAGE_ROOT, "data", "ml-latest-small")),
});

type Raw = z.infer<typeof schema>;

export interface LocalNeo4jConfig {
  dir: string;
  cacheDir: string;
  boltPort: number;
  httpPort: number;
  heap: string;
  pageCache: string;
  startTimeoutSeconds: number;
}

export interface Config {
  neo4j: {
    /** Undefined when the project manages its own local server. */
    uri?: string;
    user: string;
    password: string;
    database: string;
    queryTimeoutMs: number;
  };
  local: LocalNeo4jConfig;
  server: { host: string; port: number; apiToken?: string; cacheTtlMs: number };
  /** Undefined without a TMDB key. */
  tmdb?: TmdbConfig;
  logLevel: Raw["LOG_LEVEL"];
  demoDataDir: string;
  dataCacheDir: string;
}

export interface TmdbConfig {
  apiKey: string;
  apiUrl: string;
  imageUrl: string;
}

export type ConfigOverrides = Partial<Record<keyof Raw, string | number | undefined>>;

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

export interface LoadConfigOptions {
  env?: Record<string, string | undefined>;
  overrides?: ConfigOverrides;
  /** Read `.env` from the working directory (off in tests, which pass env explicitly). */
  dotenv?: boolean;
}

export function loadConfig(options: LoadConfigOptions = {}): Config {
  const { overrides = {}, dotenv = options.env === undefined } = options;
  if (dotenv && existsSync(".env")) process.loadEnvFile(".env");
  const env = options.env ?? process.env;
  const input: Record<string, unknown> = {};
  for (const key of Object.keys(schema.shape)) {
    const override = overrides[key as keyof Raw];
    const value = override !== undefined && override !== "" ? override : env[key];
    if (value !== undefined && value !== "") input[key] = value;
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new ConfigError(`Invalid configuration:\n${problems}\nSee .env.example for every setting.`);
  }
  const raw = parsed.data;
  const absolute = (p: string) => {
    const expanded = p === "~" || p.startsWith("~/") ? join(homedir(), p.slice(1)) : p;
    return isAbsolute(expanded) ? expanded : resolve(expanded);
  };
  if (raw.NEO4J_LOCAL_BOLT_PORT === raw.NEO4J_LOCAL_HTTP_PORT) {
    throw new ConfigError("Invalid configuration:\n  NEO4J_LOCAL_BOLT_PORT and NEO4J_LOCAL_HTTP_PORT must differ");
  }
  return {
    neo4j: {
      uri: raw.NEO4J_URI,
      user: raw.NEO4J_USER,
      password: raw.NEO4J_PASSWORD,
      database: raw.NEO4J_DATABASE,
      queryTimeoutMs: raw.NEO4J_QUERY_TIMEOUT_MS,
    },
    local: {
      dir: absolute(raw.NEO4J_LOCAL_DIR),
      cacheDir: absolute(raw.NEO4J_LOCAL_CACHE_DIR),
      boltPort: raw.NEO4J_LOCAL_BOLT_PORT,
      httpPort: raw.NEO4J_LOCAL_HTTP_PORT,
      heap: raw.NEO4J_LOCAL_HEAP,
      pageCache: raw.NEO4J_LOCAL_PAGECACHE,
      startTimeoutSeconds: raw.NEO4J_LOCAL_START_TIMEOUT,
    },
    server: { host: raw.HOST, port: raw.PORT, apiToken: raw.API_TOKEN, cacheTtlMs: raw.CACHE_TTL_MS },
    tmdb: raw.TMDB_API_KEY ? { apiKey: raw.TMDB_API_KEY, apiUrl: raw.TMDB_API_URL, imageUrl: raw.TMDB_IMAGE_URL } : undefined,
    logLevel: raw.LOG_LEVEL,
    demoDataDir: absolute(raw.DEMO_DATA_DIR),
    dataCacheDir: absolute(raw.DATA_CACHE_DIR),
  };
}

/** The bolt URI to connect to: the configured one, or the local server's. */
export function boltUri(config: Config): string {
  return config.neo4j.uri ?? `bolt://127.0.0.1:${config.local.boltPort}`;
}
