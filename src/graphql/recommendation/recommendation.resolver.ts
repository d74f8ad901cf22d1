import { Args, Ctx, Query, Resolver } from "type-graphql";
import type { ScoredMovie } from "../../recommend/recommendation.service.js";
import { BadUserInputError } from "../common/errors.js";
import { parseFirst, parseId } from "../common/ids.js";
import type { GraphQLContext } from "../context.js";
import { toMovie } from "../movie/movie.mapper.js";
import { RecommendationsArgs, RecommendationsForArgs } from "./recommendation.args.js";
import { Recommendation, type RecommendationFilter } from "./recommendation.type.js";

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
    return withMovies(scored, ctx);
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

function checkFilter(filter: RecommendationFilter | null | undefined): RecommendationFilter {
  if (!filter) return {};
  if (filter.yearFrom != null && filter.yearTo != null && filter.yearFrom > filter.yearTo) {
    throw new BadUserInputError("filter.yearFrom must not be after filter.yearTo", "filter.yearFrom");
  }
  if (filter.minRatingCount != null && filter.minRatingCount < 0) {
    throw new BadUserInputError("filter.minRatingCount must not be negative", "filter.minRatingCount");
  }
  return filter;
}

async function withMovies(scored: ScoredMovie[], ctx: GraphQLContext): Promise<Recommendation[]> {
  const rows = await ctx.loaders.movie.loadMany(scored.map((s) => s.movieId));
  return scored.map((s, i) => {
    const row = rows[i];
    if (!row || row instanceof Error) throw row ?? new Error(`movie ${s.movieId} is missing from the graph`);
    return { movie: toMovie(row), score: s.score, rank: s.rank, components: s.components };
  });
}
