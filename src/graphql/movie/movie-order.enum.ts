import { registerEnumType } from "type-graphql";

export enum MovieOrder {
  RELEVANCE = "RELEVANCE",
  POPULARITY = "POPULARITY",
  TITLE = "TITLE",
  NEWEST = "NEWEST",
}

registerEnumType(MovieOrder, {
  name: "MovieOrder",
  description: "How a movie list is ordered; ties by title",
  valuesConfig: {
    RELEVANCE: { description: "Titles that start with the search text first, then the most rated" },
    POPULARITY: { description: "Most rated first" },
    TITLE: { description: "Alphabetical" },
    NEWEST: { description: "Latest release year first" },
  },
});
