import { timingSafeEqual } from "node:crypto";
import { GraphQLError } from "graphql";

/**
 * Whether a request may write: it must carry `Authorization: Bearer <API_TOKEN>`.
 * Without a configured token nobody may write, rather than everybody.
 */
export function isWriter(authorization: string | undefined, apiToken: string | undefined): boolean {
  if (!apiToken || !authorization?.startsWith("Bearer ")) return false;
  const given = Buffer.from(authorization.slice("Bearer ".length));
  const expected = Buffer.from(apiToken);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function requireWriter(canWrite: boolean, writesEnabled: boolean): void {
  if (canWrite) return;
  throw new GraphQLError(
    writesEnabled ? "this operation needs Authorization: Bearer <API_TOKEN>" : "writes are disabled on this server (no API_TOKEN is configured)",
    { extensions: { code: "UNAUTHENTICATED" } },
  );
}
