import { gql, type TypedDocumentNode } from "@apollo/client";
import { MOVIE_CARD_FIELDS, type MovieCardData } from "../components/movie-card.fragment";

export interface RatingBucket {
  rating: number;
  count: number;
}

export interface MoviePageData {
  movie: {
    __typename?: "Movie";
    id: string;
    title: string;
    year: number | null;
    genres: string[];
    imdbUrl: string | null;
    tmdbUrl: string | null;
    posterUrl: string | null;
    ratingCount: number;
    averageRating: number | null;
    ratingHistogram: RatingBucket[];
    topTags: Array<{ tag: string; relevance: number }>;
    userTags: Array<{ tag: string; count: number }>;
  } | null;
}

export const MOVIE_PAGE: TypedDocumentNode<MoviePageData, { id: string }> = gql`
  query MoviePage($id: ID!) {
    movie(id: $id) {
      id
      title
      year
      genres
      imdbUrl
      tmdbUrl
      posterUrl
      ratingCount
      averageRating
      ratingHistogram {
        rating
        count
      }
      topTags(first: 12) {
        tag
        relevance
      }
      userTags(first: 15) {
        tag
        count
      }
    }
  }
`;

export type Similarity = "HYBRID" | "CONTENT" | "CF" | "GENRE";

export interface SimilarMovieData {
  score: number;
  source: string;
  movie: MovieCardData;
}

export interface SimilarMoviesData {
  movie: { __typename?: "Movie"; id: string; similar: SimilarMovieData[] } | null;
}

export interface SimilarMoviesVariables {
  id: string;
  by: Similarity;
  first: number;
}

/** Cached per movie and per `by`, so switching back to a similarity already seen is instant. */
export const SIMILAR_MOVIES: TypedDocumentNode<SimilarMoviesData, SimilarMoviesVariables> = gql`
  query SimilarMovies($id: ID!, $by: Similarity!, $first: Int!) {
    movie(id: $id) {
      id
      similar(by: $by, first: $first) {
        score
        source
        movie {
          ...MovieCard
        }
      }
    }
  }
  ${MOVIE_CARD_FIELDS}
`;

export interface MovieRatingsData {
  movie: {
    __typename?: "Movie";
    id: string;
    ratings: {
      totalCount: number;
      edges: Array<{ cursor: string; node: { rating: number; ratedAt: string | null; user: { __typename?: "User"; id: string; ratingCount: number } } }>;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  } | null;
}

export const MOVIE_RATINGS: TypedDocumentNode<MovieRatingsData, { id: string; first: number; after?: string | null }> = gql`
  query MovieRatings($id: ID!, $first: Int!, $after: String) {
    movie(id: $id) {
      id
      ratings(first: $first, after: $after) {
        totalCount
        edges {
          cursor
          node {
            rating
            ratedAt
            user {
              id
              ratingCount
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`;
