import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { ExplainResolver } from "./explain/explain.resolver.js";
import { GenreResolver } from "./genre/genre.resolver.js";
import { ModelResolver } from "./model/model.resolver.js";
import { MovieTagsResolver } from "./movie/movie-tags.resolver.js";
import { MovieResolver } from "./movie/movie.resolver.js";
import { MovieRatingsResolver, RatingResolver, UserRatingsResolver } from "./rating/rating.resolver.js";
import { RecommendationResolver } from "./recommendation/recommendation.resolver.js";
import { SimilarResolver } from "./similar/similar.resolver.js";
import { StatsResolver } from "./stats/stats.resolver.js";
import { RatingResultResolver } from "./user/rating-result.resolver.js";
import { UserResolver } from "./user/user.resolver.js";

export const RESOLVERS = [
  MovieResolver,
  MovieTagsResolver,
  MovieRatingsResolver,
  RatingResolver,
  UserRatingsResolver,
  SimilarResolver,
  UserResolver,
  RatingResultResolver,
  GenreResolver,
  RecommendationResolver,
  ExplainResolver,
  ModelResolver,
  StatsResolver,
] as const;

export async function buildGraphQLSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: RESOLVERS, validate: false });
}

/** The SDL committed as schema/schema.graphql; sorted so the file only changes when the schema does. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
