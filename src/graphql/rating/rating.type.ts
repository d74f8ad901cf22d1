import { Field, Float, Int, ObjectType } from "type-graphql";
import { PageInfo } from "../movie/movie.type.js";

@ObjectType({ description: "One user's rating of one movie" })
export class Rating {
  @Field(() => Float, { description: "0.5 to 5 in half stars" })
  rating!: number;

  @Field(() => String, { nullable: true, description: "ISO date-time the rating was given" })
  ratedAt!: string | null;

  userId!: number;
  movieId!: number;
}

@ObjectType()
export class RatingEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Rating)
  node!: Rating;
}

@ObjectType()
export class RatingConnection {
  @Field(() => [RatingEdge])
  edges!: RatingEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}
