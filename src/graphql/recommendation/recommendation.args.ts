import { ArgsType, Field, ID, Int } from "type-graphql";
import type { Strategy as StrategyName } from "../../recommend/recommendation.service.js";
import { RecommendationFilter } from "./recommendation.type.js";
import { Strategy } from "./strategy.enum.js";

@ArgsType()
export class RecommendationsArgs {
  @Field(() => ID)
  userId!: string;

  @Field(() => Int, { nullable: true, defaultValue: 10 })
  first?: number | null;

  @Field(() => Strategy, { nullable: true, defaultValue: "HYBRID" })
  strategy?: StrategyName | null;

  @Field(() => RecommendationFilter, { nullable: true })
  filter?: RecommendationFilter | null;
}

@ArgsType()
export class RecommendationsForArgs {
  @Field(() => [ID], { description: "Movies an anonymous visitor likes" })
  likedMovieIds!: string[];

  @Field(() => Int, { nullable: true, defaultValue: 10 })
  first?: number | null;

  @Field(() => Strategy, { nullable: true, defaultValue: "HYBRID" })
  strategy?: StrategyName | null;

  @Field(() => RecommendationFilter, { nullable: true })
  filter?: RecommendationFilter | null;
}
