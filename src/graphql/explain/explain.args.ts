import { ArgsType, Field, ID, Int } from "type-graphql";
import { MovieRatingInput } from "../recommendation/recommendation.args.js";

@ArgsType()
export class ExplainArgs {
  @Field(() => ID)
  userId!: string;

  @Field(() => ID)
  movieId!: string;

  @Field(() => Int, { nullable: true, defaultValue: 5 })
  first?: number | null;
}

@ArgsType()
export class ExplanationFieldArgs {
  @Field(() => Int, { nullable: true, defaultValue: 5 })
  first?: number | null;
}

@ArgsType()
export class ExplainForArgs {
  @Field(() => ID)
  movieId!: string;

  @Field(() => [ID], { nullable: true, description: "Movies the visitor likes (counted as 5 stars)" })
  likedMovieIds?: string[] | null;

  @Field(() => [MovieRatingInput], { nullable: true, description: "Movies the visitor rated; a rating overrides a like of the same movie" })
  ratings?: MovieRatingInput[] | null;

  @Field(() => Int, { nullable: true, defaultValue: 5 })
  first?: number | null;
}
