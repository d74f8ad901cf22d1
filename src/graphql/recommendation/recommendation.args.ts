import { ArgsType, Field, ID, Int } from "type-graphql";
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
