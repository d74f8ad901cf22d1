import { Field, Float, Int, ObjectType } from "type-graphql";

@ObjectType()
export class MetricValue {
  @Field(() => String, { description: 'e.g. "ndcg@10", "rmse", "coverage"' })
  name!: string;

  @Field(() => Float, { nullable: true, description: "Null where the metric does not apply (RMSE of a ranking-only model)" })
  value!: number | null;
}

@ObjectType({ description: "How a model scored on held-out ratings (`cinegraph evaluate --save`, or the first `npm start`)" })
export class ModelEvaluation {
  @Field(() => String, { description: "random, temporal, kfold or stratified" })
  split!: string;

  @Field(() => Int, { description: "Cut-off of the ranking metrics" })
  k!: number;

  @Field(() => String, { description: "Which held-out items counted as relevant" })
  relevance!: string;

  @Field(() => String, { description: "ISO date-time of the evaluation" })
  evaluatedAt!: string;

  @Field(() => [MetricValue])
  metrics!: MetricValue[];
}
