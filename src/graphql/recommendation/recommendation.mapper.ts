import type { RecommendRequest, ScoredMovie } from "../../recommend/recommendation.service.js";
import { BadUserInputError } from "../common/errors.js";
import { parseFirst } from "../common/ids.js";
import type { GraphQLContext } from "../context.js";
import { loadMovies } from "../movie/load-movies.js";
import type { RecommendationListArgs } from "./recommendation.args.js";
import type { Audience, Recommendation, RecommendationFilter } from "./recommendation.type.js";

/** A list's arguments, checked, with their defaults: what the recommendation service takes. */
export function toRequest(args: RecommendationListArgs): RecommendRequest {
  return { first: parseFirst(args.first ?? 10), strategy: args.strategy ?? "HYBRID", filter: checkFilter(args.filter) };
}

function checkFilter(filter: RecommendationFilter | null | undefined): RecommendationFilter {
  if (!filter) return {};
  if (filter.yearFrom != null && filter.yearTo != null && filter.yearFrom > filter.yearTo) {
    throw new BadUserInputError("filter.yearFrom must not be after filter.yearTo", "filter.yearFrom");
  }
  if (filter.minRatingCount != null && filter.minRatingCount < 0) {
    throw new BadUserInputError("filter.minRatingCount must not be negative", "filter.minRatingCount");
  }
  if (filter.diversity != null && !(filter.diversity >= 0 && filter.diversity <= 1)) {
    throw new BadUserInputError(`filter.diversity must be between 0 and 1, got ${filter.diversity}`, "filter.diversity");
  }
  return filter;
}

export async function withMovies(scored: ScoredMovie[], ctx: GraphQLContext, audience: Audience): Promise<Recommendation[]> {
  const movies = await loadMovies(scored.map((s) => s.movieId), ctx);
  return scored.map((s, i) => ({ movie: movies[i], score: s.score, rank: s.rank, components: s.components, audience }));
}
