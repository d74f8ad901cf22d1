import { Field, Float, Int, ObjectType } from "type-graphql";

@ObjectType()
export class RatingBucket {
  @Field(() => Float)
  rating!: number;

  @Field(() => Int)
  count!: number;
}

@ObjectType()
export class GenreRatings {
  @Field(() => String)
  genre!: string;

  @Field(() => Int)
  ratings!: number;

  @Field(() => Float)
  averageRating!: number;
}

@ObjectType({ description: "Size and shape of the data set in the graph" })
export class Stats {
  @Field(() => Int)
  users!: number;

  @Field(() => Int)
  movies!: number;

  @Field(() => Int)
  ratings!: number;

  @Field(() => Int)
  tags!: number;

  @Field(() => Int)
  genres!: number;

  @Field(() => [RatingBucket])
  ratingDistribution!: RatingBucket[];

  @Field(() => [GenreRatings])
  ratingsPerGenre!: GenreRatings[];
}
