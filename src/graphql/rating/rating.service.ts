import type { Database } from "../../db/database.js";
import { cypher } from "../../db/queries.js";
import type { RatingOrder } from "./rating-order.enum.js";

const Q = {
  byMovie: cypher("rating/page-by-movie"),
  byUser: cypher("rating/page-by-user"),
};

export interface RatingRow {
  userId: number;
  movieId: number;
  rating: number;
  /** Seconds since the epoch, as MovieLens stores it. */
  timestamp: number | null;
}

export interface RatingPage {
  total: number;
  rows: RatingRow[];
  hasNextPage: boolean;
}

interface PageQuery {
  offset: number;
  limit: number;
}

/** Pages through ratings; null when the movie or user does not exist. */
export class RatingService {
  constructor(private readonly db: Database) {}

  async ofMovie(movieId: number, page: PageQuery): Promise<RatingPage | null> {
    return this.page(await this.db.read(Q.byMovie, { movieId, ...page }), page.limit);
  }

  async ofUser(userId: number, order: RatingOrder, page: PageQuery): Promise<RatingPage | null> {
    return this.page(await this.db.read(Q.byUser, { userId, order, ...page }), page.limit);
  }

  private page([row]: Array<Record<string, unknown>>, limit: number): RatingPage | null {
    if (!row) return null;
    const rows = row.page as RatingRow[];
    return { total: row.total as number, rows: rows.slice(0, limit), hasNextPage: rows.length > limit };
  }
}
