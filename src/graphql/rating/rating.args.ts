import { ArgsType, Field, Int } from "type-graphql";
import { RatingOrder } from "./rating-order.enum.js";

@ArgsType()
export class RatingsArgs {
  @Field(() => Int, { defaultValue: 20 })
  first!: number;

  @Field(() => String, { nullable: true, description: "endCursor of the previous page" })
  after?: string | null;
}

@ArgsType()
export class UserRatingsArgs extends RatingsArgs {
  @Field(() => RatingOrder, { defaultValue: RatingOrder.RECENT })
  orderBy!: RatingOrder;
}
