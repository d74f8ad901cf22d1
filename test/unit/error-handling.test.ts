import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { DatabaseUnavailableError, QueryTimeoutError } from "../../src/db/database.js";
import { formatError } from "../../src/graphql/common/error-handling.js";
import { ModelUnavailableError, UnknownUserError } from "../../src/recommend/recommendation.service.js";

const formatted = (message: string) => ({ message, path: ["recommendations"], extensions: { code: "INTERNAL_SERVER_ERROR", stacktrace: ["at x"] } });

describe("formatError", () => {
  it.each([
    [new UnknownUserError("no user 7"), "NOT_FOUND", "no user 7"],
    [new ModelUnavailableError("the als model is not trained"), "SERVICE_UNAVAILABLE", "the als model is not trained"],
    [new QueryTimeoutError("The query ran longer than the 100 ms allowed and was stopped"), "SERVICE_UNAVAILABLE", "The query ran longer than the 100 ms allowed and was stopped"],
    [new DatabaseUnavailableError("connection refused at bolt://secret-host"), "SERVICE_UNAVAILABLE", "The database is not available; try again shortly"],
  ])("maps %s to %s", (error, code, message) => {
    expect(formatError(formatted(error.message), error)).toEqual({ message, path: ["recommendations"], extensions: { code } });
  });

  it("hides unknown errors and their stack", () => {
    const out = formatError(formatted("Cannot read properties of undefined (reading 'x')"), new TypeError("Cannot read properties of undefined"));
    expect(out).toEqual({ message: "Internal server error", path: ["recommendations"], extensions: { code: "INTERNAL_SERVER_ERROR" } });
  });

  it("keeps public GraphQL codes without the stack trace", () => {
    const error = new GraphQLError("first must be between 0 and 100", { extensions: { code: "BAD_USER_INPUT" } });
    const out = formatError({ message: error.message, extensions: { code: "BAD_USER_INPUT", stacktrace: ["at y"] } }, error);
    expect(out).toEqual({ message: error.message, extensions: { code: "BAD_USER_INPUT" } });
  });
});
