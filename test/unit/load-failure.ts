import { expect } from "vitest";
import { LoadError } from "../../src/ingest/load-error.js";

/** The LoadError a promise rejects with; fails the test if it resolves or rejects with anything else. */
export async function loadFailure(promise: Promise<unknown>): Promise<LoadError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LoadError);
  return error as LoadError;
}
