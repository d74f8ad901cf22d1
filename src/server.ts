import { randomUUID } from "node:crypto";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type Express } from "express";
import { pinoHttp } from "pino-http";
import { DEFAULT_CACHE_TTL_MS, type TmdbConfig } from "./config.js";
import type { Database } from "./db/database.js";
import { currentDataset } from "./graph/dataset.js";
import type { Logger } from "./logger.js";
import { createLoaders, createServices, type GraphQLContext } from "./graphql/context.js";
import { isWriter } from "./graphql/common/auth.js";
import { ideRouter } from "./graphql/ide/ide.js";
import { webRouter } from "./web/web.router.js";
import { errorLoggingPlugin, formatError } from "./graphql/common/error-handling.js";
import { complexityPlugin, limitRules } from "./graphql/common/limits.js";
import { buildGraphQLSchema } from "./graphql/schema.js";

export interface BuiltServer {
  app: Express;
  apollo: ApolloServer<GraphQLContext>;
  /** A context as a request would get it, for running operations in tests without HTTP. */
  contextFor(requestId?: string, authorization?: string): GraphQLContext;
  stop(): Promise<void>;
}

/**
 * Builds the HTTP app and the GraphQL server without listening, so tests can
 * run operations against it and main.ts decides about ports and signals.
 */
export interface ServerOptions {
  /** Bearer token mutations require; without one, writes are disabled. */
  apiToken?: string;
  /** Where posters come from; without it Movie.posterUrl is null. */
  tmdb?: TmdbConfig;
  /** CACHE_TTL_MS (default 2000). */
  cacheTtlMs?: number;
}

export async function buildServer(db: Database, logger: Logger, options: ServerOptions = {}): Promise<BuiltServer> {
  const services = createServices(db, logger, { tmdb: options.tmdb, cacheTtlMs: options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS });
  const contextFor = (requestId: string = randomUUID(), authorization?: string): GraphQLContext => ({
    requestId,
    canWrite: isWriter(authorization, options.apiToken),
    writesEnabled: options.apiToken !== undefined,
    logger: logger.child({ requestId }),
    services,
    loaders: createLoaders(services),
  });

  const apollo = new ApolloServer<GraphQLContext>({
    schema: await buildGraphQLSchema(),
    formatError,
    includeStacktraceInErrorResponses: false,
    // main.ts owns the signals: it closes HTTP, Apollo, the driver and the local Neo4j in that order.
    stopOnTerminationSignals: false,
    validationRules: limitRules(),
    // The IDE at /graphql needs introspection, which Apollo turns off by default under NODE_ENV=production.
    introspection: true,
    // No field sets a cache hint, and the plugin would otherwise run for every resolved field.
    plugins: [errorLoggingPlugin, complexityPlugin(), ApolloServerPluginCacheControlDisabled(), ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();

  const app = express();
  app.disable("x-powered-by");
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const given = req.headers["x-request-id"];
        const id = typeof given === "string" && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
        res.setHeader("x-request-id", id);
        return id;
      },
    }),
  );

  app.get("/health/live", (_req, res) => {
    res.json({ status: "ok" });
  });
  const models = services.models;
  app.get("/health/ready", async (_req, res) => {
    const database = await db.ping();
    const dataset = database ? (await currentDataset(db).catch(() => []))[0] : undefined;
    const active = database ? await models.active().catch(() => []) : [];
    const ready = database && dataset?.status === "complete" && active.length > 0;
    res.status(ready ? 200 : 503).json({
      status: ready ? "ready" : "not ready",
      database: database ? "up" : "down",
      dataset: dataset ? { name: dataset.name, status: dataset.status } : null,
      models: active.map((m) => ({ name: m.name, version: m.version })),
    });
  });

  app.use(ideRouter());
  app.use(webRouter());
  app.use(
    "/graphql",
    express.json({ limit: "1mb" }),
    expressMiddleware(apollo, { context: async ({ req }) => contextFor(String(req.id), req.headers.authorization) }),
  );

  return { app, apollo, contextFor, stop: () => apollo.stop() };
}
