import { ArgsType, Field, Float, ID, Int } from "type-graphql";

@ArgsType()
export class UserArgs {
  @Field(() => ID)
  id!: string;
}

@ArgsType()
export class UsersArgs {
  @Field(() => Int, { defaultValue: 20 })
  first!: number;

  @Field(() => String, { nullable: true, description: "endCursor of the previous page" })
  after?: string | null;
}

@ArgsType()
export class RateMovieArgs {
  @Field(() => ID)
  userId!: string;

  @Field(() => ID)
  movieId!: string;

  @Field(() => Float, { description: "0.5 to 5 in half stars" })
  rating!: number;
}

@ArgsType()
export class DeleteRatingArgs {
  @Field(() => ID)
  userId!: string;

  @Field(() => ID)
  movieId!: string;
}

@ArgsType()
export class CreateUserArgs {
  @Field(() => ID, { nullable: true, description: "Omit to get the next free id" })
  id?: string | null;

  @Field(() => [ID], { nullable: true, description: "Movies the user likes, stored as 5-star ratings" })
  likedMovieIds?: string[] | null;
}

@ArgsType()
export class TopGenresArgs {
  @Field(() => Int, { nullable: true, defaultValue: 5 })
  first?: number | null;
}
