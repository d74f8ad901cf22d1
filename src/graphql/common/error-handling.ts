import type { ApolloServerPlugin } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import type { GraphQLFormattedError } from "graphql";
import { DatabaseUnavailableError, QueryTimeoutError } from "../../db/database.js";
import { ModelUnavailableError, UnknownUserError } from "../../recommend/recommendation.service.js";
import { AmbiguousTitleError, MovieNotFoundError } from "../../recommend/similar.service.js";
import type { GraphQLContext } from "../context.js";
import { UserExistsError } from "../user/user.service.js";

/** Codes whose messages are meant for clients; every other error is masked. */
const PUBLIC_CODES = new Set([
  "BAD_USER_INPUT",
  "NOT_FOUND",
  "UNAUTHENTICATED",
  "SERVICE_UNAVAILABLE",
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

/** Errors of the service layer and the public code each becomes; their messages are written for clients. */
const MAPPED: Array<[new (...args: never[]) => Error, string]> = [
  [UnknownUserError, "NOT_FOUND"],
  [MovieNotFoundError, "NOT_FOUND"],
  [AmbiguousTitleError, "BAD_USER_INPUT"],
  [UserExistsError, "BAD_USER_INPUT"],
  [ModelUnavailableError, "SERVICE_UNAVAILABLE"],
  [QueryTimeoutError, "SERVICE_UNAVAILABLE"],
];

function mappedCode(error: unknown): string | undefined {
  return MAPPED.find(([type]) => error instanceof type)?.[1];
}

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof DatabaseUnavailableError) {
    return { message: "The database is not available; try again shortly", path: formatted.path, extensions: { code: "SERVICE_UNAVAILABLE" } };
  }
  const mapped = mappedCode(original);
  if (mapped) return { message: (original as Error).message, path: formatted.path, extensions: { code: mapped } };
  const code = formatted.extensions?.code;
  if (typeof code === "string" && PUBLIC_CODES.has(code)) {
    const { stacktrace: _hidden, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return { message: "Internal server error", path: formatted.path, extensions: { code: "INTERNAL_SERVER_ERROR" } };
}

/** Logs what clients cannot see, and gives them the request id to quote. */
export const errorLoggingPlugin: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ contextValue, errors }) {
        for (const error of errors) {
          const code = error.extensions?.code;
          const original = unwrapResolverError(error);
          const expected = mappedCode(original) !== undefined;
          if (!expected && (typeof code !== "string" || !PUBLIC_CODES.has(code))) {
            contextValue.logger.error({ err: unwrapResolverError(error), path: error.path }, "unexpected error");
          }
        }
      },
      async willSendResponse({ contextValue, response }) {
        if (response.body.kind !== "single") return;
        for (const error of response.body.singleResult.errors ?? []) {
          if (error.extensions?.code === "INTERNAL_SERVER_ERROR") {
            (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
          }
        }
      },
    };
  },
};
