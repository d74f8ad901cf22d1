import { BadUserInputError } from "./errors.js";

/** GraphQL IDs are strings; MovieLens ids are positive integers. */
export function parseId(value: string, field: string): number {
  if (!/^\d{1,15}$/.test(value) || Number(value) <= 0) {
    throw new BadUserInputError(`${field} must be a positive integer id, got ${JSON.stringify(value)}`, field);
  }
  return Number(value);
}

/** MovieLens ratings: 0.5 to 5 in half stars. */
export function parseRating(value: number, field = "rating"): number {
  if (!(value >= 0.5 && value <= 5 && Number.isInteger(value * 2))) {
    throw new BadUserInputError(`${field} must be 0.5 to 5 in half stars, got ${value}`, field);
  }
  return value;
}

/** Movies a profile given in one request may hold (createUser's likes, a visitor's ratings). */
export const MAX_PROFILE_MOVIES = 500;

export const MAX_PAGE_SIZE = 100;

export function parseFirst(value: number, field = "first"): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`${field} must be between 0 and ${MAX_PAGE_SIZE}, got ${value}`, field);
  }
  return value;
}

/** Opaque page cursors: base64 of the offset, so clients do not build them. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString("base64url");
}

export function decodeCursor(cursor: string | null | undefined, field = "after"): number {
  if (cursor === null || cursor === undefined) return 0;
  const match = /^offset:(\d{1,9})$/.exec(Buffer.from(cursor, "base64url").toString());
  if (!match) throw new BadUserInputError(`${field} is not a cursor this API returned`, field);
  return Number(match[1]) + 1;
}
