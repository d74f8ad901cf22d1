import { registerEnumType } from "type-graphql";

export enum RatingOrder {
  RECENT = "RECENT",
  OLDEST = "OLDEST",
  HIGHEST = "HIGHEST",
  LOWEST = "LOWEST",
}

registerEnumType(RatingOrder, {
  name: "RatingOrder",
  description: "How a user's ratings are ordered; ties newest first",
  valuesConfig: {
    RECENT: { description: "Newest first" },
    OLDEST: { description: "Oldest first" },
    HIGHEST: { description: "Best rated first" },
    LOWEST: { description: "Worst rated first" },
  },
});
