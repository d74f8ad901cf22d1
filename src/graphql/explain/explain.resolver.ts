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

async function withViaMovies(result: ExplanationResult, ctx: GraphQLContext): Promise<Explanation> {
  const vias = await ctx.loaders.movie.loadMany(result.paths.map((p) => p.viaId ?? 0).filter((id) => id > 0));
  const byId = new Map(vias.flatMap((row) => (row && !(row instanceof Error) ? [[row.id, toMovie(row)] as const] : [])));
  return {
    summary: result.summary,
    paths: result.paths.map((p) => ({ ...p, via: p.viaId === null ? null : (byId.get(p.viaId) ?? null) })),
  };
}
