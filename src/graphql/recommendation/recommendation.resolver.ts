import { Args, Ctx, Query, Resolver } from "type-graphql";
import { BadUserInputError } from "../common/errors.js";
import { parseFirst, parseId } from "../common/ids.js";
import type { GraphQLContext } from "../context.js";
import { RecommendationsArgs, RecommendationsForArgs } from "./recommendation.args.js";
import { checkFilter, withMovies } from "./recommendation.mapper.js";
import { Recommendation } from "./recommendation.type.js";

@Resolver(() => Recommendation)
export class RecommendationResolver {
  @Query(() => [Recommendation], { description: "Movies for a user, never one they rated" })
  async recommendations(@Args(() => RecommendationsArgs) args: RecommendationsArgs, @Ctx() ctx: GraphQLContext): Promise<Recommendation[]> {
    const userId = parseId(args.userId, "userId");
    const scored = await ctx.services.recommendations.forUser(userId, {
      first: parseFirst(args.first ?? 10),
      strategy: args.strategy ?? "HYBRID",
      filter: checkFilter(args.filter),
    });
    return withMovies(scored, ctx, userId);
  }

  @Query(() => [Recommendation], { description: "Movies for an anonymous visitor who likes the given ones (nothing is written)" })
  async recommendationsFor(@Args(() => RecommendationsForArgs) args: RecommendationsForArgs, @Ctx() ctx: GraphQLContext): Promise<Recommendation[]> {
    if (args.likedMovieIds.length > 500) throw new BadUserInputError("likedMovieIds takes at most 500 movies", "likedMovieIds");
    const liked = args.likedMovieIds.map((id) => parseId(id, "likedMovieIds"));
    const scored = await ctx.services.recommendations.forProfile(liked, {
      first: parseFirst(args.first ?? 10),
      strategy: args.strategy ?? "HYBRID",
      filter: checkFilter(args.filter),
    });
    return withMovies(scored, ctx);
  }
}
