import DataLoader from "dataloader";
import type { Database } from "../db/database.js";
import type { Logger } from "../logger.js";
import { MovieService, type MovieRow, type RatingStatsRow } from "./movie/movie.service.js";
import { StatsService } from "./stats/stats.service.js";

export interface Services {
  movies: MovieService;
  stats: StatsService;
}

export function createServices(db: Database): Services {
  return { movies: new MovieService(db), stats: new StatsService(db) };
}

/** Created per request, so a cache never outlives the request that filled it. */
export interface Loaders {
  movie: DataLoader<number, MovieRow | null>;
  ratingStats: DataLoader<number, RatingStatsRow | null>;
}

export function createLoaders(services: Services): Loaders {
  return {
    movie: new DataLoader((ids) => services.movies.byIds(ids)),
    ratingStats: new DataLoader((ids) => services.movies.ratingStats(ids)),
  };
}

export interface GraphQLContext {
  requestId: string;
  logger: Logger;
  services: Services;
  loaders: Loaders;
}
