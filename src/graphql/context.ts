import DataLoader from "dataloader";
import type { TmdbConfig } from "../config.js";
import type { Database } from "../db/database.js";
import { CommitWatch } from "../db/commit-watch.js";
import { TmdbPosters } from "../posters/tmdb-posters.js";
import type { Logger } from "../logger.js";
import { MovieService, type HistogramRow, type MovieRow, type TagsRow } from "./movie/movie.service.js";
import { RatingService } from "./rating/rating.service.js";
import { StatsService } from "./stats/stats.service.js";
import { EvaluationStore, type StoredEvaluation } from "../models/eval/evaluation-store.js";
import { ModelStore } from "../models/store/model-store.js";
import { ModelRuntime } from "../recommend/model-runtime.js";
import { RecommendationService } from "../recommend/recommendation.service.js";
import { SimilarService } from "../recommend/similar.service.js";
import { ExplainService } from "../recommend/explain.service.js";
import { UserService, type UserRow } from "./user/user.service.js";

export interface Services {
  movies: MovieService;
  ratings: RatingService;
  stats: StatsService;
  recommendations: RecommendationService;
  similar: SimilarService;
  users: UserService;
  explain: ExplainService;
  models: ModelStore;
  evaluations: EvaluationStore;
  /** Absent without a TMDB key. */
  posters?: TmdbPosters;
}

export interface ServiceOptions {
  /** Without it there are no posters. */
  tmdb?: TmdbConfig;
  /** CACHE_TTL_MS: the longest a write made outside this process goes unseen by the caches; 0 turns them off. */
  cacheTtlMs: number;
}

export function createServices(db: Database, logger: Logger, options: ServiceOptions): Services {
  const runtime = new ModelRuntime(db, logger);
  const commits = new CommitWatch(db, options.cacheTtlMs);
  const movies = new MovieService(db, commits);
  const recommendations = new RecommendationService(db, runtime, commits);
  return {
    posters: options.tmdb && new TmdbPosters(options.tmdb, logger),
    movies,
    ratings: new RatingService(db),
    stats: new StatsService(db),
    recommendations,
    similar: new SimilarService(db, runtime, commits),
    users: new UserService(db, (userId, movieId) => {
      recommendations.ratingsChanged(userId);
      movies.ratingsChanged(movieId);
    }),
    explain: new ExplainService(db),
    models: new ModelStore(db),
    evaluations: new EvaluationStore(db),
  };
}

/** Created per request, so a cache never outlives the request that filled it. */
export interface Loaders {
  movie: DataLoader<number, MovieRow | null>;
  ratingHistogram: DataLoader<number, HistogramRow | null>;
  topTags: DataLoader<number, TagsRow<{ tag: string; relevance: number }> | null>;
  userTags: DataLoader<number, TagsRow<{ tag: string; count: number }> | null>;
  user: DataLoader<number, UserRow | null>;
  evaluation: DataLoader<string, StoredEvaluation | null>;
}

export function createLoaders(services: Services): Loaders {
  return {
    // A movie arrives with its rating count and mean: nearly every client asks for them with it.
    movie: new DataLoader((ids) => services.movies.byIds(ids)),
    ratingHistogram: new DataLoader((ids) => services.movies.ratingHistograms(ids)),
    topTags: new DataLoader((ids) => services.movies.topTags(ids)),
    userTags: new DataLoader((ids) => services.movies.userTags(ids)),
    user: new DataLoader((ids) => services.users.byIds(ids)),
    evaluation: new DataLoader((names) => services.evaluations.byModels(names)),
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
