import { ArgsType, Field, Float, ID, InputType } from "type-graphql";

@InputType({ description: "A visitor's rating of a movie" })
export class MovieRatingInput {
  @Field(() => ID)
  movieId!: string;

  @Field(() => Float, { description: "0.5 to 5 in half stars" })
  rating!: number;
}

/** How an anonymous visitor describes their taste, wherever the API takes one: recommendationsFor and explainFor. */
@ArgsType()
export class VisitorProfileArgs {
  @Field(() => [ID], { nullable: true, description: "Movies an anonymous visitor likes (counted as 5 stars)" })
  likedMovieIds?: string[] | null;

  @Field(() => [MovieRatingInput], { nullable: true, description: "Movies the visitor rated, low ratings included; a rating overrides a like of the same movie" })
  ratings?: MovieRatingInput[] | null;
}
