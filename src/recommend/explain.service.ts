import type { Database } from "../db/database.js";
import { cypher } from "../db/queries.js";
import { UnknownUserError } from "./recommendation.service.js";
import { MovieNotFoundError } from "./similar.service.js";

const Q = { paths: cypher("explain/paths"), pathsForRatings: cypher("explain/paths-for-ratings") };

/** Ratings at least this high count as liking a movie in explanations. */
const LIKED = 4;

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
 * The columns of explain/paths, strongest reasons first: taste shared with people (CO_RATED), then model
 * neighbours (SIMILAR_MOVIE), then content (SHARED_TAGS), then similar users and genres.
 */
const KIND_COLUMNS = ["coRated", "similarMovies", "sharedTags", "similarUsers", "sharedGenres"] as const;

/**
 * Why a movie suits a user, as paths that exist in the graph: one Cypher
 * query (cypher/explain/paths) returns, per kind of reason, concrete nodes
 * and relationships (by elementId) a client can draw, with how much support
 * each has.
 */
export class ExplainService {
  constructor(private readonly db: Database) {}

  /** Up to `first` paths, the kinds taking turns, and a one-line summary from the strongest. */
  async explain(userId: number, movieId: number, first: number): Promise<Explanation> {
    const [row] = await this.db.read(Q.paths, { userId, movieId, first, liked: LIKED });
    if (!row.userExists) throw new UnknownUserError(`no user ${userId}`);
    return fromRow(row, movieId, first);
  }

  /**
   * The same for a visitor who is not a user, from the ratings they gave: each path starts at a movie
   * they rated (there is no user node to start from), and there are no similar users.
   */
  async explainRatings(ratings: Array<[number, number]>, movieId: number, first: number): Promise<Explanation> {
    const pairs = ratings.map(([id, rating]) => ({ movieId: id, rating }));
    const [row] = await this.db.read(Q.pathsForRatings, { ratings: pairs, movieId, first, liked: LIKED });
    return fromRow(row, movieId, first);
  }
}

function fromRow(row: Record<string, unknown>, movieId: number, first: number): Explanation {
  if (row.title === null) throw new MovieNotFoundError(`no movie ${movieId}`);
  const lists = KIND_COLUMNS.map((column) => (row[column] as ExplanationPath[]).map(withoutNulls));
  const paths: ExplanationPath[] = [];
  // Round-robin over the kinds so every kind of reason shows up before any kind's weaker paths.
  for (let depth = 0; paths.length < first && lists.some((l) => l.length > depth); depth++) {
    for (const list of lists) if (list[depth] && paths.length < first) paths.push(list[depth]);
  }
  return { summary: summarize(paths, row.title as string, row.ratingCount as number), paths };
}

/** Map projections give every listed key; a user has no title, a genre no year: drop what is absent. */
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
