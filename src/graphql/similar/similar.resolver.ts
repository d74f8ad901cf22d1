import { Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { SimilarMovieResult } from "../../recommend/similar.service.js";
import { BadUserInputError } from "../common/errors.js";
import { parseFirst, parseId } from "../common/ids.js";
import type { GraphQLContext } from "../context.js";
import { loadMovies } from "../movie/load-movies.js";
import { Movie } from "../movie/movie.type.js";
import { MovieSimilarArgs, SimilarMoviesArgs } from "./similar.args.js";
import { SimilarMovie } from "./similar.type.js";

@Resolver(() => Movie)
export class SimilarResolver {
  @Query(() => [SimilarMovie], { description: "Movies similar to one given by id or by title" })
  async similarMovies(@Args(() => SimilarMoviesArgs) args: SimilarMoviesArgs, @Ctx() ctx: GraphQLContext): Promise<SimilarMovie[]> {
    if ((args.movieId == null) === (args.title == null)) throw new BadUserInputError("give exactly one of movieId and title", "movieId");
    const first = parseFirst(args.first ?? 10);
    const movieId = args.movieId != null ? parseId(args.movieId, "movieId") : await ctx.services.similar.resolveTitle(args.title!);
    const movie = await ctx.loaders.movie.load(movieId);
    if (!movie) throw new BadUserInputError(`no movie ${movieId}`, "movieId");
    return withMovies(await ctx.services.similar.similar(movieId, first, args.by ?? "HYBRID"), ctx);
  }

  @FieldResolver(() => [SimilarMovie], { description: "Movies similar to this one" })
  async similar(@Root() movie: Movie, @Args(() => MovieSimilarArgs) args: MovieSimilarArgs, @Ctx() ctx: GraphQLContext): Promise<SimilarMovie[]> {
    return withMovies(await ctx.services.similar.similar(Number(movie.id), parseFirst(args.first ?? 10), args.by ?? "HYBRID"), ctx);
  }
}

async function withMovies(results: SimilarMovieResult[], ctx: GraphQLContext): Promise<SimilarMovie[]> {
  const movies = await loadMovies(results.map((r) => r.movieId), ctx);
  return results.map((r, i) => ({ movie: movies[i], score: r.score, source: r.source }));
}
