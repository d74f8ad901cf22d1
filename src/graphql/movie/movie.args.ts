import { ArgsType, Field, ID, Int } from "type-graphql";
import { MovieOrder } from "./movie-order.enum.js";

@ArgsType()
export class MovieArgs {
  @Field(() => ID)
  id!: string;
}

@ArgsType()
export class MoviesArgs {
  @Field(() => String, { nullable: true, description: "Case-insensitive text the title contains" })
  search?: string | null;

  @Field(() => [String], { nullable: true, description: "Movies in all of these genres" })
  genres?: string[] | null;

  @Field(() => Int, { nullable: true })
  yearFrom?: number | null;

  @Field(() => Int, { nullable: true })
  yearTo?: number | null;

  @Field(() => MovieOrder, { defaultValue: MovieOrder.RELEVANCE })
  orderBy!: MovieOrder;

  @Field(() => Int, { defaultValue: 20 })
  first!: number;

  @Field(() => String, { nullable: true, description: "endCursor of the previous page" })
  after?: string | null;
}
