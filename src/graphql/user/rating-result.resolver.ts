import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { GraphQLContext } from "../context.js";
import { loadMovies } from "../movie/load-movies.js";
import { Movie } from "../movie/movie.type.js";
import { RatingResult } from "./user.type.js";

@Resolver(() => RatingResult)
export class RatingResultResolver {
  @FieldResolver(() => Movie, { description: "The movie rated, with its rating count, average and histogram as they are now" })
  async movie(@Root() result: RatingResult, @Ctx() ctx: GraphQLContext): Promise<Movie> {
    const [movie] = await loadMovies([Number(result.movieId)], ctx);
    return movie;
  }
}
