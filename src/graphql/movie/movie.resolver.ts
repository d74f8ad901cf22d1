import { Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { GraphQLContext } from "../context.js";
import { toConnection } from "../common/connection.js";
import { decodeCursor, parseFirst, parseId } from "../common/ids.js";
import { BadUserInputError } from "../common/errors.js";
import { MovieArgs, MoviesArgs } from "./movie.args.js";
import { loadMovies } from "./load-movies.js";
import { toMovie } from "./movie.mapper.js";
import { Movie, MovieConnection } from "./movie.type.js";

@Resolver(() => Movie)
export class MovieResolver {
  @Query(() => Movie, { nullable: true, description: "A movie by id, or null when there is none" })
  async movie(@Args(() => MovieArgs) { id }: MovieArgs, @Ctx() ctx: GraphQLContext): Promise<Movie | null> {
    const row = await ctx.loaders.movie.load(parseId(id, "id"));
    return row && toMovie(row);
  }

  @Query(() => MovieConnection, { description: "Movies filtered by title, genres and years" })
  async movies(@Args(() => MoviesArgs) args: MoviesArgs, @Ctx() ctx: GraphQLContext): Promise<MovieConnection> {
    const limit = parseFirst(args.first);
    if (args.yearFrom != null && args.yearTo != null && args.yearFrom > args.yearTo) {
      throw new BadUserInputError("yearFrom must not be after yearTo", "yearFrom");
    }
    const offset = decodeCursor(args.after);
    const page = await ctx.services.movies.search({ ...args, offset, limit });
    return toConnection(await loadMovies(page.ids, ctx), offset, page.hasNextPage, page.total);
  }

  @FieldResolver(() => String, { nullable: true })
  imdbUrl(@Root() movie: Movie): string | null {
    return movie.imdbId ? `https://www.imdb.com/title/tt${movie.imdbId}/` : null;
  }

  @FieldResolver(() => String, { nullable: true })
  tmdbUrl(@Root() movie: Movie): string | null {
    return movie.tmdbId ? `https://www.themoviedb.org/movie/${movie.tmdbId}` : null;
  }

  @FieldResolver(() => String, { nullable: true, description: "Poster image from TMDB; null unless the server has a TMDB key" })
  async posterUrl(@Root() movie: Movie, @Ctx() ctx: GraphQLContext): Promise<string | null> {
    if (!ctx.services.posters || movie.tmdbId === null) return null;
    return ctx.services.posters.posterUrl(movie.tmdbId);
  }
}
