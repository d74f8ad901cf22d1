import { Field, Float, ObjectType } from "type-graphql";
import { ConnectionType, EdgeType } from "../common/connection.type.js";

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
export class RatingEdge extends EdgeType(Rating) {}

@ObjectType()
export class RatingConnection extends ConnectionType(RatingEdge) {}
