// What a visitor rated, kept in localStorage so a reload does not lose it.

import type { MovieRatingInput } from "./visitor.queries";

export interface VisitorRating {
  movieId: string;
  title: string;
  year: number | null;
  rating: number;
}

export interface VisitorState {
  /** The user created for the visitor once an API token was set; absent while anonymous. */
  userId?: string;
  ratings: VisitorRating[];
}

const KEY = "cinegraph.visitor";

export function loadVisitor(): VisitorState {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? "null") as VisitorState | null;
    return stored && Array.isArray(stored.ratings) ? stored : { ratings: [] };
  } catch {
    return { ratings: [] };
  }
}

export function saveVisitor(state: VisitorState): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(state));
  } catch {
    // Without storage the ratings last as long as the page.
  }
}

/** What `recommendationsFor(ratings:)` takes: every rating, low ones included, so they steer away too. */
export function ratingInputs(ratings: readonly VisitorRating[]): MovieRatingInput[] {
  return ratings.map(({ movieId, rating }) => ({ movieId, rating }));
}
