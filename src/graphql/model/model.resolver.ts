import { Ctx, Query, Resolver } from "type-graphql";
import type { GraphQLContext } from "../context.js";
import { ModelInfo } from "./model.type.js";

@Resolver(() => ModelInfo)
export class ModelResolver {
  @Query(() => [ModelInfo], { description: "Every active model" })
  models(@Ctx() ctx: GraphQLContext): Promise<ModelInfo[]> {
    return ctx.services.models.active();
  }
}
