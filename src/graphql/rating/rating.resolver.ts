import { Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { decodeCursor, parseFirst } from "../common/ids.js";
import { toConnection } from "../common/connection.js";
import type { GraphQLContext } from "../context.js";
import { loadMovies } from "../movie/load-movies.js";
import { Movie } from "../movie/movie.type.js";
import { RatingBucket } from "../stats/stats.type.js";
import { User } from "../user/user.type.js";
import { RatingsArgs, UserRatingsArgs } from "./rating.args.js";
import type { RatingPage, RatingRow } from "./rating.service.js";
import { Rating, RatingConnection } from "./rating.type.js";

/** Ratings as a field of movies and users, and the movie and user of each rating. */
@Resolver(() => Rating)
export class RatingResolver {
  @FieldResolver(() => Movie)
  async movie(@Root() rating: Rating, @Ctx() ctx: GraphQLContext): Promise<Movie> {
    const [movie] = await loadMovies([rating.movieId], ctx);
    return movie;
  }

  @FieldResolver(() => User)
  async user(@Root() rating: Rating, @Ctx() ctx: GraphQLContext): Promise<User> {
    const row = await ctx.loaders.user.load(rating.userId);
    if (!row) throw new Error(`user ${rating.userId} is missing from the graph`);
    return { id: String(row.id), ratingCount: row.ratingCount };
  }
}

@Resolver(() => Movie)
export class MovieRatingsResolver {
  @FieldResolver(() => [RatingBucket], { description: "Ratings per value, 0.5 to 5, every value listed" })
  async ratingHistogram(@Root() movie: Movie, @Ctx() ctx: GraphQLContext): Promise<RatingBucket[]> {
    return (await ctx.loaders.ratingHistogram.load(Number(movie.id)))?.buckets ?? [];
  }

  @FieldResolver(() => RatingConnection, { description: "The movie's ratings, newest first" })
  async ratings(@Root() movie: Movie, @Args(() => RatingsArgs) args: RatingsArgs, @Ctx() ctx: GraphQLContext): Promise<RatingConnection> {
    const offset = decodeCursor(args.after);
    const page = await ctx.services.ratings.ofMovie(Number(movie.id), { offset, limit: parseFirst(args.first) });
    return connectionOf(page, offset);
  }
}

@Resolver(() => User)
export class UserRatingsResolver {
  @FieldResolver(() => RatingConnection, { description: "The user's ratings in the order asked for" })
  async ratings(@Root() user: User, @Args(() => UserRatingsArgs) args: UserRatingsArgs, @Ctx() ctx: GraphQLContext): Promise<RatingConnection> {
    const offset = decodeCursor(args.after);
    const page = await ctx.services.ratings.ofUser(Number(user.id), args.orderBy, { offset, limit: parseFirst(args.first) });
    return connectionOf(page, offset);
  }
}

function connectionOf(page: RatingPage | null, offset: number): RatingConnection {
  if (!page) return toConnection([], offset, false, 0);
  return toConnection(page.rows.map(toRating), offset, page.hasNextPage, page.total);
}

function toRating(row: RatingRow): Rating {
  return {
    rating: row.rating,
    ratedAt: row.timestamp == null ? null : new Date(row.timestamp * 1000).toISOString(),
    userId: row.userId,
    movieId: row.movieId,
  };
}
