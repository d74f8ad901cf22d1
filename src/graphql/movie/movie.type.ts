import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { ConnectionType, EdgeType } from "../common/connection.type.js";

@ObjectType({ description: "A movie from the MovieLens catalogue" })
export class Movie {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "Title without the year suffix MovieLens appends" })
  title!: string;

  @Field(() => Int, { nullable: true, description: "Release year, when the title carried one" })
  year!: number | null;

  @Field(() => [String])
  genres!: string[];

  @Field(() => Int, { description: "How many users rated the movie" })
  ratingCount!: number;

  @Field(() => Float, { nullable: true, description: "Mean rating, null when nobody rated it" })
  averageRating!: number | null;

  imdbId!: string | null;
  tmdbId!: number | null;
}

@ObjectType()
export class MovieEdge extends EdgeType(Movie) {}

@ObjectType()
export class MovieConnection extends ConnectionType(MovieEdge) {}
