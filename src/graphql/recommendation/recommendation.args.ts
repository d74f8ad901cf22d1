import { ArgsType, Field, Float, ID, InputType, Int } from "type-graphql";
import type { Strategy as StrategyName } from "../../recommend/recommendation.service.js";
import { RecommendationFilter } from "./recommendation.type.js";
import { Strategy } from "./strategy.enum.js";

/** What every list of recommendations takes: its length, the model, and the filter. */
@ArgsType()
export class RecommendationListArgs {
  @Field(() => Int, { nullable: true, defaultValue: 10 })
  first?: number | null;

  @Field(() => Strategy, { nullable: true, defaultValue: "HYBRID" })
  strategy?: StrategyName | null;

  @Field(() => RecommendationFilter, { nullable: true })
  filter?: RecommendationFilter | null;
}

@ArgsType()
export class RecommendationsArgs extends RecommendationListArgs {
  @Field(() => ID)
  userId!: string;
}

@InputType({ description: "A visitor's rating of a movie" })
export class MovieRatingInput {
  @Field(() => ID)
  movieId!: string;

  @Field(() => Float, { description: "0.5 to 5 in half stars" })
  rating!: number;
}

@ArgsType()
export class RecommendationsForArgs extends RecommendationListArgs {
  @Field(() => [ID], { nullable: true, description: "Movies an anonymous visitor likes (counted as 5 stars)" })
  likedMovieIds?: string[] | null;

  @Field(() => [MovieRatingInput], { nullable: true, description: "Movies the visitor rated, low ratings included; a rating overrides a like of the same movie" })
  ratings?: MovieRatingInput[] | null;
}
