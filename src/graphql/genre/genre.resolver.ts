import { Ctx, Query, Resolver } from "type-graphql";
import type { GraphQLContext } from "../context.js";
import { Genre } from "./genre.type.js";

@Resolver(() => Genre)
export class GenreResolver {
  @Query(() => [Genre], { description: "Every genre, by name: what genre filters accept" })
  genres(@Ctx() ctx: GraphQLContext): Promise<Genre[]> {
    return ctx.services.stats.genres();
  }
}
