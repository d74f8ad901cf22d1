import type { ErrorLike } from "@apollo/client";
import { CombinedGraphQLErrors, ServerError, ServerParseError } from "@apollo/client/errors";

export interface Problem {
  message: string;
  code?: string;
  requestId?: string;
}

function fromGraphQLErrors(errors: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }>): Problem[] {
  return errors.map((e) => ({
    message: e.message,
    code: typeof e.extensions?.code === "string" ? e.extensions.code : undefined,
    requestId: typeof e.extensions?.requestId === "string" ? e.extensions.requestId : undefined,
  }));
}

/** What went wrong, in the API's own words where it gave any, with its error codes. */
export function describeError(error: ErrorLike): Problem[] {
  if (CombinedGraphQLErrors.is(error)) return fromGraphQLErrors(error.errors);
  if (ServerError.is(error)) {
    // A 4xx/5xx can still carry GraphQL errors (validation failures do): show those rather than the status.
    try {
      const body = JSON.parse(error.bodyText) as { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
      if (body.errors?.length) return fromGraphQLErrors(body.errors);
    } catch {
      // Not JSON: fall through to the status line.
    }
    return [{ message: `The API answered HTTP ${error.statusCode}.`, code: `HTTP_${error.statusCode}` }];
  }
  if (ServerParseError.is(error)) return [{ message: `The API sent a response that is not JSON (HTTP ${error.statusCode}).` }];
  return [{ message: `Could not reach the API at /graphql: ${error.message}`, code: "NETWORK_ERROR" }];
}
