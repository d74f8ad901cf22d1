import DataLoader from "dataloader";
import type { Database } from "../db/database.js";
import type { Logger } from "../logger.js";
import { MovieService, type MovieRow, type RatingStatsRow } from "./movie/movie.service.js";
import { StatsService } from "./stats/stats.service.js";
import { ModelStore } from "../models/store/model-store.js";
import { ModelRuntime } from "../recommend/model-runtime.js";
import { RecommendationService } from "../recommend/recommendation.service.js";
import { SimilarService } from "../recommend/similar.service.js";
import { ExplainService } from "../recommend/explain.service.js";
import { UserService, type UserRow } from "./user/user.service.js";

export interface Services {
  movies: MovieService;
  stats: StatsService;
  recommendations: RecommendationService;
  similar: SimilarService;
  users: UserService;
  explain: ExplainService;
  models: ModelStore;
}

export function createServices(db: Database, logger: Logger): Services {
  const runtime = new ModelRuntime(db, logger);
  return {
    movies: new MovieService(db),
    stats: new StatsService(db),
    recommendations: new RecommendationService(db, runtime),
    similar: new SimilarService(db, runtime),
    users: new UserService(db),
    explain: new ExplainService(db),
    models: new ModelStore(db),
  };
}

/** Created per request, so a cache never outlives the request that filled it. */
export interface Loaders {
  movie: DataLoader<number, MovieRow | null>;
  ratingStats: DataLoader<number, RatingStatsRow | null>;
  user: DataLoader<number, UserRow | null>;
}

export function createLoaders(services: Services): Loaders {
  return {
    movie: new DataLoader((ids) => services.movies.byIds(ids)),
    ratingStats: new DataLoader((ids) => services.movies.ratingStats(ids)),
    user: new DataLoader((ids) => services.users.byIds(ids)),
  };
}

export interface GraphQLContext {
  requestId: string;
  /** The request carried the configured API token. */
  canWrite: boolean;
  /** A token is configured at all (otherwise every write is refused). */
  writesEnabled: boolean;
  logger: Logger;
  services: Services;
  loaders: Loaders;
}
