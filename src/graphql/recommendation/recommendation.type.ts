import { Field, Float, InputType, Int, ObjectType } from "type-graphql";
import { Movie } from "../movie/movie.type.js";

@ObjectType({ description: "The parts of a hybrid score: each component's z-score times its weight (null for other strategies)" })
export class ScoreComponents {
  @Field(() => Float, { nullable: true })
  cf!: number | null;

  @Field(() => Float, { nullable: true })
  content!: number | null;

  @Field(() => Float, { nullable: true })
  popularity!: number | null;
}

@ObjectType()
export class Recommendation {
  @Field(() => Movie)
  movie!: Movie;

  @Field(() => Float, { description: "The model's score; comparable within one list only" })
  score!: number;

  @Field(() => Int, { description: "1 for the best" })
  rank!: number;

  @Field(() => ScoreComponents)
  components!: ScoreComponents;

  /** Whom the list is for, so `explanation` can find paths from them. */
  audience!: Audience;
}

/** A user, or a visitor who is not one, by the (movie id, rating) pairs they gave. */
export type Audience = { userId: number } | { ratings: Array<[number, number]> };

@InputType({ description: "Applied before the list is cut to `first`" })
export class RecommendationFilter {
  @Field(() => [String], { nullable: true, description: "Keep movies in at least one of these genres" })
  genres?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Drop movies in any of these genres" })
  excludeGenres?: string[] | null;

  @Field(() => Int, { nullable: true })
  yearFrom?: number | null;

  @Field(() => Int, { nullable: true })
  yearTo?: number | null;

  @Field(() => Int, { nullable: true, description: "Keep movies with at least this many ratings" })
  minRatingCount?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "0 to 1: how much to trade relevance for variety (maximal marginal relevance λ); 0 or null keeps the model's order",
  })
  diversity?: number | null;
}
