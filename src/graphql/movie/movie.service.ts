import { GraphCache, type Generations } from "../../common/graph-cache.js";
import { GraphSnapshot } from "../../common/graph-snapshot.js";
import type { Database } from "../../db/database.js";
import { inOrder } from "../../db/in-order.js";
import { cypher } from "../../db/queries.js";
import { loadSearchIndex, type MoviePage, type MovieSearch, type MovieSearchIndex } from "./movie-search.js";

const Q = {
  byIds: cypher("movie/by-ids"),
  histograms: cypher("movie/rating-histogram-by-ids"),
  topTags: cypher("movie/top-tags-by-ids"),
  userTags: cypher("movie/user-tags-by-ids"),
};

/** Movies kept in memory between requests: the catalogue of the largest MovieLens release fits. */
const MOVIES_KEPT = 100_000;

/** Tags fetched per movie by the batch reads; `first` slices this list. */
export const MAX_TAGS = 100;

export interface MovieRow {
  id: number;
  title: string;
  year: number | null;
  imdbId: string | null;
  tmdbId: number | null;
  genres: string[];
  ratingCount: number;
  averageRating: number | null;
}

export interface HistogramRow {
  id: number;
  buckets: Array<{ rating: number; count: number }>;
}

export interface TagsRow<T> {
  id: number;
  tags: T[];
}

/** Reads movies; batch methods return results in the order of the ids asked for, null where absent. */
export class MovieService {
  private readonly cache: GraphCache<number, MovieRow>;
  private readonly searchIndex: GraphSnapshot<MovieSearchIndex>;

  /**
   * Movies and their rating stats are served from memory until `commits` sees
   * a write; the search index is then read again in the background (rating
   * counts order it, so a rating moves a movie in searches within
   * CACHE_TTL_MS and one read; the movie's own stats change at once).
   */
  constructor(
    private readonly db: Database,
    commits: Generations,
  ) {
    this.cache = new GraphCache(MOVIES_KEPT, commits);
    this.searchIndex = new GraphSnapshot(commits, () => loadSearchIndex(db));
  }

  async byIds(ids: readonly number[]): Promise<Array<MovieRow | null>> {
    const found = new Map<number, MovieRow>();
    const kept = await this.cache.getMany(ids);
    const missing = ids.filter((id, i) => {
      const row = kept[i];
      if (row) found.set(id, row);
      return !row;
    });
    if (missing.length > 0) {
      const mark = this.cache.mark();
      for (const row of (await this.db.read(Q.byIds, { ids: missing })) as unknown as MovieRow[]) {
        this.cache.set(row.id, row, mark);
        found.set(row.id, row);
      }
    }
    return ids.map((id) => found.get(id) ?? null);
  }

  /** A rating of the movie was written or deleted: its stats must be read again. */
  ratingsChanged(movieId: number): void {
    this.cache.delete(movieId);
  }

  async ratingHistograms(ids: readonly number[]): Promise<Array<HistogramRow | null>> {
    return inOrder(ids, (await this.db.read(Q.histograms, { ids })) as unknown as HistogramRow[]);
  }

  async topTags(ids: readonly number[]): Promise<Array<TagsRow<{ tag: string; relevance: number }> | null>> {
    return inOrder(ids, (await this.db.read(Q.topTags, { ids, limit: MAX_TAGS })) as unknown as Array<TagsRow<{ tag: string; relevance: number }>>);
  }

  async userTags(ids: readonly number[]): Promise<Array<TagsRow<{ tag: string; count: number }> | null>> {
    return inOrder(ids, (await this.db.read(Q.userTags, { ids, limit: MAX_TAGS })) as unknown as Array<TagsRow<{ tag: string; count: number }>>);
  }

  async search(query: MovieSearch): Promise<MoviePage> {
    return (await this.searchIndex.get()).search(query);
  }
}
