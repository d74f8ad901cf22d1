import { gql, type TypedDocumentNode } from "@apollo/client";
import { MOVIE_CARD_FIELDS, type MovieCardData } from "../components/movie-card.fragment";

export type Strategy = "HYBRID" | "ALS" | "MF" | "ITEM_KNN" | "USER_KNN" | "CONTENT" | "POPULAR";

export interface RecommendationFilter {
  genres?: string[];
  yearFrom?: number;
  yearTo?: number;
  diversity?: number;
}

/** What RecommendationList shows of each recommendation. */
export interface RecommendationData {
  __typename?: "Recommendation";
  rank: number;
  score: number;
  components: { cf: number | null; content: number | null; popularity: number | null };
  movie: MovieCardData;
}

export const RECOMMENDATION_FIELDS: TypedDocumentNode<RecommendationData> = gql`
  fragment RecommendationItem on Recommendation {
    rank
    score
    components {
      cf
      content
      popularity
    }
    movie {
      ...MovieCard
    }
  }
  ${MOVIE_CARD_FIELDS}
`;
