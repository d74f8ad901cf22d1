import { gql, type TypedDocumentNode } from "@apollo/client";
import { RECOMMENDATION_FIELDS, type RecommendationData, type Strategy } from "../recommendations/recommendation.fragment";

/** A visitor's rating as the API's MovieRatingInput takes it. */
export interface MovieRatingInput {
  movieId: string;
  rating: number;
}

export interface VisitorRecommendationsData {
  recommendationsFor: RecommendationData[];
}

export interface VisitorRecommendationsVariables {
  ratings: MovieRatingInput[];
  strategy: Strategy;
  first: number;
}

/** Nothing is stored: the server folds the visitor's ratings into the models and never returns a rated movie. */
export const VISITOR_RECOMMENDATIONS: TypedDocumentNode<VisitorRecommendationsData, VisitorRecommendationsVariables> = gql`
  query VisitorRecommendations($ratings: [MovieRatingInput!]!, $strategy: Strategy!, $first: Int!) {
    recommendationsFor(ratings: $ratings, strategy: $strategy, first: $first) {
      ...RecommendationItem
    }
  }
  ${RECOMMENDATION_FIELDS}
`;

export interface CreateVisitorData {
  createUser: { __typename?: "User"; id: string; ratingCount: number };
}

export const CREATE_VISITOR: TypedDocumentNode<CreateVisitorData, Record<string, never>> = gql`
  mutation CreateVisitor {
    createUser {
      id
      ratingCount
    }
  }
`;

export interface RateMovieData {
  rateMovie: {
    movieId: string;
    rating: number | null;
    changed: boolean;
    user: { __typename?: "User"; id: string; ratingCount: number };
    movie: { __typename?: "Movie"; id: string; ratingCount: number; averageRating: number | null };
  };
}

export interface RateMovieVariables {
  userId: string;
  movieId: string;
  rating: number;
}

/**
 * Returns the user and the movie as they are after the rating, which the cache
 * merges into User:<id> and Movie:<id>, so rating counts and averages on
 * screen follow without a refetch.
 */
export const RATE_MOVIE: TypedDocumentNode<RateMovieData, RateMovieVariables> = gql`
  mutation RateMovie($userId: ID!, $movieId: ID!, $rating: Float!) {
    rateMovie(userId: $userId, movieId: $movieId, rating: $rating) {
      movieId
      rating
      changed
      user {
        id
        ratingCount
      }
      movie {
        id
        ratingCount
        averageRating
      }
    }
  }
`;

export interface DeleteRatingData {
  deleteRating: {
    movieId: string;
    changed: boolean;
    user: { __typename?: "User"; id: string; ratingCount: number };
    movie: { __typename?: "Movie"; id: string; ratingCount: number; averageRating: number | null };
  };
}

export const DELETE_RATING: TypedDocumentNode<DeleteRatingData, { userId: string; movieId: string }> = gql`
  mutation DeleteRating($userId: ID!, $movieId: ID!) {
    deleteRating(userId: $userId, movieId: $movieId) {
      movieId
      changed
      user {
        id
        ratingCount
      }
      movie {
        id
        ratingCount
        averageRating
      }
    }
  }
`;
