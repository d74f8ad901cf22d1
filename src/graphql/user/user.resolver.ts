import { Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { requireWriter } from "../common/auth.js";
import { BadUserInputError } from "../common/errors.js";
import { toConnection } from "../common/connection.js";
import { decodeCursor, MAX_PROFILE_MOVIES, parseFirst, parseId, parseRating } from "../common/ids.js";
import type { GraphQLContext } from "../context.js";
import { RecommendationListArgs } from "../recommendation/recommendation.args.js";
import { toRequest, withMovies } from "../recommendation/recommendation.mapper.js";
import { Recommendation } from "../recommendation/recommendation.type.js";
import { CreateUserArgs, DeleteRatingArgs, RateMovieArgs, TopGenresArgs, UserArgs, UsersArgs } from "./user.args.js";
import type { RatingChange } from "./user.service.js";
import { GenreShare, RatingResult, User, UserConnection } from "./user.type.js";

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { nullable: true })
  async user(@Args(() => UserArgs) { id }: UserArgs, @Ctx() ctx: GraphQLContext): Promise<User | null> {
    const row = await ctx.loaders.user.load(parseId(id, "id"));
    return row && { id: String(row.id), ratingCount: row.ratingCount };
  }

  @Query(() => UserConnection, { description: "Users by id, with how many ratings each gave" })
  async users(@Args(() => UsersArgs) args: UsersArgs, @Ctx() ctx: GraphQLContext): Promise<UserConnection> {
    const offset = decodeCursor(args.after);
    const page = await ctx.services.users.page(offset, parseFirst(args.first));
    const users = page.rows.map((row) => ({ id: String(row.id), ratingCount: row.ratingCount }));
    return toConnection(users, offset, page.hasNextPage, page.total);
  }

  @FieldResolver(() => [GenreShare], { description: "Genres the user rates most" })
  topGenres(@Root() user: User, @Args(() => TopGenresArgs) { first }: TopGenresArgs, @Ctx() ctx: GraphQLContext): Promise<GenreShare[]> {
    return ctx.services.users.topGenres(Number(user.id), parseFirst(first ?? 5));
  }

  @FieldResolver(() => [Recommendation], { description: "The same list as Query.recommendations for this user" })
  async recommendations(@Root() user: User, @Args(() => RecommendationListArgs) args: RecommendationListArgs, @Ctx() ctx: GraphQLContext): Promise<Recommendation[]> {
    const scored = await ctx.services.recommendations.forUser(Number(user.id), toRequest(args));
    return withMovies(scored, ctx, { userId: Number(user.id) });
  }

  @Mutation(() => RatingResult, { description: "Rates a movie (or changes the rating); the next recommendations reflect it" })
  async rateMovie(@Args(() => RateMovieArgs) args: RateMovieArgs, @Ctx() ctx: GraphQLContext): Promise<RatingResult> {
    requireWriter(ctx.canWrite, ctx.writesEnabled);
    const userId = parseId(args.userId, "userId");
    const movieId = parseId(args.movieId, "movieId");
    return toResult(await ctx.services.users.rate(userId, movieId, parseRating(args.rating)), ctx);
  }

  @Mutation(() => RatingResult, { description: "Removes a rating; changed is false when there was none" })
  async deleteRating(@Args(() => DeleteRatingArgs) args: DeleteRatingArgs, @Ctx() ctx: GraphQLContext): Promise<RatingResult> {
    requireWriter(ctx.canWrite, ctx.writesEnabled);
    return toResult(await ctx.services.users.unrate(parseId(args.userId, "userId"), parseId(args.movieId, "movieId")), ctx);
  }

  @Mutation(() => User, { description: "Creates a user, optionally with movies they like (stored as 5-star ratings)" })
  async createUser(@Args(() => CreateUserArgs) args: CreateUserArgs, @Ctx() ctx: GraphQLContext): Promise<User> {
    requireWriter(ctx.canWrite, ctx.writesEnabled);
    const id = args.id == null ? null : parseId(args.id, "id");
    const liked = [...new Set((args.likedMovieIds ?? []).map((m) => parseId(m, "likedMovieIds")))];
    if (liked.length > MAX_PROFILE_MOVIES) throw new BadUserInputError(`likedMovieIds takes at most ${MAX_PROFILE_MOVIES} movies`, "likedMovieIds");
    const userId = await ctx.services.users.create(id, liked);
    return { id: String(userId), ratingCount: liked.length };
  }
}

function toResult(change: RatingChange, ctx: GraphQLContext): RatingResult {
  ctx.loaders.user.clear(change.userId);
  ctx.loaders.movie.clear(change.movieId);
  ctx.loaders.ratingHistogram.clear(change.movieId);
  return {
    user: { id: String(change.userId), ratingCount: change.userRatingCount },
    movieId: String(change.movieId),
    rating: change.rating,
    changed: change.changed,
  };
}

