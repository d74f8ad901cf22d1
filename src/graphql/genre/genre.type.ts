import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "A MovieLens genre" })
export class Genre {
  @Field(() => String)
  name!: string;

  @Field(() => Int, { description: "Movies in the genre" })
  movieCount!: number;
}
