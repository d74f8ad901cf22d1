import { ArgsType, Field, ID, Int } from "type-graphql";
import type { SimilarityKind } from "../../recommend/similar.service.js";
import { Similarity } from "./similarity.enum.js";

@ArgsType()
export class SimilarMoviesArgs {
  @Field(() => ID, { nullable: true })
  movieId?: string | null;

  @Field(() => String, { nullable: true, description: 'Exact or approximate title, e.g. "toy story" or "Heat (1995)"' })
  title?: string | null;

  @Field(() => Int, { nullable: true, defaultValue: 10 })
  first?: number | null;

  @Field(() => Similarity, { nullable: true, defaultValue: "HYBRID" })
  by?: SimilarityKind | null;
}

@ArgsType()
export class MovieSimilarArgs {
  @Field(() => Int, { nullable: true, defaultValue: 10 })
  first?: number | null;

  @Field(() => Similarity, { nullable: true, defaultValue: "HYBRID" })
  by?: SimilarityKind | null;
}
