import { Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { Explanation as ExplanationResult } from "../../recommend/explain.service.js";
import { parseFirst, parseId } from "../common/ids.js";
import type { GraphQLContext } from "../context.js";
import { toMovie } from "../movie/movie.mapper.js";
import { Recommendation } from "../recommendation/recommendation.type.js";
import { ExplainArgs, ExplanationFieldArgs } from "./explain.args.js";
import { Explanation } from "./explain.type.js";

@Resolver(() => Recommendation)
export class ExplainResolver {
  @Query(() => Explanation, { description: "Why a movie suits a user, as paths that exist in the graph" })
  async explain(@Args(() => ExplainArgs) args: ExplainArgs, @Ctx() ctx: GraphQLContext): Promise<Explanation> {
    const result = await ctx.services.explain.explain(parseId(args.userId, "userId"), parseId(args.movieId, "movieId"), parseFirst(args.first ?? 5));
    return withViaMovies(result, ctx);
  }

  @FieldResolver(() => Explanation, { nullable: true, description: "Resolved only when asked for; null for anonymous visitors" })
  async explanation(@Root() rec: Recommendation, @Args(() => ExplanationFieldArgs) args: ExplanationFieldArgs, @Ctx() ctx: GraphQLContext): Promise<Explanation | null> {
    if (rec.userId === undefined) return null;
    return withViaMovies(await ctx.services.explain.explain(rec.userId, Number(rec.movie.id), parseFirst(args.first ?? 5)), ctx);
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
