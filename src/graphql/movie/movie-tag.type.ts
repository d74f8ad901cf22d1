import { Field, Float, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "A tag-genome tag and how strongly it applies to the movie" })
export class MovieTag {
  @Field(() => String)
  tag!: string;

  @Field(() => Float, { description: "0 to 1, from the MovieLens tag genome" })
  relevance!: number;
}

@ObjectType({ description: "A free-text tag users gave the movie (case-folded)" })
export class UserTag {
  @Field(() => String)
  tag!: string;

  @Field(() => Int, { description: "How many times it was given" })
  count!: number;
}
