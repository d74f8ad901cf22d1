import { gql, type TypedDocumentNode } from "@apollo/client";
import type { RatingBucket, Similarity } from "../movie/movie.queries";

export interface ComparedMovie {
  __typename?: "Movie";
  id: string;
  title: string;
  year: number | null;
  ratingCount: number;
  averageRating: number | null;
}

const COMPARED_MOVIE = gql`
  fragment ComparedMovie on Movie {
    id
    title
    year
    ratingCount
    averageRating
  }
`;

export interface CompareSimilarData {
  movie: (ComparedMovie & { similar: Array<{ movie: ComparedMovie }> }) | null;
}

export const COMPARE_SIMILAR: TypedDocumentNode<CompareSimilarData, { id: string; by: Similarity }> = gql`
  query CompareSimilar($id: ID!, $by: Similarity!) {
    movie(id: $id) {
      ...ComparedMovie
      similar(by: $by, first: 10) {
        movie {
          ...ComparedMovie
        }
      }
    }
  }
  ${COMPARED_MOVIE}
`;

export interface CompareFansData {
  movie: ComparedMovie | null;
  recommendationsFor: Array<{ movie: ComparedMovie }>;
}

/** What the hybrid model recommends to someone whose only like is this movie. */
export const COMPARE_FANS: TypedDocumentNode<CompareFansData, { id: string }> = gql`
  query CompareFans($id: ID!) {
    movie(id: $id) {
      ...ComparedMovie
    }
    recommendationsFor(likedMovieIds: [$id], first: 10) {
      movie {
        ...ComparedMovie
      }
    }
  }
  ${COMPARED_MOVIE}
`;

export interface MostRatedData {
  movies: { edges: Array<{ node: { __typename?: "Movie"; id: string } }> };
}

/** The most rated movie, which the comparison starts from until one is picked. */
export const MOST_RATED: TypedDocumentNode<MostRatedData, Record<string, never>> = gql`
  query MostRated {
    movies(orderBy: POPULARITY, first: 1) {
      edges {
        node {
          id
        }
      }
    }
  }
`;

export interface StatsData {
  stats: {
    __typename?: "Stats";
    users: number;
    movies: number;
    ratings: number;
    tags: number;
    genres: number;
    ratingDistribution: RatingBucket[];
    ratingsPerGenre: Array<{ genre: string; ratings: number; averageRating: number }>;
  };
}

export const STATS: TypedDocumentNode<StatsData, Record<string, never>> = gql`
  query Stats {
    stats {
      users
      movies
      ratings
      tags
      genres
      ratingDistribution {
        rating
        count
      }
      ratingsPerGenre {
        genre
        ratings
        averageRating
      }
    }
  }
`;

export interface MetricValue {
  name: string;
  value: number | null;
}

export interface ModelData {
  __typename?: "ModelInfo";
  name: string;
  kind: string;
  version: number;
  trainedAt: string;
  dataFingerprint: string;
  params: Record<string, unknown>;
  metrics: Record<string, unknown>;
  evaluation: { split: string; k: number; relevance: string; evaluatedAt: string; metrics: MetricValue[] } | null;
}

export const MODELS: TypedDocumentNode<{ models: ModelData[] }, Record<string, never>> = gql`
  query Models {
    models {
      name
      kind
      version
      trainedAt
      dataFingerprint
      params
      metrics
      evaluation {
        split
        k
        relevance
        evaluatedAt
        metrics {
          name
          value
        }
      }
    }
  }
`;
