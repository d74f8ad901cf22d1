import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { ConnectionType, EdgeType } from "../common/connection.type.js";

@ObjectType()
export class User {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  ratingCount!: number;
}

@ObjectType({ description: "How much of a user's rating goes to a genre" })
export class GenreShare {
  @Field(() => String)
  genre!: string;

  @Field(() => Int, { description: "Ratings of movies in the genre" })
  ratings!: number;

  @Field(() => Float)
  averageRating!: number;
}

@ObjectType()
export class RatingResult {
  @Field(() => User)
  user!: User;

  @Field(() => ID)
  movieId!: string;

  @Field(() => Float, { nullable: true, description: "The rating now stored; null after deleteRating" })
  rating!: number | null;

  @Field(() => Boolean, { description: "False when deleteRating found no rating to delete" })
  changed!: boolean;
}

@ObjectType()
export class UserEdge extends EdgeType(User) {}

@ObjectType()
export class UserConnection extends ConnectionType(UserEdge) {}
