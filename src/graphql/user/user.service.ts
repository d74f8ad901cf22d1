import type { Database } from "../../db/database.js";
import { inOrder } from "../../db/in-order.js";
import { cypher } from "../../db/queries.js";
import { MovieNotFoundError } from "../../recommend/similar.service.js";
import { UnknownUserError } from "../../recommend/recommendation.service.js";

const Q = {
  byIds: cypher("user/by-ids"),
  topGenres: cypher("user/top-genres"),
  create: cypher("user/create"),
  page: cypher("user/page"),
  upsertRating: cypher("rating/upsert"),
  deleteRating: cypher("rating/delete"),
};

export interface UserRow {
  id: number;
  ratingCount: number;
}

export interface GenreShare {
  genre: string;
  ratings: number;
  averageRating: number;
}

export interface RatingChange {
  userId: number;
  movieId: number;
  /** The rating now stored; null after a delete. */
  rating: number | null;
  /** False when deleteRating found nothing to delete. */
  changed: boolean;
  userRatingCount: number;
}

/** The user id is taken (createUser with an explicit id). */
export class UserExistsError extends Error {
  override readonly name = "UserExistsError";
}

/** Told of every rating this service wrote or deleted, after it is committed, so caches can drop what it changed. */
export type RatingListener = (userId: number, movieId: number) => void;

/** Reads users and writes their ratings. */
export class UserService {
  constructor(
    private readonly db: Database,
    private readonly ratingChanged: RatingListener,
  ) {}

  async byIds(ids: readonly number[]): Promise<Array<UserRow | null>> {
    return inOrder(ids, (await this.db.read(Q.byIds, { ids })) as unknown as UserRow[]);
  }

  /** Users by id from `offset`; one row more than `limit` when another page follows. */
  async page(offset: number, limit: number): Promise<{ total: number; rows: UserRow[]; hasNextPage: boolean }> {
    const [row] = await this.db.read(Q.page, { offset, limit });
    const users = row.page as UserRow[];
    return { total: row.total as number, rows: users.slice(0, limit), hasNextPage: users.length > limit };
  }

  async topGenres(userId: number, first: number): Promise<GenreShare[]> {
    return (await this.db.read(Q.topGenres, { userId, first })) as unknown as GenreShare[];
  }

  async rate(userId: number, movieId: number, rating: number): Promise<RatingChange> {
    await this.requireUser(userId);
    const [row] = await this.db.write(Q.upsertRating, { userId, movieId, rating, timestamp: Math.floor(Date.now() / 1000) });
    if (!row) throw new MovieNotFoundError(`no movie ${movieId}`);
    this.ratingChanged(userId, movieId);
    return { userId, movieId, rating, changed: true, userRatingCount: row.ratingCount as number };
  }

  async unrate(userId: number, movieId: number): Promise<RatingChange> {
    await this.requireUser(userId);
    const [row] = await this.db.write(Q.deleteRating, { userId, movieId });
    if (!row) throw new MovieNotFoundError(`no movie ${movieId}`);
    if (row.existed) this.ratingChanged(userId, movieId);
    return { userId, movieId, rating: null, changed: row.existed as boolean, userRatingCount: row.ratingCount as number };
  }

  /** Creates a user who liked the given movies (stored as 5-star ratings), all or nothing. */
  async create(id: number | null, likedMovieIds: number[]): Promise<number> {
    const userId = await this.db.writeTransaction(async (tx) => {
      const [created] = await tx.run(Q.create, { id });
      if (!created) throw new UserExistsError(`user ${id} already exists`);
      const userId = created.id as number;
      const timestamp = Math.floor(Date.now() / 1000);
      for (const movieId of likedMovieIds) {
        const [row] = await tx.run(Q.upsertRating, { userId, movieId, rating: 5, timestamp });
        if (!row) throw new MovieNotFoundError(`no movie ${movieId}`);
      }
      return userId;
    });
    for (const movieId of likedMovieIds) this.ratingChanged(userId, movieId);
    return userId;
  }

  private async requireUser(userId: number): Promise<void> {
    const [user] = await this.byIds([userId]);
    if (!user) throw new UnknownUserError(`no user ${userId}`);
  }
}
