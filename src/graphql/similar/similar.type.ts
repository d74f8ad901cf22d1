import { Field, Float, ObjectType } from "type-graphql";
import { Movie } from "../movie/movie.type.js";

@ObjectType()
export class SimilarMovie {
  @Field(() => Movie)
  movie!: Movie;

  @Field(() => Float)
  score!: number;

  @Field(() => String, { description: 'What produced the score: a model and its version ("item-knn v3"), or "genres"' })
  source!: string;
}
