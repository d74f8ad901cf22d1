import type { Database } from "../../db/database.js";
import { cypher } from "../../db/queries.js";

const Q = {
  overview: cypher("stats/overview"),
  perGenre: cypher("stats/ratings-per-genre"),
  genres: cypher("genre/all"),
};

export interface StatsRow {
  users: number;
  movies: number;
  ratings: number;
  tags: number;
  genres: number;
  ratingDistribution: Array<{ rating: number; count: number }>;
  ratingsPerGenre: Array<{ genre: string; ratings: number; averageRating: number }>;
}

export class StatsService {
  constructor(private readonly db: Database) {}

  async genres(): Promise<Array<{ name: string; movieCount: number }>> {
    return (await this.db.read(Q.genres)) as unknown as Array<{ name: string; movieCount: number }>;
  }

  async overview(): Promise<StatsRow> {
    const [[overview], perGenre] = await Promise.all([this.db.read(Q.overview), this.db.read(Q.perGenre)]);
    return { ...(overview as unknown as Omit<StatsRow, "ratingsPerGenre">), ratingsPerGenre: perGenre as unknown as StatsRow["ratingsPerGenre"] };
  }
}
