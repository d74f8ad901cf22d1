import { GraphCache, type Generations } from "../common/graph-cache.js";
import { LruCache } from "../common/lru-cache.js";
import type { Database, Row } from "../db/database.js";
import { cypher } from "../db/queries.js";
import { ContentModel } from "../models/content/content-model.js";
import { ModelUnavailableError } from "./recommendation.service.js";
import type { ModelRuntime } from "./model-runtime.js";

const Q = {
  cf: cypher("similar/cf"),
  genre: cypher("similar/genre"),
  byTitle: cypher("movie/by-title"),
  fulltext: cypher("movie/title-fulltext"),
};

export type SimilarityKind = "CONTENT" | "CF" | "HYBRID" | "GENRE";

export interface SimilarMovieResult {
  movieId: number;
  score: number;
  /** What produced the score, e.g. "item-knn v3", "content v1", "genres". */
  source: string;
}

export class MovieNotFoundError extends Error {
  override readonly name = "MovieNotFoundError";
}

/** A title matched several movies; the message lists them so the caller can pick an id. */
export class AmbiguousTitleError extends Error {
  override readonly name = "AmbiguousTitleError";
}

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/** Content neighbour lists remembered: a scan of every embedding each, and a model version never changes them. */
const CONTENT_LISTS_KEPT = 5_000;

/** Neighbour lists read from the graph (CF, genre) remembered until the graph changes; like content lists, up to 300 movies each. */
const GRAPH_LISTS_KEPT = 5_000;

export class SimilarService {
  private readonly contentLists = new LruCache<string, SimilarMovieResult[]>(CONTENT_LISTS_KEPT);
  private readonly graphLists: GraphCache<string, SimilarMovieResult[]>;

  /** Lists read from the graph are served from memory until `commits` sees a write (a retrain, say). */
  constructor(
    private readonly db: Database,
    private readonly runtime: ModelRuntime,
    commits: Generations,
  ) {
    this.graphLists = new GraphCache(GRAPH_LISTS_KEPT, commits);
  }

  /**
   * The movie a title means: an exact (case-insensitive) title, or "Title (year)",
   * else the closest full-text match when it is the only good one.
   */
  async resolveTitle(title: string): Promise<number> {
    const exact = await this.db.read(Q.byTitle, { title });
    if (exact.length === 1) return exact[0].id as number;
    if (exact.length > 1) throw new AmbiguousTitleError(`"${title}" matches ${exact.length} movies: ${list(exact)}; pass movieId`);
    const terms = title.replace(LUCENE_SPECIAL, " ").split(/\s+/).filter(Boolean);
    if (terms.length === 0) throw new MovieNotFoundError(`no movie is titled "${title}"`);
    const query = terms.map((t) => `${t}~`).join(" AND ");
    const hits = await this.db.read(Q.fulltext, { query, limit: 5 });
    if (hits.length === 0) throw new MovieNotFoundError(`no movie is titled "${title}"`);
    const [best, second] = hits as Array<{ id: number; score: number }>;
    if (!second || best.score > second.score * 1.5) return best.id;
    throw new AmbiguousTitleError(`"${title}" could mean ${list(hits)}; pass movieId or the exact title`);
  }

  async similar(movieId: number, first: number, by: SimilarityKind): Promise<SimilarMovieResult[]> {
    switch (by) {
      case "GENRE":
        return this.fromGraph("GENRE", movieId, first, (r) => ({ movieId: r.movieId as number, score: r.score as number, source: "genres" }));
      case "CF":
        return this.cf(movieId, first);
      case "CONTENT":
        return this.content(movieId, first);
      case "HYBRID":
        return this.hybrid(movieId, first);
    }
  }

  private cf(movieId: number, first: number): Promise<SimilarMovieResult[]> {
    return this.fromGraph("CF", movieId, first, (r) => ({ movieId: r.movieId as number, score: r.score as number, source: `item-knn v${r.version}` }));
  }

  private async fromGraph(by: "CF" | "GENRE", movieId: number, first: number, toResult: (row: Row) => SimilarMovieResult): Promise<SimilarMovieResult[]> {
    const key = `${by}|${movieId}|${first}`;
    const kept = await this.graphLists.get(key);
    if (kept) return kept;
    const mark = this.graphLists.mark();
    const list = (await this.db.read(by === "CF" ? Q.cf : Q.genre, { movieId, first })).map(toResult);
    this.graphLists.set(key, list, mark);
    return list;
  }

  private async content(movieId: number, first: number): Promise<SimilarMovieResult[]> {
    const loaded = await this.runtime.current();
    const model = loaded.models.get("content");
    if (!(model instanceof ContentModel)) throw new ModelUnavailableError("the content model is not trained; run `cinegraph train --model content`");
    const item = loaded.items.indexOf(movieId);
    if (item < 0) return [];
    const key = `${loaded.signature}|${movieId}|${first}`;
    const kept = this.contentLists.get(key);
    if (kept) return kept;
    const version = loaded.records.get("content")?.version;
    const { items, scores } = model.similarItems(item, first);
    const list = Array.from(items, (i, n) => ({ movieId: loaded.items.idAt(i), score: scores[n], source: `content v${version}` }));
    this.contentLists.set(key, list);
    return list;
  }

  /**
   * Collaborative and content neighbours merged: each list's scores scaled to
   * [0, 1] by its best, averaged (a movie missing from a list counts 0 there).
   */
  private async hybrid(movieId: number, first: number): Promise<SimilarMovieResult[]> {
    const depth = Math.max(50, first * 3);
    const [cf, content] = await Promise.all([this.cf(movieId, depth), this.content(movieId, depth)]);
    const merged = new Map<number, number>();
    for (const list of [cf, content]) {
      const top = list[0]?.score ?? 0;
      if (!(top > 0)) continue;
      for (const r of list) merged.set(r.movieId, (merged.get(r.movieId) ?? 0) + r.score / top / 2);
    }
    const sources = [cf[0]?.source, content[0]?.source].filter(Boolean).join(" + ");
    return [...merged.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, first)
      .map(([id, score]) => ({ movieId: id, score, source: sources }));
  }
}

function list(rows: Array<Record<string, unknown>>): string {
  return rows.map((r) => `${r.id} "${r.title}"${r.year ? ` (${r.year})` : ""}`).join(", ");
}
