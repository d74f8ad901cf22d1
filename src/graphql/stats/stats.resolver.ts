import { Ctx, Query, Resolver } from "type-graphql";
import type { GraphQLContext } from "../context.js";
import { Stats } from "./stats.type.js";

@Resolver(() => Stats)
export class StatsResolver {
  @Query(() => Stats)
  stats(@Ctx() ctx: GraphQLContext): Promise<Stats> {
    return ctx.services.stats.overview();
  }
}
