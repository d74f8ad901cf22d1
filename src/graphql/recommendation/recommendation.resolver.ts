import { Args, Ctx, Query, Resolver } from "type-graphql";
import { parseId } from "../common/ids.js";
import { parseProfile } from "../common/profile.js";
import type { GraphQLContext } from "../context.js";
import { VisitorProfileArgs } from "../common/profile.args.js";
import { RecommendationListArgs, RecommendationsArgs } from "./recommendation.args.js";
import { toRequest, withMovies } from "./recommendation.mapper.js";
import { Recommendation } from "./recommendation.type.js";

@Resolver(() => Recommendation)
export class RecommendationResolver {
  @Query(() => [Recommendation], { description: "Movies for a user, never one they rated" })
  async recommendations(@Args(() => RecommendationsArgs) args: RecommendationsArgs, @Ctx() ctx: GraphQLContext): Promise<Recommendation[]> {
    const userId = parseId(args.userId, "userId");
    const scored = await ctx.services.recommendations.forUser(userId, toRequest(args));
    return withMovies(scored, ctx, { userId });
  }

  @Query(() => [Recommendation], {
    description: "Movies for an anonymous visitor from the movies they like or rated, never one of those (nothing is written)",
  })
  async recommendationsFor(
    @Args(() => RecommendationListArgs) args: RecommendationListArgs,
    @Args(() => VisitorProfileArgs) profile: VisitorProfileArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Recommendation[]> {
    const ratings = parseProfile(profile);
    const scored = await ctx.services.recommendations.forProfile(ratings, toRequest(args));
    return withMovies(scored, ctx, { ratings });
  }
}
