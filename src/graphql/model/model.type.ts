import { GraphQLJSONObject } from "graphql-scalars";
import { Field, ID, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "The active version of a trained model" })
export class ModelInfo {
  @Field(() => ID)
  name!: string;

  @Field(() => String)
  kind!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => String, { description: "ISO date-time the version became active" })
  trainedAt!: string;

  @Field(() => GraphQLJSONObject, { description: "The configuration it was trained with" })
  params!: Record<string, unknown>;

  @Field(() => GraphQLJSONObject, { description: "What training measured (fit time, epochs, final loss)" })
  metrics!: Record<string, unknown>;

  @Field(() => String, { description: "SHA-256 of the ratings it was trained on" })
  dataFingerprint!: string;
}
