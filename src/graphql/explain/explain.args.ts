import { ArgsType, Field, ID, Int } from "type-graphql";

@ArgsType()
export class ExplainArgs {
  @Field(() => ID)
  userId!: string;

  @Field(() => ID)
  movieId!: string;

  @Field(() => Int, { nullable: true, defaultValue: 5 })
  first?: number | null;
}

@ArgsType()
export class ExplanationFieldArgs {
  @Field(() => Int, { nullable: true, defaultValue: 5 })
  first?: number | null;
}

/** explainFor's own arguments; the visitor's taste comes as VisitorProfileArgs. */
@ArgsType()
export class ExplainForArgs {
  @Field(() => ID)
  movieId!: string;

  @Field(() => Int, { nullable: true, defaultValue: 5 })
  first?: number | null;
}
