import { InMemoryCache } from "@apollo/client";
import { relayStylePagination } from "@apollo/client/utilities";

/**
 * Movies and users are normalised by id (the default), so a title fetched by
 * the search shows up on the movie page and a rating count changed by a
 * mutation updates every list. Connections merge their pages; their key
 * arguments keep one list per search or per sort order.
 */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          movies: relayStylePagination(["search", "genres", "yearFrom", "yearTo", "orderBy"]),
          users: relayStylePagination(),
          // Cache redirects: a movie or user already in the cache renders at once while the rest loads.
          movie: { read: (existing, { args, toReference }) => (existing !== undefined ? existing : toReference({ __typename: "Movie", id: args?.id })) },
          user: { read: (existing, { args, toReference }) => (existing !== undefined ? existing : toReference({ __typename: "User", id: args?.id })) },
        },
      },
      Movie: { fields: { ratings: relayStylePagination() } },
      User: { fields: { ratings: relayStylePagination(["orderBy"]) } },
      // A retrained model is a new version with its own metrics.
      ModelInfo: { keyFields: ["name", "version"] },
      // The data set has one set of statistics: queries asking for different parts of it share one object.
      Stats: { keyFields: [] },
    },
  });
}
