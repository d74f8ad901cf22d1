import type { Database } from "../db/database.js";
import { cypher } from "../db/queries.js";
import { UnknownUserError } from "./recommendation.service.js";
import { MovieNotFoundError } from "./similar.service.js";

const Q = { paths: cypher("explain/paths"), pathsForRatings: cypher("explain/paths-for-ratings") };

/** Ratings at least this high count as liking a movie in explanations. */
const LIKED = 4;

/**
 * Paths go through at most this many of the movies someone rated, their highest rated: past it the work
 * grows with every rating while the strongest reasons stay among the favourites.
 */
export const FAVOURITES = 100;

export type PathKind = "CO_RATED" | "SIMILAR_MOVIE" | "SHARED_TAGS" | "SIMILAR_USER" | "SHARED_GENRES";

export interface PathNode {
  id: string;
  labels: string[];
  properties: Record<string, unknown>;
}

export interface PathRelationship {
  id: string;
  type: string;
  start: string;
  end: string;
  properties: Record<string, unknown>;
}

export interface ExplanationPath {
  kind: PathKind;
  viaId: number | null;
  viaRating: number | null;
  support: number;
  weight: number;
  shared: string[];
  nodes: PathNode[];
  relationships: PathRelationship[];
}

export interface Explanation {
  summary: string;
  paths: ExplanationPath[];
}

/**
 * Why a movie suits a user, as paths that exist in the graph: one Cypher
 * query (cypher/explain/paths) finds the strongest paths of each kind of
 * reason and returns the first few, the kinds taking turns, as concrete
 * nodes and relationships (by elementId) a client can draw, with how much
 * support each has.
 */
export class ExplainService {
  constructor(private readonly db: Database) {}

  /** Up to `first` paths, the kinds taking turns, and a one-line summary from the strongest. */
  async explain(userId: number, movieId: number, first: number): Promise<Explanation> {
    const [row] = await this.db.read(Q.paths, { userId, movieId, first, liked: LIKED, favourites: FAVOURITES });
    if (!row.userExists) throw new UnknownUserError(`no user ${userId}`);
    return fromRow(row, movieId);
  }

  /**
   * The same for a visitor who is not a user, from the ratings they gave: each path starts at a movie
   * they rated (there is no user node to start from), and there are no similar users.
   */
  async explainRatings(ratings: Array<[number, number]>, movieId: number, first: number): Promise<Explanation> {
    const pairs = favourites(ratings, movieId).map(([id, rating]) => ({ movieId: id, rating }));
    const [row] = await this.db.read(Q.pathsForRatings, { ratings: pairs, movieId, first, liked: LIKED });
    return fromRow(row, movieId);
  }
}

/**
 * A visitor's FAVOURITES highest ratings other than of the movie explained; their ratings carry no time,
 * so ties go to the lower movie id.
 */
export function favourites(ratings: ReadonlyArray<[number, number]>, movieId: number): Array<[number, number]> {
  return ratings
    .filter(([id]) => id !== movieId)
    .sort(([idA, a], [idB, b]) => b - a || idA - idB)
    .slice(0, FAVOURITES);
}

function fromRow(row: Record<string, unknown>, movieId: number): Explanation {
  if (row.title === null) throw new MovieNotFoundError(`no movie ${movieId}`);
  const paths = (row.paths as ExplanationPath[]).map(withoutNulls);
  return { summary: summarize(paths, row.title as string, row.ratingCount as number), paths };
}

/** Map projections give every listed key; a user has no title, a genre no year, a rating no score: drop what is absent. */
function withoutNulls(path: ExplanationPath): ExplanationPath {
  const clean = (properties: Record<string, unknown>) => Object.fromEntries(Object.entries(properties).filter(([, v]) => v !== null));
  return {
    ...path,
    nodes: path.nodes.map((n) => ({ ...n, properties: clean(n.properties) })),
    relationships: path.relationships.map((r) => ({ ...r, properties: clean(r.properties) })),
  };
}

function titleOf(path: ExplanationPath): string {
  const via = path.nodes.find((n) => n.labels.includes("Movie") && n.properties.id === path.viaId);
  return String(via?.properties.title ?? "a movie you rated");
}

function stars(rating: number | null): string {
  return rating === null ? "" : ` ${rating}★`;
}

/** One sentence from the strongest path. */
export function summarize(paths: ExplanationPath[], title: string, ratingCount: number): string {
  const best = paths[0];
  if (!best) {
    return `Nothing you rated connects to ${title} yet; it is here because ${ratingCount} people rated it.`;
  }
  switch (best.kind) {
    case "CO_RATED":
      return `Because you rated ${titleOf(best)}${stars(best.viaRating)}, and ${best.support} ${best.support === 1 ? "person" : "people"} who liked it also liked ${title}.`;
    case "SIMILAR_MOVIE":
      return `Because you rated ${titleOf(best)}${stars(best.viaRating)}, and ${title} is rated much like it by the people who rated both.`;
    case "SHARED_TAGS":
      return `Because you liked ${titleOf(best)}, which ${title} resembles in being ${best.shared.slice(0, 3).join(", ")}.`;
    case "SIMILAR_USER":
      return `Because users whose ratings resemble yours rated ${title} highly.`;
    case "SHARED_GENRES":
      return `Because you liked ${titleOf(best)}, also ${best.shared.join(" and ")}, like ${title}.`;
  }
}
