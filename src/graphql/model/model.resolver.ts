import { Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { GraphQLContext } from "../context.js";
import { ModelEvaluation } from "./evaluation.type.js";
import { ModelInfo } from "./model.type.js";

@Resolver(() => ModelInfo)
export class ModelResolver {
  @Query(() => [ModelInfo], { description: "Every active model" })
  models(@Ctx() ctx: GraphQLContext): Promise<ModelInfo[]> {
    return ctx.services.models.active();
  }

  @FieldResolver(() => ModelEvaluation, { nullable: true, description: "The model's latest stored evaluation; null until one is stored" })
  evaluation(@Root() model: ModelInfo, @Ctx() ctx: GraphQLContext): Promise<ModelEvaluation | null> {
    return ctx.loaders.evaluation.load(model.name);
  }
}
