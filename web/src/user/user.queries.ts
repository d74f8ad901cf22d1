import { gql, type TypedDocumentNode } from "@apollo/client";
import { MOVIE_CARD_FIELDS, type MovieCardData } from "../components/movie-card.fragment";
import { RECOMMENDATION_FIELDS, type RecommendationData, type RecommendationFilter, type Strategy } from "../recommendations/recommendation.fragment";

export interface UsersData {
  users: {
    totalCount: number;
    edges: Array<{ cursor: string; node: { __typename?: "User"; id: string; ratingCount: number } }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

export const USERS: TypedDocumentNode<UsersData, { first: number; after?: string | null }> = gql`
  query Users($first: Int!, $after: String) {
    users(first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          ratingCount
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export interface GenreShare {
  genre: string;
  ratings: number;
  averageRating: number;
}

export interface UserProfileData {
  user: {
    __typename?: "User";
    id: string;
    ratingCount: number;
    topGenres: GenreShare[];
    ratings: {
      totalCount: number;
      edges: Array<{ cursor: string; node: { rating: number; ratedAt: string | null; movie: MovieCardData } }>;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  } | null;
}

/** The user's taste: genre profile and favourites (User.ratings pages merge per `orderBy`). */
export const USER_PROFILE: TypedDocumentNode<UserProfileData, { id: string; first: number; after?: string | null }> = gql`
  query UserProfile($id: ID!, $first: Int!, $after: String) {
    user(id: $id) {
      id
      ratingCount
      topGenres(first: 8) {
        genre
        ratings
        averageRating
      }
      ratings(first: $first, after: $after, orderBy: HIGHEST) {
        totalCount
        edges {
          cursor
          node {
            rating
            ratedAt
            movie {
              ...MovieCard
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
  ${MOVIE_CARD_FIELDS}
`;

export interface UserRecommendationsData {
  user: { __typename?: "User"; id: string; recommendations: RecommendationData[] } | null;
}

export interface UserRecommendationsVariables {
  id: string;
  strategy: Strategy;
  filter?: RecommendationFilter;
  first: number;
}

/**
 * Asked through User so the lists are stored on the User object: a rating
 * mutation can refetch or evict them for exactly that user.
 */
export const USER_RECOMMENDATIONS: TypedDocumentNode<UserRecommendationsData, UserRecommendationsVariables> = gql`
  query UserRecommendations($id: ID!, $strategy: Strategy!, $filter: RecommendationFilter, $first: Int!) {
    user(id: $id) {
      id
      recommendations(strategy: $strategy, filter: $filter, first: $first) {
        ...RecommendationItem
      }
    }
  }
  ${RECOMMENDATION_FIELDS}
`;
