import { Args, ArgsType, Ctx, FieldResolver, Field, Int, Resolver, Root } from "type-graphql";
import { parseFirst } from "../common/ids.js";
import type { GraphQLContext } from "../context.js";
import { MovieTag, UserTag } from "./movie-tag.type.js";
import { Movie } from "./movie.type.js";

@ArgsType()
class TagsArgs {
  @Field(() => Int, { defaultValue: 10 })
  first!: number;
}

/** A movie's genome tags and user tags, batched across the movies of a request. */
@Resolver(() => Movie)
export class MovieTagsResolver {
  @FieldResolver(() => [MovieTag], { description: "Most relevant tag-genome tags; empty when the data set has no genome" })
  async topTags(@Root() movie: Movie, @Args(() => TagsArgs) { first }: TagsArgs, @Ctx() ctx: GraphQLContext): Promise<MovieTag[]> {
    const limit = parseFirst(first);
    return ((await ctx.loaders.topTags.load(Number(movie.id)))?.tags ?? []).slice(0, limit);
  }

  @FieldResolver(() => [UserTag], { description: "Free-text tags users gave the movie, most used first" })
  async userTags(@Root() movie: Movie, @Args(() => TagsArgs) { first }: TagsArgs, @Ctx() ctx: GraphQLContext): Promise<UserTag[]> {
    const limit = parseFirst(first);
    return ((await ctx.loaders.userTags.load(Number(movie.id)))?.tags ?? []).slice(0, limit);
  }
}
