import { gql, type TypedDocumentNode } from "@apollo/client";
import { MOVIE_CARD_FIELDS, type MovieCardData } from "../components/movie-card.fragment";

/** RELEVANCE puts titles starting with the text first, then the most rated: with no text, the most rated. */
export type MovieOrder = "RELEVANCE" | "POPULARITY" | "NEWEST" | "TITLE";

export interface SearchMoviesVariables {
  search?: string;
  orderBy?: MovieOrder;
  genres?: string[];
  yearFrom?: number;
  yearTo?: number;
  first: number;
  after?: string | null;
}

export interface SearchMoviesData {
  movies: {
    totalCount: number;
    edges: Array<{ cursor: string; node: MovieCardData }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/** One page of movies; later pages are appended by the relayStylePagination policy on Query.movies. */
export const SEARCH_MOVIES: TypedDocumentNode<SearchMoviesData, SearchMoviesVariables> = gql`
  query SearchMovies($search: String, $genres: [String!], $yearFrom: Int, $yearTo: Int, $orderBy: MovieOrder, $first: Int!, $after: String) {
    movies(search: $search, genres: $genres, yearFrom: $yearFrom, yearTo: $yearTo, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          ...MovieCard
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
  ${MOVIE_CARD_FIELDS}
`;

