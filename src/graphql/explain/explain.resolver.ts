import { Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { Explanation as ExplanationResult } from "../../recommend/explain.service.js";
import { parseFirst, parseId } from "../common/ids.js";
import { parseProfile } from "../common/profile.js";
import { VisitorProfileArgs } from "../common/profile.args.js";
import type { GraphQLContext } from "../context.js";
import { toMovie } from "../movie/movie.mapper.js";
import { Recommendation } from "../recommendation/recommendation.type.js";
import { ExplainArgs, ExplainForArgs, ExplanationFieldArgs } from "./explain.args.js";
import { Explanation } from "./explain.type.js";

@Resolver(() => Recommendation)
export class ExplainResolver {
  @Query(() => Explanation, { description: "Why a movie suits a user, as paths that exist in the graph" })
  async explain(@Args(() => ExplainArgs) args: ExplainArgs, @Ctx() ctx: GraphQLContext): Promise<Explanation> {
    const result = await ctx.services.explain.explain(parseId(args.userId, "userId"), parseId(args.movieId, "movieId"), parseFirst(args.first ?? 5));
    return withViaMovies(result, ctx);
  }

  @Query(() => Explanation, {
    description: "Why a movie suits an anonymous visitor, from the movies they like or rated: paths in the graph that start at those movies",
  })
  async explainFor(
    @Args(() => ExplainForArgs) args: ExplainForArgs,
    @Args(() => VisitorProfileArgs) profile: VisitorProfileArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Explanation> {
    const result = await ctx.services.explain.explainRatings(parseProfile(profile), parseId(args.movieId, "movieId"), parseFirst(args.first ?? 5));
    return withViaMovies(result, ctx);
  }

  // Nullable so that one explanation that fails costs its own field, not the whole list.
  @FieldResolver(() => Explanation, { nullable: true, description: "Resolved only when asked for: as `explain` for a user's list, as `explainFor` for a visitor's" })
  async explanation(@Root() rec: Recommendation, @Args(() => ExplanationFieldArgs) args: ExplanationFieldArgs, @Ctx() ctx: GraphQLContext): Promise<Explanation> {
    const movieId = Number(rec.movie.id);
    const first = parseFirst(args.first ?? 5);
    const { explain } = ctx.services;
    const result = "userId" in rec.audience ? await explain.explain(rec.audience.userId, movieId, first) : await explain.explainRatings(rec.audience.ratings, movieId, first);
    return withViaMovies(result, ctx);
  }
}

/**
 * The paths with `via` as a getter, which the field's resolver reads only when a client selects it:
 * most clients ask for kinds and weights, and loading the movies would cost a query each time. When it
 * is selected, the request's DataLoader fetches every path's movie in one query.
 */
function withViaMovies(result: ExplanationResult, ctx: GraphQLContext): Explanation {
  return {
    summary: result.summary,
    paths: result.paths.map((p) => ({
      ...p,
      get via() {
        return p.viaId === null ? null : ctx.loaders.movie.load(p.viaId).then((row) => (row ? toMovie(row) : null));
      },
    })),
  };
}
